// The post preview: server-rendered HTML in a sandboxed frame, quoted share, warnings, typography changes.

import { h, replace } from "./dom.js";

const RULES = { quote: "Anführungszeichen", quotes: "Anführungszeichen", apostrophe: "Apostroph",
  omission: "Auslassung", ellipsis: "Auslassungspunkte" };
const FIELD_NAMES = { title: "Titel", outlet: "Medium", source_label: "Quellenbezeichnung",
  original_label: "Originalbezeichnung", headline: "Schlagzeile", subtitle: "Untertitel", byline: "Autor",
  full_original_line: "Original-Zeile", credit: "Übersetzungsvermerk" };

/** "Titel", "Absatz 3" … for the server's field names ("blocks[2]" is the third body block). */
export function fieldName(field) {
  const block = /^blocks\[(\d+)\]$/.exec(field);
  if (block) return `Textblock ${Number(block[1]) + 1}`;
  return FIELD_NAMES[field] || field;
}

const number = new Intl.NumberFormat("de-DE");

/** An opening quote and the closing one after it in the same field become one entry: „…“ statt "…". */
export function pairQuotes(changes) {
  const out = [];
  for (let i = 0; i < changes.length; i++) {
    const c = changes[i];
    const next = changes[i + 1];
    if (next && /^quotes?$/.test(c.rule) && next.rule === c.rule && next.field === c.field && /^[„‚]$/.test(c.after)) {
      out.push({ ...c, after: `${c.after}…${next.after}`, before: `${c.before}…${next.before}` });
      i++;
    } else {
      out.push(c);
    }
  }
  return out;
}

/** The frame's document: the server's escaped HTML inside a minimal page (the frame runs no scripts). */
function frameDocument(html) {
  return `<!doctype html><html lang="de"><head><meta charset="utf-8"><link rel="stylesheet" href="${
    location.origin}/css/preview.css"></head><body>${html}</body></html>`;
}

export function previewPanel() {
  const title = h("h2", { id: "preview-title", class: "preview-title", lang: "de" });
  const share = h("p", { id: "post-share", class: "share", role: "status" });
  const budget = h("p", { id: "post-budget", class: "budget-warning", role: "alert", hidden: true });
  const warnings = h("ul", { id: "post-warnings", class: "warnings" });
  const changes = h("ul", { id: "typo-changes", class: "typo-changes" });
  const changesBox = h("details", { class: "typo", id: "typo-box", open: true },
    h("summary", { id: "typo-summary" }, "Typografie"), changes);
  // sandbox="" (no allow-scripts, no allow-same-origin): nothing in the preview can run or reach the app.
  const frame = h("iframe", { id: "post-preview", class: "preview-frame", sandbox: "", title: "Vorschau des Beitrags",
    referrerpolicy: "no-referrer" });
  const empty = h("p", { class: "muted", id: "preview-empty" }, "Die Vorschau erscheint, sobald der Beitrag gespeichert ist.");
  const el = h("section", { class: "preview-panel", "aria-labelledby": "preview-head" },
    h("h2", { id: "preview-head", class: "panel-head" }, "Vorschau"), empty, title, share, budget, warnings,
    changesBox, frame);
  changesBox.hidden = true;
  frame.hidden = true;

  function show(p) {
    empty.hidden = true;
    frame.hidden = false;
    title.textContent = p.title;
    const percent = Math.round(p.share * 1000) / 10;
    share.textContent = `Zitiert: ${number.format(p.quoted_chars)} von ${number.format(p.total_chars)} Zeichen `
      + `der Quelle (${number.format(percent)} %)`;
    share.classList.toggle("over", p.over_budget);
    budget.hidden = !p.over_budget;
    budget.textContent = p.over_budget
      ? `Achtung: mehr als das Zitatbudget (${number.format(percent)} %). Bitte weniger Absätze übernehmen.` : "";
    replace(warnings, ...p.warnings.map((w) => h("li", { lang: "en" }, w)));
    changesBox.hidden = !p.typography_changes.length;
    const n = p.typography_changes.length;
    replace(changesBox.querySelector("summary"), `Typografie: ${n} Änderung${n === 1 ? "" : "en"} durch den Normalisierer`);
    replace(changes, ...pairQuotes(p.typography_changes).map((c) => h("li", { class: `typo-${c.rule}` },
      h("span", { class: "typo-field" }, fieldName(c.field)), ": ",
      h("code", { class: "after" }, c.after), " statt ", h("code", { class: "before" }, c.before),
      h("span", { class: "muted" }, ` (${RULES[c.rule] || c.rule})`))));
    const page = frameDocument(p.html);
    if (frame.srcdoc !== page) frame.srcdoc = page; // an unchanged preview does not reload (no flicker)
  }

  function clear(message) {
    empty.hidden = false;
    empty.textContent = message;
  }

  return { el, show, clear };
}
