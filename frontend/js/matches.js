// Translation-memory matches under the active segment: score, a word diff of the match's source
// against this source, and Ctrl+1..3 to take a match's German text.

import { api } from "./api.js";
import { renderDiff } from "./diff.js";
import { h, replace } from "./dom.js";
import { errorText } from "./format.js";

export const SHOWN = 3;

/** Resolves in the first task after the next frame was painted. */
function afterPaint() {
  return new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
}
const KIND = { exact: "exakt", near: "fast exakt", fuzzy: "ähnlich" };

/** The matches of a segment (cached per segment id and source text: they do not change while open).
 *
 * preload(documentId) asks once for every segment's matches (GET /api/documents/{id}?include=matches,
 * from the lists the server stores); a segment is then shown without a request of its own.
 * Only a segment whose source text differs from the preloaded one, whose matches the server has not
 * computed yet (null: it queued them), or a failed preload, asks GET /api/segments/{id}/matches. */
export class MatchFinder {
  constructor() {
    this.cache = new Map();
    this.preloaded = Promise.resolve(new Map());
  }

  preload(documentId) {
    // Asked for after the first screen is painted: the server's lookup and the browser's parse of a
    // second copy of the document do not compete with it; a panel shown before waits for the answer.
    this.preloaded = afterPaint()
      .then(() => api(`/api/documents/${documentId}`, { params: { include: "matches", match_limit: SHOWN } }))
      .then((doc) => new Map(doc.segments.map((s) => [s.id, s])))
      .catch(() => new Map()); // the panels fall back to one request per segment
  }

  load(segment) {
    if (!this.cache.has(segment.id)) {
      const pending = this.preloaded.then((all) => {
        const known = all.get(segment.id);
        if (known && known.source_text === segment.source_text && Array.isArray(known.matches)) return known.matches;
        return api(`/api/segments/${segment.id}/matches`, { params: { limit: SHOWN } });
      });
      pending.catch(() => this.cache.delete(segment.id)); // a failed load is tried again next time
      this.cache.set(segment.id, pending);
    }
    return this.cache.get(segment.id);
  }

  forget(segmentId) {
    this.cache.delete(segmentId);
    this.preloaded = this.preloaded.then((all) => (all.delete(segmentId), all));
  }
}

function matchItem(match, index, segment, onTake) {
  const where = [match.outlet, match.document_id ? `Dokument ${match.document_id}` : "TMX-Import", match.approved_by]
    .filter(Boolean).join(" · ");
  return h("li", { class: `match match-${match.kind}`, dataset: { score: match.score } },
    h("div", { class: "match-head" },
      h("span", { class: "match-score", title: KIND[match.kind] || match.kind }, `${match.score} %`),
      h("span", { class: "tag" }, KIND[match.kind] || match.kind),
      h("span", { class: "tag" }, where),
      h("span", { class: "spacer" }),
      h("button", { type: "button", class: "small link take-match", title: `Übernehmen (Strg+${index + 1})`,
        onclick: () => onTake(match) }, `Strg+${index + 1} übernehmen`)),
    h("p", { class: "match-target", lang: "de" }, match.target_text),
    match.score < 100 ? h("details", { class: "match-source", open: true },
      h("summary", {}, "Unterschied der Quelle (Treffer → dieses Segment)"),
      renderDiff(match.source_text, segment.source_text)) : null);
}

/** Fill a panel with the segment's matches; onTake(match) inserts one. */
async function showMatches(panel, finder, segment, onTake) {
  panel.hidden = false;
  replace(panel, h("p", { class: "muted" }, "Übersetzungsspeicher: sucht …"));
  let matches;
  try {
    matches = await finder.load(segment);
  } catch (error) {
    replace(panel, h("p", { class: "muted" }, `Übersetzungsspeicher: ${errorText(error)}`));
    return [];
  }
  if (!matches.length) {
    replace(panel, h("p", { class: "muted" }, "Übersetzungsspeicher: keine Treffer."));
    return [];
  }
  replace(panel, h("h4", {}, "Übersetzungsspeicher"),
    h("ol", { class: "matches-list" }, matches.map((m, i) => matchItem(m, i, segment, onTake))));
  return matches;
}

/** The panel under the active segment: one at a time; take(row, i) inserts match i of that row. */
export class MatchPanels {
  constructor(onInsert) {
    this.finder = new MatchFinder();
    this.onInsert = onInsert;
    this.row = null;
    this.matches = [];
  }

  preload(documentId) {
    this.finder.preload(documentId);
  }

  async activate(row) {
    if (this.row === row) return;
    if (this.row) this.row.matchesPanel.hidden = true;
    this.row = row;
    this.matches = [];
    const found = await showMatches(row.matchesPanel, this.finder, row.data, (m) => this.onInsert(row, m.target_text));
    if (this.row === row) this.matches = found;
  }

  take(row, index) {
    const match = this.row === row ? this.matches[index] : null;
    if (match) this.onInsert(row, match.target_text);
  }
}
