// Revision history of a segment: word diffs between versions and draft → final; revert.

import { api } from "./api.js";
import { focusIsNowhere, h, replace } from "./dom.js";
import { dateTime, errorText } from "./format.js";
import { renderDiff } from "./diff.js";

const KINDS = {
  ingest: "eingelesen",
  machine: "Maschinenentwurf",
  machine_error: "Fehler der Maschine",
  edit: "bearbeitet",
  approve: "freigegeben",
  reopen: "wieder geöffnet",
  revert: "zurückgesetzt",
};

function entry(rev, previous, onRevert) {
  const who = rev.provider ? `${rev.user || ""} (${rev.provider})` : rev.user || "";
  const diffable = rev.kind !== "machine_error";
  return h("li", { class: `rev rev-${rev.kind}`, dataset: { revision: rev.id } },
    h("div", { class: "rev-head" },
      h("strong", {}, `Version ${rev.version}: ${KINDS[rev.kind] || rev.kind}`),
      h("span", { class: "muted" }, ` ${who} · ${dateTime(rev.created_at)}`),
      diffable && rev.text !== null
        ? h("button", { type: "button", class: "small revert", onclick: () => onRevert(rev) },
          "Diesen Stand wiederherstellen")
        : null),
    rev.reason ? h("p", { class: "rev-reason" }, `Trotz QA-Fehlern freigegeben: ${rev.reason}`) : null,
    diffable ? renderDiff(previous ?? "", rev.text ?? "") : h("p", { class: "error" }, rev.text || ""));
}

/** Open the history dialog for a row; onRevert(revision) does the revert. */
export async function openHistory(row, onRevert) {
  const list = h("ol", { class: "revisions", reversed: true });
  const status = h("p", { class: "muted", role: "status" }, "Lädt …");
  const draftDiff = h("div", { class: "draft-diff" });
  const dialog = h("dialog", { class: "history", id: "history-dialog", "aria-labelledby": "history-title" },
    h("div", { class: "dialog-head" },
      h("h2", { id: "history-title" }, `Verlauf von Segment ${row.data.position + 1}`),
      h("button", { type: "button", class: "close", onclick: () => dialog.close() }, "Schließen")),
    draftDiff, status, list);
  const opener = document.activeElement;
  dialog.addEventListener("close", () => {
    dialog.remove();
    // Chromium fires "close" with the next animation frame, which a busy machine delays: a translator
    // may have clicked into another segment and typed meanwhile. Going back then would send the
    // following keys into this segment (or nowhere, if it is approved), so only return from nowhere.
    if (focusIsNowhere(dialog, opener)) row.field.focus();
  });
  document.body.append(dialog);
  dialog.showModal();
  try {
    const revisions = await api(`/api/segments/${row.id}/revisions`);
    const seg = row.data;
    if (seg.draft_text) {
      replace(draftDiff, h("h3", {}, "Maschinenentwurf → aktuelle Fassung"),
        renderDiff(seg.draft_text, seg.target_text || ""));
    }
    let previous = "";
    const items = [];
    for (const rev of revisions) {
      items.push(entry(rev, previous, async (chosen) => {
        status.textContent = "Wird wiederhergestellt …";
        try {
          await onRevert(chosen);
          dialog.close();
        } catch (error) {
          status.textContent = errorText(error);
        }
      }));
      if (rev.kind !== "machine_error" && rev.text !== null) previous = rev.text;
    }
    replace(list, ...items.reverse());
    status.textContent = revisions.length ? `${revisions.length} Versionen` : "Noch keine Versionen.";
  } catch (error) {
    status.textContent = errorText(error);
  }
}
