// The document editor: loads the document, lays out header, toolbar and rows, wires autosave and commands.

import { api } from "./api.js";
import { Autosaver } from "./autosave.js";
import { resolveConflict } from "./conflict.js";
import { h, replace } from "./dom.js";
import { documentHeader } from "./dochead.js";
import { DOCUMENT_STATUS, errorText } from "./format.js";
import { compileTerms } from "./glossary.js";
import { showHelp } from "./keys.js";
import { MatchPanels } from "./matches.js";
import { RowList } from "./rows.js";
import { segmentActions } from "./segactions.js";
import { autosize } from "./segment.js";
import { isReviewer } from "./session.js";
import { countsText, filterControl, postLinks, translateControl } from "./toolbar.js";

export function editorView(documentId) {
  const ed = { doc: null, reviewer: isReviewer() };
  const counts = h("span", { id: "seg-counts", class: "counts", role: "status" });
  const docStatus = h("span", { id: "doc-status", class: "badge" });
  const notice = h("div", { id: "editor-notice", class: "notice", role: "alert" });
  const saver = new Autosaver({ resolveConflict, onSaved: () => refreshCounts() });
  let list = null;
  let actions = null;
  let translate = null;
  let lastRefresh = 0;
  const matches = new MatchPanels((row, text) => actions.insertText(row, text));

  function refreshCounts() {
    counts.textContent = countsText(list.counted());
    const status = ed.doc.status;
    docStatus.textContent = DOCUMENT_STATUS[status] || status;
    docStatus.className = `badge doc-${status}`;
  }

  function refreshDocStatus() {
    // Not awaited: the jump to the next segment must not wait for the document's status.
    api(`/api/documents/${documentId}`)
      .then((doc) => {
        ed.doc.status = doc.status;
        refreshCounts();
      })
      .catch(() => {});
  }

  async function reloadDocument() {
    ed.doc = await api(`/api/documents/${documentId}`);
    for (const seg of ed.doc.segments) {
      const row = list.byId.get(seg.id);
      if (!row) continue; // not built yet: it will be built from this fresh copy
      if (row.dirty || row.inflight) {
        // Keep the version the translator started from: a change meanwhile must end in the
        // conflict dialog, never be overwritten silently. Only the new machine draft is shown.
        row.data = { ...row.data, draft_text: seg.draft_text, draft_provider: seg.draft_provider };
        row.render();
      } else {
        row.update(seg);
      }
    }
    list.applyFilter();
    refreshCounts();
  }

  function listen() {
    list.el.addEventListener("input", (event) => {
      const row = list.rowOf(event.target);
      if (!row || event.target !== row.field) return;
      autosize(row.field);
      saver.changed(row);
      row.renderExtras();
    });
    list.el.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-action]");
      const row = button && list.rowOf(button);
      if (row) actions.buttons[button.dataset.action](row);
    });
    list.el.addEventListener("focusin", (event) => {
      const row = list.rowOf(event.target);
      if (row && event.target === row.field) matches.activate(row);
    });
    list.el.addEventListener("focusout", (event) => {
      const row = list.rowOf(event.target);
      if (row && event.target === row.field && row.dirty) saver.save(row);
    });
    list.el.addEventListener("keydown", actions.onKeydown);
    document.addEventListener("keydown", onGlobalKey);
  }

  function toolbar() {
    translate = translateControl(ed.doc, {
      onProgress: () => {
        if (Date.now() - lastRefresh > 1500) {
          lastRefresh = Date.now();
          reloadDocument().catch(() => {});
        }
      },
      onDone: () => reloadDocument().catch((error) => { notice.textContent = errorText(error); }),
    });
    const approveAll = ed.reviewer
      ? h("button", { type: "button", id: "approve-edited", onclick: approveEdited }, "Alle bearbeiteten freigeben")
      : null;
    return h("div", { class: "toolbar", role: "toolbar", "aria-label": "Dokument" },
      translate.el, filterControl((value) => list.applyFilter(value)), counts, approveAll,
      postLinks(documentId),
      h("button", { type: "button", class: "link", onclick: showHelp, "aria-keyshortcuts": "?" }, "Tastenkürzel (?)"));
  }

  async function approveEdited() {
    if (!(await saver.flushAll())) {
      notice.textContent = "Erst alle Änderungen speichern (siehe markierte Segmente).";
      return;
    }
    try {
      ed.doc = await api(`/api/documents/${documentId}/approve-edited`, { method: "POST" });
      list.all();
      for (const seg of ed.doc.segments) list.byId.get(seg.id)?.update(seg);
      list.applyFilter();
      refreshCounts();
    } catch (error) {
      notice.textContent = errorText(error);
    }
  }

  async function render(main, params) {
    // Both requests at once; the glossary is a help, the editor works without it.
    const termsLoad = api("/api/terms").catch(() => []);
    try {
      ed.doc = await api(`/api/documents/${documentId}`);
    } catch (error) {
      main.append(h("p", { class: "error", role: "alert" }, errorText(error)), h("a", { href: "#/" }, "Zum Eingang"));
      return;
    }
    const terms = compileTerms((await termsLoad).filter((t) => t.source_lang === ed.doc.source_lang));
    performance.mark("werkbank-editor-data");
    if (params.get("existing")) notice.textContent = "Diese Quelle war schon gespeichert; hier ist sie.";
    list = new RowList({
      segments: () => ed.doc.segments,
      ctx: { reviewer: ed.reviewer, terms },
      saver,
      onRestored: (n) => { notice.textContent = `${n} ungespeicherte Änderung(en) aus diesem Browser wiederhergestellt.`; },
    });
    actions = segmentActions({
      ed, list, saver, matches, docChanged: refreshDocStatus,
      after: ({ filter = true } = {}) => {
        if (filter) list.applyFilter();
        refreshCounts();
      },
    });
    replace(main, documentHeader(ed.doc, docStatus), toolbar(), notice, list.el);
    matches.preload(documentId); // one request for every segment's matches, not one per segment shown
    const allBuilt = list.start();
    performance.mark("werkbank-editor-rows");
    listen();
    refreshCounts();
    actions.focusRow(list.nextOpen(null) || list.rows[0]);
    document.body.dataset.ready = "editor";
    performance.mark("werkbank-editor-ready");
    allBuilt.then(() => {
      document.body.dataset.rows = "all";
      performance.mark("werkbank-editor-all-rows");
    });
  }

  function onGlobalKey(event) {
    if (event.key === "?" && !/^(TEXTAREA|INPUT|SELECT)$/.test(event.target.tagName) && !list.el.contains(event.target)) {
      event.preventDefault();
      showHelp();
    }
  }

  return {
    render,
    hasUnsaved: () => saver.hasUnsaved(),
    confirmLeave: () => !saver.hasUnsaved()
      || window.confirm("Es gibt ungespeicherte Änderungen. Seite trotzdem verlassen?"),
    destroy: () => {
      saver.stop();
      list?.stop();
      translate?.destroy();
      document.removeEventListener("keydown", onGlobalKey);
      delete document.body.dataset.ready;
      delete document.body.dataset.rows;
    },
  };
}
