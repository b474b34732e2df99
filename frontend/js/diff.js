// A word-level diff (longest common subsequence) between two texts, rendered as <del>/<ins>.

import { h } from "./dom.js";

const TOKEN = /[\p{L}\p{N}]+|\s+|[^\p{L}\p{N}\s]/gu;
const MAX_CELLS = 4_000_000;

/** Words, runs of whitespace and single punctuation marks. */
export function tokenize(text) {
  return (text || "").match(TOKEN) || [];
}

function lcsOps(a, b) {
  const n = a.length;
  const m = b.length;
  const width = m + 1;
  const table = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * width + j] = a[i] === b[j]
        ? table[(i + 1) * width + j + 1] + 1
        : Math.max(table[(i + 1) * width + j], table[i * width + j + 1]);
    }
  }
  const ops = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      ops.push(["eq", a[i]]);
      i++;
      j++;
    } else if (table[(i + 1) * width + j] >= table[i * width + j + 1]) {
      ops.push(["del", a[i++]]);
    } else {
      ops.push(["ins", b[j++]]);
    }
  }
  while (i < n) ops.push(["del", a[i++]]);
  while (j < m) ops.push(["ins", b[j++]]);
  return ops;
}

/** [{op: "eq"|"del"|"ins", text}] turning `before` into `after`, adjacent parts merged. */
export function wordDiff(before, after) {
  const a = tokenize(before);
  const b = tokenize(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const middle = midA.length * midB.length > MAX_CELLS
    ? [...midA.map((t) => ["del", t]), ...midB.map((t) => ["ins", t])]
    : lcsOps(midA, midB);
  const ops = [...a.slice(0, start).map((t) => ["eq", t]), ...middle, ...a.slice(endA).map((t) => ["eq", t])];
  const parts = [];
  for (const [op, text] of ops) {
    const last = parts[parts.length - 1];
    if (last && last.op === op) last.text += text;
    else parts.push({ op, text });
  }
  return parts;
}

/** The diff as DOM: unchanged text, <del> for removed and <ins> for added words. */
export function renderDiff(before, after) {
  const parts = wordDiff(before, after);
  const box = h("div", { class: "diff" });
  if (!parts.length) box.append(h("span", { class: "muted" }, "(leer)"));
  for (const part of parts) {
    if (part.op === "eq") box.append(part.text);
    else box.append(h(part.op, { title: part.op === "ins" ? "hinzugefügt" : "entfernt" }, part.text));
  }
  return box;
}
