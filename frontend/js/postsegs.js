// The excerpt picker: the document's segments in order, a checkbox each; only approved body text can be ticked.

import { h } from "./dom.js";
import { SEGMENT_STATUS } from "./format.js";

const KINDS = { title: "Titel", heading: "Überschrift", subheading: "Zwischenüberschrift" };

function row(seg, checked) {
  const approved = seg.status === "approved";
  const isTitle = seg.kind === "title";
  const box = h("input", { type: "checkbox", id: `pick-${seg.id}`, value: seg.id, checked: checked && !isTitle,
    disabled: !approved || isTitle, "aria-describedby": `pick-${seg.id}-state` });
  const german = (seg.target_text || "").trim();
  const text = german || seg.source_text;
  const state = isTitle
    ? "Titel des Dokuments – wird nicht als Text übernommen"
    : approved ? "freigegeben" : `nicht freigegeben (${SEGMENT_STATUS[seg.status] || seg.status})`;
  return h("li", { class: `pick kind-${seg.kind}`, id: `pick-row-${seg.id}`, dataset: { id: seg.id, status: seg.status } },
    box,
    h("label", { for: box.id },
      h("span", { class: "pos", "aria-hidden": "true" }, seg.position + 1),
      KINDS[seg.kind] ? h("span", { class: "kind" }, KINDS[seg.kind]) : null,
      h("span", { class: `pick-text${german ? "" : " untranslated"}`, lang: german ? "de" : seg.source_lang }, text)),
    h("span", { class: `pick-state state-${seg.status}`, id: `pick-${seg.id}-state` }, state));
}

/** {el, selected(), mark(ids), setSelected(ids)}; onChange() after every tick. */
export function segmentPicker(doc, selectedIds, onChange) {
  const chosen = new Set(selectedIds);
  const rows = doc.segments.map((seg) => row(seg, chosen.has(seg.id)));
  const list = h("ol", { class: "picks", id: "post-segments" }, rows);
  const boxes = () => [...list.querySelectorAll("input[type=checkbox]")];
  const all = h("button", { type: "button", class: "small", id: "pick-all" }, "Alle freigegebenen");
  const none = h("button", { type: "button", class: "small", id: "pick-none" }, "Keine");
  const count = h("span", { class: "counts", id: "pick-count", role: "status" });

  function refreshCount() {
    const n = boxes().filter((b) => b.checked).length;
    count.textContent = `${n} Absatz/Absätze ausgewählt`;
  }

  list.addEventListener("change", (event) => {
    const li = event.target.closest(".pick");
    li?.classList.remove("rejected");
    refreshCount();
    onChange();
  });
  all.addEventListener("click", () => {
    for (const b of boxes()) if (!b.disabled) b.checked = true;
    refreshCount();
    onChange();
  });
  none.addEventListener("click", () => {
    for (const b of boxes()) b.checked = false;
    refreshCount();
    onChange();
  });
  refreshCount();

  return {
    el: h("section", { class: "picker", "aria-labelledby": "picker-head" },
      h("div", { class: "picker-head" }, h("h2", { id: "picker-head", class: "panel-head" }, "Absätze für den Auszug"),
        all, none, count),
      h("p", { class: "muted" }, "Nur freigegebene Absätze lassen sich ankreuzen. Lücken werden zu „(…)“."),
      list),
    /** Ticked segment ids in document order. */
    selected: () => boxes().filter((b) => b.checked).map((b) => Number(b.value)),
    /** Mark rows the server refused (e.g. reopened meanwhile). */
    mark(ids) {
      for (const id of ids) {
        const li = list.querySelector(`#pick-row-${Number(id)}`);
        if (!li) continue;
        li.classList.add("rejected");
        li.querySelector(".pick-state").textContent = "nicht freigegeben – bitte abwählen oder erst freigeben";
      }
    },
  };
}
