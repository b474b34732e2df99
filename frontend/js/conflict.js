// The 409 dialog: your text beside the current one; keep yours, take theirs or merge by hand.

import { h } from "./dom.js";
import { dateTime } from "./format.js";
import { renderDiff } from "./diff.js";

let queue = Promise.resolve();

function textBox(label, text, cls) {
  return h("section", { class: `version ${cls}` }, h("h3", {}, label),
    h("p", { class: "version-text", lang: "de" }, text || "(leer)"));
}

function ask(row, mine, current) {
  return new Promise((resolve) => {
    const who = current.updated_by || "unbekannt";
    const merge = h("textarea", { id: "conflict-merge", class: "target", rows: 5, lang: "de", value: mine,
      "aria-label": "Zusammengeführter Text" });
    const mergeBox = h("div", { class: "merge", hidden: true },
      h("label", { for: "conflict-merge" }, "Zusammenführen (beide Texte stehen oben zum Vergleich):"), merge);
    const saveMerged = h("button", { type: "button", class: "primary", hidden: true }, "Zusammengeführt speichern");
    const dialog = h("dialog", { class: "conflict", id: "conflict-dialog", "aria-labelledby": "conflict-title" });
    const finish = (choice, text) => {
      dialog.close();
      dialog.remove();
      row.field.focus();
      resolve({ choice, text });
    };
    const mergeButton = h("button", { type: "button", onclick: () => {
      mergeBox.hidden = false;
      saveMerged.hidden = false;
      merge.focus();
    } }, "Von Hand zusammenführen");
    saveMerged.addEventListener("click", () => finish("merge", merge.value));
    dialog.append(
      h("h2", { id: "conflict-title" }, `Konflikt in Segment ${row.data.position + 1}`),
      h("p", {}, `Während Sie geschrieben haben, hat ${who} das Segment geändert`,
        current.updated_at ? ` (${dateTime(current.updated_at)}, Version ${current.version})` : "", ". ",
        "Nichts geht verloren: wählen Sie, welcher Text gilt."),
      h("div", { class: "versions" },
        textBox("Ihre Fassung", mine, "mine"),
        textBox(`Aktuelle Fassung von ${who}`, current.target_text, "theirs")),
      h("details", { class: "conflict-diff", open: true }, h("summary", {}, "Unterschied (aktuell → Ihre)"),
        renderDiff(current.target_text || "", mine)),
      mergeBox,
      h("div", { class: "actions" },
        h("button", { type: "button", class: "keep-mine", onclick: () => finish("mine", mine) }, "Meine behalten"),
        h("button", { type: "button", class: "take-theirs",
          onclick: () => finish("theirs", current.target_text || "") }, "Aktuelle übernehmen"),
        mergeButton, saveMerged));
    // Esc must not throw a decision away silently.
    dialog.addEventListener("cancel", (event) => event.preventDefault());
    document.body.append(dialog);
    dialog.showModal();
    dialog.querySelector(".keep-mine").focus();
  });
}

/** Ask the translator how to resolve a conflict; one dialog at a time. */
export function resolveConflict(row, mine, current) {
  const answer = queue.then(() => ask(row, mine, current));
  queue = answer.catch(() => {});
  return answer;
}
