// QA issues of a segment: the list under it, the marked spans, and the reason asked for once
// when a reviewer approves over errors.

import { h, replace } from "./dom.js";

const SEVERITY = { error: "Fehler", warning: "Hinweis" };

/** Spans are code-point offsets (the server's Python indexing), so slice code points, not UTF-16 units. */
function slice(chars, start, end) {
  return chars.slice(start, end).join("");
}

/** Put the text into el with every span wrapped in <mark> (overlapping spans merge into the first). */
export function markSpans(el, text, issues, side) {
  const chars = Array.from(text || "");
  const spans = issues
    .filter((issue) => issue[side])
    .map((issue) => ({ start: issue[side][0], end: issue[side][1], issue }))
    .sort((a, b) => a.start - b.start);
  const parts = [];
  let at = 0;
  for (const { start, end, issue } of spans) {
    if (start < at || end > chars.length) continue;
    parts.push(slice(chars, at, start));
    parts.push(h("mark", { class: `qa-mark qa-${issue.severity}`, dataset: { code: issue.code },
      title: issue.message }, slice(chars, start, end)));
    at = end;
  }
  parts.push(slice(chars, at, chars.length));
  replace(el, ...parts);
}

function targetExcerpt(target, span) {
  const chars = Array.from(target || "");
  const [start, end] = span;
  const from = Math.max(0, start - 30);
  const to = Math.min(chars.length, end + 30);
  return h("q", { class: "qa-excerpt", lang: "de" }, from > 0 ? "…" : "", slice(chars, from, start),
    h("mark", { class: "qa-mark" }, slice(chars, start, end)), slice(chars, end, to), to < chars.length ? "…" : "");
}

/** The issues as a list under the segment (null when there are none). */
export function qaList(seg) {
  const issues = seg.qa || [];
  if (!issues.length) return null;
  return h("ul", { class: "qa-list", "aria-label": "Qualitätsprüfung" },
    issues.map((issue) => h("li", { class: `qa-item qa-${issue.severity}`, dataset: { code: issue.code } },
      h("span", { class: "qa-severity" }, SEVERITY[issue.severity] || issue.severity), " ",
      h("span", { class: "qa-message" }, issue.message),
      issue.target_span ? [" ", targetExcerpt(seg.target_text, issue.target_span)] : null)));
}

/** After a 422 qa_errors: ask once why the segment is approved anyway; the body to send again, or null. */
export function forcedApproval(error, version) {
  if (error.code !== "qa_errors") return null;
  const listed = (error.detail.issues || []).map((issue) => `• ${issue.message}`).join("\n");
  const reason = window.prompt(
    `Die Qualitätsprüfung meldet Fehler:\n${listed}\n\nTrotzdem freigeben? Bitte begründen:`, "");
  return reason && reason.trim() ? { version, force: true, reason: reason.trim() } : null;
}
