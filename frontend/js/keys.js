// Keyboard shortcuts of the editor and the "?" overlay that lists them.

import { focusIsNowhere, h } from "./dom.js";

export const SHORTCUTS = [
  ["Strg+Enter", "Freigeben und zum nächsten offenen Segment (Übersetzer: speichern und weiter)"],
  ["Alt+↓ / Alt+↑", "Nächstes / vorheriges Segment"],
  ["Strg+Umschalt+C", "Maschinenentwurf ins Feld kopieren"],
  ["Strg+Umschalt+Z", "Freigabe zurücknehmen (wieder öffnen)"],
  ["Strg+1 / 2 / 3", "Treffer 1–3 des Übersetzungsspeichers ins Feld übernehmen"],
  ["Esc", "Feld verlassen (speichert sofort)"],
  ["Enter", "Im verlassenen Segment: wieder ins Feld"],
  ["?", "Diese Übersicht (außerhalb eines Feldes)"],
];

/** Which editor command a keydown means, or null. */
export function commandFor(event) {
  const ctrl = event.ctrlKey || event.metaKey;
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  if (ctrl && !event.shiftKey && !event.altKey && key === "Enter") return "approveNext";
  if (event.altKey && !ctrl && key === "ArrowDown") return "next";
  if (event.altKey && !ctrl && key === "ArrowUp") return "previous";
  if (ctrl && event.shiftKey && key === "c") return "copyDraft";
  if (ctrl && event.shiftKey && key === "z") return "reopen";
  if (ctrl && !event.shiftKey && !event.altKey && /^[1-3]$/.test(key)) return `match${key}`;
  if (key === "Escape") return "leave";
  return null;
}

/** Show the shortcut overlay (a modal dialog; Esc closes it). */
export function showHelp() {
  if (document.getElementById("help-dialog")) return;
  const dialog = h("dialog", { id: "help-dialog", class: "help", "aria-labelledby": "help-title" },
    h("h2", { id: "help-title" }, "Tastenkürzel"),
    h("dl", {}, SHORTCUTS.flatMap(([keys, what]) => [h("dt", {}, h("kbd", {}, keys)), h("dd", {}, what)])),
    h("form", { method: "dialog" }, h("button", { class: "primary" }, "Schließen")));
  const previous = document.activeElement;
  dialog.addEventListener("close", () => {
    dialog.remove();
    // "close" comes a frame late: keep a field the user has gone to meanwhile (see history.js).
    if (focusIsNowhere(dialog, previous)) previous?.focus?.();
  });
  document.body.append(dialog);
  dialog.showModal();
}
