// One segment row: read-only source beside the growing German field, status, draft, glossary.

import { renderDiff } from "./diff.js";
import { h, replace } from "./dom.js";
import { SEGMENT_STATUS, langName } from "./format.js";
import { missingTargets, termsIn } from "./glossary.js";
import { markSpans, qaList } from "./qa.js";

const SAVE_LABELS = {
  clean: "",
  dirty: "ungespeichert",
  saving: "speichert …",
  saved: "gespeichert",
  failed: "nicht gespeichert – neuer Versuch folgt",
  conflict: "Konflikt – bitte auflösen",
  locked: "nicht gespeichert – Segment ist freigegeben",
};

const AUTOSIZE = typeof CSS !== "undefined" && CSS.supports?.("field-sizing", "content");

/** Grow a textarea with its text (browsers without CSS field-sizing). */
export function autosize(field) {
  if (AUTOSIZE) return;
  field.style.height = "auto";
  field.style.height = `${field.scrollHeight + 2}px`;
}

/** Size many fields at once: all writes, then all reads, then all writes (one layout, not one per field). */
export function autosizeAll(fields) {
  if (AUTOSIZE) return;
  for (const field of fields) field.style.height = "auto";
  const heights = fields.map((field) => field.scrollHeight);
  fields.forEach((field, i) => {
    field.style.height = `${heights[i] + 2}px`;
  });
}

function sourceElement(seg) {
  const tag = seg.kind === "title" ? "h2" : seg.kind === "heading" ? "h3" : "p";
  return h(tag, { class: `source-text kind-${seg.kind}`, id: `src-${seg.id}`, lang: seg.source_lang }, seg.source_text);
}

export class SegmentRow {
  /** ctx: {reviewer, terms (compiled)}; buttons carry data-action, handled by the editor. */
  constructor(seg, ctx) {
    this.data = seg;
    this.ctx = ctx;
    this.dirty = false;
    this.saveState = "clean";
    this.build();
    this.render();
  }

  get id() {
    return this.data.id;
  }

  build() {
    const seg = this.data;
    this.field = h("textarea", {
      class: "target",
      id: `tgt-${seg.id}`,
      lang: "de",
      rows: 2,
      spellcheck: "true",
      "aria-label": `Deutsche Übersetzung, Segment ${seg.position + 1}`,
      "aria-describedby": `src-${seg.id} st-${seg.id}`,
      value: seg.target_text || "",
    });
    this.statusBadge = h("span", { class: "status", id: `st-${seg.id}` });
    this.indicator = h("span", { class: "save", "aria-live": "polite" });
    this.retryButton = h("button", { type: "button", class: "link retry", hidden: true, dataset: { action: "retry" } },
      "Jetzt erneut versuchen");
    this.approveButton = h("button", { type: "button", class: "small approve", dataset: { action: "approve" },
      title: "Freigeben und weiter (Strg+Enter)" }, "Freigeben");
    this.reopenButton = h("button", { type: "button", class: "small reopen", dataset: { action: "reopen" },
      title: "Wieder öffnen (Strg+Umschalt+Z)" }, "Wieder öffnen");
    this.copyButton = h("button", { type: "button", class: "small link copy-draft", dataset: { action: "copyDraft" },
      title: "Maschinenentwurf ins Feld kopieren (Strg+Umschalt+C)" }, "Entwurf übernehmen");
    this.historyButton = h("button", { type: "button", class: "small link history", dataset: { action: "history" } },
      "Verlauf");
    this.extras = h("div", { class: "extras" });
    this.matchesPanel = h("div", { class: "matches", id: `tm-${seg.id}`, hidden: true, "aria-live": "polite" });
    const mixed = seg.mixed ? h("span", { class: "tag" }, `Sprache: ${langName(seg.source_lang)}`) : null;
    this.sourceEl = sourceElement(seg);
    this.el = h("article", { class: "seg", id: `seg-${seg.id}`, tabindex: "-1", dataset: { id: seg.id } },
      h("div", { class: "col source" }, h("span", { class: "pos", "aria-hidden": "true" }, seg.position + 1),
        this.sourceEl, mixed),
      h("div", { class: "col german" }, this.field,
        h("div", { class: "meta" }, this.statusBadge, this.indicator, this.retryButton,
          h("span", { class: "spacer" }), this.copyButton, this.historyButton, this.reopenButton, this.approveButton),
        this.extras, this.matchesPanel));
  }

  /** Re-render everything that depends on the server's segment data. */
  render() {
    const seg = this.data;
    const approved = seg.status === "approved";
    this.el.dataset.status = seg.status;
    this.statusBadge.className = `status status-${seg.status}`;
    this.statusBadge.textContent = SEGMENT_STATUS[seg.status] || seg.status;
    if (seg.status === "error" && seg.error) this.statusBadge.textContent += `: ${seg.error}`;
    this.field.readOnly = approved;
    this.approveButton.hidden = !this.ctx.reviewer || approved;
    this.reopenButton.hidden = !this.ctx.reviewer || !approved;
    this.copyButton.hidden = approved || !seg.draft_text;
    const issues = seg.qa || [];
    this.el.dataset.qa = issues.some((i) => i.severity === "error") ? "error" : issues.length ? "warning" : "";
    markSpans(this.sourceEl, seg.source_text, issues, "source_span");
    this.renderExtras();
  }

  renderExtras() {
    const seg = this.data;
    const parts = [];
    if (seg.previous_source_text && (seg.status === "source_changed" || seg.status === "source_removed")) {
      const removed = seg.status === "source_removed";
      parts.push(h("details", { class: "source-diff", open: true },
        h("summary", {}, removed ? "Absatz steht nicht mehr in der Quelle" : "Quelle nach der Übernahme geändert"),
        removed ? h("p", { lang: seg.source_lang }, seg.previous_source_text)
          : renderDiff(seg.previous_source_text, seg.source_text)));
    }
    if (seg.draft_text) {
      parts.push(h("details", { class: "draft" },
        h("summary", {}, `Maschinenentwurf (${seg.draft_provider || "unbekannt"})`),
        h("p", { lang: "de" }, seg.draft_text)));
    }
    parts.push(qaList(seg));
    const found = termsIn(this.ctx.terms, seg.source_text);
    if (found.length) {
      parts.push(h("ul", { class: "glossary", "aria-label": "Glossar" },
        found.map((t) => h("li", { title: t.note || "" }, h("span", { class: "term-src" }, t.source_term), " → ",
          h("span", { class: "term-de" }, t.target_term)))));
    }
    const missing = missingTargets(found, this.field.value);
    if (missing.length) {
      parts.push(h("p", { class: "qa" }, `Hinweis: Glossarbegriff fehlt: ${missing.map((t) => t.target_term).join(", ")}`));
    }
    replace(this.extras, ...parts);
  }

  /** Take a fresh segment from the server; the field follows unless it holds unsaved text. */
  update(seg) {
    this.data = seg;
    if (!this.dirty && this.field.value !== (seg.target_text || "")) {
      this.field.value = seg.target_text || "";
      autosize(this.field);
    }
    this.render();
  }

  setSave(state, message) {
    this.saveState = state;
    this.el.dataset.save = state;
    this.indicator.className = `save save-${state}`;
    this.indicator.textContent = message || SAVE_LABELS[state];
    this.retryButton.hidden = state !== "failed";
  }

  needsWork() {
    return this.data.status !== "approved";
  }
}
