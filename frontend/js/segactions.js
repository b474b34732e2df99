// The editor's commands on one segment: approve (and go on), reopen, take a draft or match, revert, keys.

import { api } from "./api.js";
import { errorText } from "./format.js";
import { openHistory } from "./history.js";
import { commandFor, showHelp } from "./keys.js";
import { forcedApproval } from "./qa.js";
import { autosize } from "./segment.js";

/** ed: {reviewer}; list: the RowList; after({filter}): counts (and the filter) after a change; docChanged(): status reload. */
export function segmentActions({ ed, list, saver, matches, after, docChanged }) {
  function focusRow(row) {
    if (!row) return;
    row.el.hidden = false;
    row.field.focus();
    row.el.scrollIntoView({ block: "nearest" });
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
      docChanged();
      return true;
    } catch (error) {
      row.setSave(row.saveState, errorText(error));
      if (error.code === "version_conflict" && error.detail.current) row.update(error.detail.current);
      return false;
    } finally {
      after();
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
    // Move on only from where the translator still is: a field they went to while the request was on
    // its way keeps the focus, or their next keys would land in another segment.
    const active = document.activeElement;
    if (ok && (!active || active === document.body || row.el.contains(active))) focusRow(list.nextOpen(row));
  }

  function insertText(row, text) {
    if (row.data.status === "approved") return;
    row.field.value = text;
    autosize(row.field);
    saver.changed(row);
    row.renderExtras();
    row.field.focus();
  }

  function copyDraft(row) {
    if (row.data.draft_text) insertText(row, row.data.draft_text);
  }

  async function revert(row, revision) {
    if (!(await saver.flush(row))) throw new Error("Erst speichern oder Konflikt lösen.");
    const seg = await api(`/api/segments/${row.id}/revert`, {
      method: "POST", body: { revision_id: revision.id, version: row.data.version } });
    row.update(seg);
    row.setSave("saved", "wiederhergestellt");
    after({ filter: false });
  }

  const buttons = {
    approve: (row) => approveNext(row),
    reopen: (row) => reopen(row).then(() => row.field.focus()),
    retry: (row) => saver.save(row),
    copyDraft,
    history: (row) => openHistory(row, (revision) => revert(row, revision)),
  };

  function onKeydown(event) {
    const row = list.rowOf(event.target);
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
    else if (command === "next") focusRow(list.neighbour(row, 1));
    else if (command === "previous") focusRow(list.neighbour(row, -1));
    else if (command === "copyDraft") copyDraft(row);
    else if (command === "reopen" && ed.reviewer && row.data.status === "approved") buttons.reopen(row);
    else if (command === "leave") row.el.focus();
    else if (command.startsWith("match")) matches.take(row, Number(command.slice(5)) - 1);
  }

  return { buttons, focusRow, insertText, onKeydown };
}
