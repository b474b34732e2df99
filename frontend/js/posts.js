// The posts of one calendar day in the site's zone: day navigation, status filter, the day's exports.

import { api } from "./api.js";
import { h, replace } from "./dom.js";
import { EXPORT_FORMATS, POST_STATUS, errorText, longDay, shiftDay, siteTime, siteToday, zoneLabel } from "./format.js";

function row(post) {
  return h("tr", { dataset: { id: post.id } },
    h("td", { class: "age" }, h("time", { datetime: post.published_at }, siteTime(post.published_at))),
    h("td", { class: "title" }, h("a", { href: `#/post/${post.id}`, lang: "de" }, post.title)),
    h("td", { class: "outlet" }, post.outlet || "–"),
    h("td", {}, h("span", { class: `badge post-${post.status}` }, POST_STATUS[post.status] || post.status)),
    h("td", {}, h("a", { href: `#/doc/${post.document_id}` }, `Dokument ${post.document_id}`)));
}

function hashFor(day, status) {
  const q = new URLSearchParams({ date: day });
  if (status) q.set("status", status);
  return `#/posts?${q}`;
}

export function postsView() {
  async function render(main, params) {
    const valid = /^\d{4}-\d\d-\d\d$/.test(params.get("date") || "");
    const day = valid ? params.get("date") : siteToday();
    const status = POST_STATUS[params.get("status")] ? params.get("status") : "";
    const dateInput = h("input", { type: "date", id: "posts-date", value: day });
    const statusSel = h("select", { id: "posts-status" }, h("option", { value: "" }, "alle"),
      ...Object.entries(POST_STATUS).map(([value, label]) => h("option", { value, selected: value === status }, label)));
    const go = (d, s = statusSel.value) => { location.hash = hashFor(d, s); };
    dateInput.addEventListener("change", () => dateInput.value && go(dateInput.value));
    statusSel.addEventListener("change", () => go(day));
    const nav = h("div", { class: "filters", role: "group", "aria-label": "Tag wählen" },
      h("a", { class: "button", id: "posts-prev", href: hashFor(shiftDay(day, -1), status) }, "‹ Vortag"),
      h("label", { for: "posts-date" }, "Tag"), dateInput,
      h("a", { class: "button", id: "posts-next", href: hashFor(shiftDay(day, 1), status) }, "Folgetag ›"),
      h("a", { class: "button", id: "posts-today", href: hashFor(siteToday(), status) }, "Heute"),
      h("label", { for: "posts-status" }, "Status"), statusSel);
    const exports = h("p", { class: "exports", id: "day-exports" }, "Der ganze Tag als: ",
      ...EXPORT_FORMATS.flatMap(([fmt, label], i) => [i ? " · " : "",
        h("a", { id: `day-export-${fmt}`, href: `/api/days/${day}/export?format=${fmt}`, target: "_blank", rel: "noopener" },
          label)]));
    const body = h("tbody", { id: "posts-rows" });
    const info = h("p", { class: "muted", role: "status", id: "posts-info" }, "Lädt …");
    main.append(h("div", { class: "page-head" }, h("h1", {}, `Beiträge: ${longDay(day)}`)), nav, exports, info,
      h("div", { class: "table-wrap" }, h("table", { class: "inbox posts" },
        h("caption", { class: "sr-only" }, "Beiträge des Tages nach Uhrzeit"),
        h("thead", {}, h("tr", {}, ...["Zeit", "Titel", "Quelle", "Status", "Dokument"]
          .map((t) => h("th", { scope: "col" }, t)))), body)));
    try {
      const list = await api("/api/posts", { params: { date: day, status } });
      replace(body, ...list.map(row));
      info.textContent = list.length
        ? `${list.length} Beitrag/Beiträge (${zoneLabel()})`
        : "Keine Beiträge an diesem Tag. Beiträge entstehen im Editor eines Dokuments: „Beitrag erstellen“.";
    } catch (error) {
      info.textContent = errorText(error);
    }
    document.body.dataset.ready = "posts";
  }

  return { render, destroy: () => delete document.body.dataset.ready };
}
