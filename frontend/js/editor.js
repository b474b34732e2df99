// The document editor: segment rows, autosave, keyboard commands, toolbar, history and conflicts.

import { api } from "./api.js";
import { Autosaver, readBackup } from "./autosave.js";
import { resolveConflict } from "./conflict.js";
import { h, replace } from "./dom.js";
import { documentHeader } from "./dochead.js";
import { DOCUMENT_STATUS, errorText } from "./format.js";
import { compileTerms } from "./glossary.js";
import { openHistory } from "./history.js";
import { commandFor, showHelp } from "./keys.js";
import { forcedApproval } from "./qa.js";
import { MatchPanels } from "./matches.js";
import { SegmentRow, autosize, autosizeAll } from "./segment.js";
import { isReviewer } from "./session.js";
import { countsText, filterControl, postLinks, translateControl } from "./toolbar.js";

export function editorView(documentId) {
  const ed = { doc: null, rows: [], byId: new Map(), filter: "all", reviewer: isReviewer() };
  const counts = h("span", { id: "seg-counts", class: "counts", role: "status" });
  const docStatus = h("span", { id: "doc-status", class: "badge" });
  const notice = h("div", { id: "editor-notice", class: "notice", role: "alert" });
  const list = h("div", { class: "segments", id: "segments" });
  const saver = new Autosaver({ resolveConflict, onSaved: () => refreshCounts() });
  let translate = null;
  let lastRefresh = 0;
  const matches = new MatchPanels((row, text) => insertText(row, text));

  function refreshCounts() {
    counts.textContent = countsText(ed.rows);
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

  function applyFilter() {
    for (const row of ed.rows) {
      const approved = row.data.status === "approved";
      row.el.hidden = (ed.filter === "work" && approved) || (ed.filter === "approved" && !approved);
    }
  }

  async function reloadDocument() {
    ed.doc = await api(`/api/documents/${documentId}`);
    for (const seg of ed.doc.segments) {
      const row = ed.byId.get(seg.id);
      if (!row) continue;
      if (row.dirty || row.inflight) {
        // Keep the version the translator started from: a change meanwhile must end in the
        // conflict dialog, never be overwritten silently. Only the new machine draft is shown.
        row.data = { ...row.data, draft_text: seg.draft_text, draft_provider: seg.draft_provider };
        row.render();
      } else {
        row.update(seg);
      }
    }
    applyFilter();
    refreshCounts();
  }

  function rowOf(node) {
    const el = node?.closest?.(".seg");
    return el ? ed.byId.get(Number(el.dataset.id)) : null;
  }

  function focusRow(row) {
    if (!row) return;
    row.el.hidden = false;
    row.field.focus();
    row.el.scrollIntoView({ block: "nearest" });
  }

  function neighbour(row, step, wanted = () => true) {
    const start = ed.rows.indexOf(row);
    for (let i = start + step; i >= 0 && i < ed.rows.length; i += step) {
      if (!ed.rows[i].el.hidden && wanted(ed.rows[i])) return ed.rows[i];
    }
    return null;
  }

  function nextOpen(row) {
    const after = neighbour(row, 1, (r) => r.needsWork());
    return after || ed.rows.find((r) => r !== row && r.needsWork()) || null;
  }

  /** retry(error) may give a second body to send once (a forced approval with its reason). */
  async function segmentCall(row, path, body, retry = () => null) {
    const call = (payload) => api(`/api/segments/${row.id}/${path}`, { method: "POST", body: payload });
    try {
      const seg = await call(body).catch((error) => {
        const again = retry(error);
        if (!again) throw error;
        return call(again);
      });
      row.update(seg);
      refreshDocStatus();
      return true;
    } catch (error) {
      row.setSave(row.saveState, errorText(error));
      if (error.code === "version_conflict" && error.detail.current) row.update(error.detail.current);
      return false;
    } finally {
      applyFilter();
      refreshCounts();
    }
  }

  async function approve(row) {
    if (!(await saver.flush(row))) return false;
    const version = row.data.version;
    return segmentCall(row, "approve", { version }, (error) => forcedApproval(error, version));
  }

  async function reopen(row) {
    const ok = await segmentCall(row, "reopen", { version: row.data.version });
    if (ok && row.dirty) saver.save(row);
    return ok;
  }

  async function approveNext(row) {
    const ok = ed.reviewer && row.data.status !== "approved" ? await approve(row) : await saver.flush(row);
    if (ok) focusRow(nextOpen(row));
  }

  function copyDraft(row) {
    if (row.data.draft_text) insertText(row, row.data.draft_text);
  }

  function insertText(row, text) {
    if (row.data.status === "approved") return;
    row.field.value = text;
    autosize(row.field);
    saver.changed(row);
    row.renderExtras();
    row.field.focus();
  }

  async function revert(row, revision) {
    if (!(await saver.flush(row))) throw new Error("Erst speichern oder Konflikt lösen.");
    const seg = await api(`/api/segments/${row.id}/revert`, {
      method: "POST", body: { revision_id: revision.id, version: row.data.version } });
    row.update(seg);
    row.setSave("saved", "wiederhergestellt");
    refreshCounts();
  }

  const actions = {
    approve: (row) => approveNext(row),
    reopen: (row) => reopen(row).then(() => row.field.focus()),
    retry: (row) => saver.save(row),
    copyDraft,
    history: (row) => openHistory(row, (revision) => revert(row, revision)),
  };

  function onKeydown(event) {
    const row = rowOf(event.target);
    const inField = event.target.tagName === "TEXTAREA";
    if (!inField && event.key === "?" && !event.ctrlKey && !event.altKey) {
      event.preventDefault();
      showHelp();
      return;
    }
    if (!row) return;
    if (!inField && event.key === "Enter" && event.target === row.el) {
      event.preventDefault();
      row.field.focus();
      return;
    }
    const command = commandFor(event);
    if (!command || (command === "leave" && !inField)) return;
    event.preventDefault();
    if (command === "approveNext") approveNext(row);
    else if (command === "next") focusRow(neighbour(row, 1));
    else if (command === "previous") focusRow(neighbour(row, -1));
    else if (command === "copyDraft") copyDraft(row);
    else if (command === "reopen" && ed.reviewer && row.data.status === "approved") actions.reopen(row);
    else if (command === "leave") row.el.focus();
    else if (command.startsWith("match")) matches.take(row, Number(command.slice(5)) - 1);
  }

  function buildRows(terms) {
    const ctx = { reviewer: ed.reviewer, terms };
    const fragment = document.createDocumentFragment();
    for (const seg of ed.doc.segments) {
      const row = new SegmentRow(seg, ctx);
      ed.rows.push(row);
      ed.byId.set(seg.id, row);
      fragment.append(row.el);
    }
    list.append(fragment);
    list.addEventListener("input", (event) => {
      const row = rowOf(event.target);
      if (!row || event.target !== row.field) return;
      autosize(row.field);
      saver.changed(row);
      row.renderExtras();
    });
    list.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-action]");
      const row = button && rowOf(button);
      if (row) actions[button.dataset.action](row);
    });
    list.addEventListener("focusin", (event) => {
      const row = rowOf(event.target);
      if (row && event.target === row.field) matches.activate(row);
    });
    list.addEventListener("focusout", (event) => {
      const row = rowOf(event.target);
      if (row && event.target === row.field && row.dirty) saver.save(row);
    });
    autosizeAll(ed.rows.map((row) => row.field));
  }

  function restoreBackups() {
    let restored = 0;
    for (const row of ed.rows) {
      const backup = readBackup(row.id);
      if (!backup || backup.text === (row.data.target_text || "")) continue;
      row.field.value = backup.text;
      autosize(row.field);
      saver.changed(row);
      if (backup.version !== row.data.version) saver.save(row);
      restored++;
    }
    if (restored) notice.textContent = `${restored} ungespeicherte Änderung(en) aus diesem Browser wiederhergestellt.`;
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
      translate.el, filterControl((value) => { ed.filter = value; applyFilter(); }), counts, approveAll,
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
      for (const seg of ed.doc.segments) ed.byId.get(seg.id)?.update(seg);
      applyFilter();
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
    replace(main, documentHeader(ed.doc, docStatus), toolbar(), notice, list);
    matches.preload(documentId); // one request for every segment's matches, not one per segment shown
    buildRows(terms);
    performance.mark("werkbank-editor-rows");
    list.addEventListener("keydown", onKeydown);
    document.addEventListener("keydown", onGlobalKey);
    refreshCounts();
    restoreBackups();
    focusRow(nextOpen(null) || ed.rows[0]);
    document.body.dataset.ready = "editor";
    performance.mark("werkbank-editor-ready");
  }

  function onGlobalKey(event) {
    if (event.key === "?" && !/^(TEXTAREA|INPUT|SELECT)$/.test(event.target.tagName) && !list.contains(event.target)) {
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
      translate?.destroy();
      document.removeEventListener("keydown", onGlobalKey);
      delete document.body.dataset.ready;
    },
  };
}
