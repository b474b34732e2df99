// The inbox: documents newest first, filters, search, keyset paging ("Mehr laden").

import { api } from "./api.js";
import { h, replace } from "./dom.js";
import { DOCUMENT_STATUS, age, dateTime, errorText, langName } from "./format.js";

const PAGE = 50;

function options(map, current) {
  return [
    h("option", { value: "" }, "alle"),
    ...Object.entries(map).map(([value, label]) => h("option", { value, selected: value === current }, label)),
  ];
}

function progress(doc) {
  const total = doc.segments_total || 0;
  const done = doc.segments_approved || 0;
  const percent = total ? Math.round((100 * done) / total) : 0;
  return h(
    "div",
    { class: "progress-cell" },
    h("progress", { max: total || 1, value: done, "aria-label": `${done} von ${total} freigegeben` }),
    h("span", { class: "count" }, `${done}/${total}`),
    h("span", { class: "sr-only" }, `${percent} %`),
  );
}

function row(doc) {
  return h(
    "tr",
    { dataset: { id: doc.id } },
    h("td", {}, h("span", { class: `flag lang-${doc.source_lang}`, title: langName(doc.source_lang) },
      (doc.source_lang || "?").toUpperCase())),
    h("td", { class: "outlet" }, doc.outlet || doc.site_name || "–"),
    h("td", { class: "title" }, h("a", { href: `#/doc/${doc.id}`, lang: doc.source_lang }, doc.title || `Dokument ${doc.id}`)),
    h("td", {}, h("span", { class: `badge doc-${doc.status}` }, DOCUMENT_STATUS[doc.status] || doc.status)),
    h("td", {}, progress(doc)),
    h("td", { class: "age" }, h("time", { datetime: doc.created_at, title: dateTime(doc.created_at) },
      age(doc.created_at))),
  );
}

export function inboxView() {
  let cursor = null;
  let filters = {};
  const body = h("tbody", { id: "inbox-rows" });
  const more = h("button", { type: "button", id: "inbox-more", hidden: true }, "Mehr laden");
  const status = h("p", { class: "muted", role: "status", id: "inbox-status" });

  async function load(append) {
    status.textContent = "Lädt …";
    more.disabled = true;
    try {
      const page = await api("/api/documents", { params: { ...filters, cursor: append ? cursor : null } });
      if (!append) replace(body);
      body.append(...page.items.map(row));
      cursor = page.next_cursor;
      more.hidden = !cursor;
      const n = body.children.length;
      status.textContent = n ? `${n} Dokument${n === 1 ? "" : "e"} angezeigt` : "Keine Dokumente gefunden.";
    } catch (error) {
      status.textContent = errorText(error);
    } finally {
      more.disabled = false;
    }
  }

  function render(main, params) {
    filters = {
      status: params.get("status") || "",
      lang: params.get("lang") || "",
      q: params.get("q") || "",
      feed_id: /^\d+$/.test(params.get("feed_id") || "") ? params.get("feed_id") : "",
      limit: params.get("limit") || PAGE,
    };
    const form = filterForm(filters);
    loadFeeds(form, filters);
    more.addEventListener("click", () => load(true));
    const table = h(
      "table",
      { class: "inbox" },
      h("caption", { class: "sr-only" }, "Dokumente, neueste zuerst"),
      h("thead", {}, h("tr", {}, ...["Sprache", "Quelle", "Titel", "Status", "Fortschritt", "Alter"]
        .map((t) => h("th", { scope: "col" }, t)))),
      body,
    );
    main.append(
      h("div", { class: "page-head" }, h("h1", {}, "Eingang"),
        h("a", { class: "button primary", href: "#/new" }, "Neue Quelle")),
      form, status, h("div", { class: "table-wrap" }, table), more,
    );
    return load(false);
  }

  return { render };
}

/** The feed filter's choices: every subscribed feed by outlet (loaded after the form is on screen). */
async function loadFeeds(form, filters) {
  const select = form.querySelector("#filter-feed");
  try {
    const feeds = await api("/api/feeds");
    const named = Object.fromEntries(feeds.map((f) => [String(f.id), `${f.outlet} (#${f.id})`]));
    if (filters.feed_id && !named[filters.feed_id]) named[filters.feed_id] = `Feed ${filters.feed_id}`;
    replace(select, ...options(named, filters.feed_id));
  } catch {
    // Without the list the filter keeps "alle"; the inbox itself reports the server's trouble.
  }
}

function filterForm(filters) {
  const statusSel = h("select", { id: "filter-status", name: "status" }, options(DOCUMENT_STATUS, filters.status));
  const langSel = h("select", { id: "filter-lang", name: "lang" },
    options({ en: "Englisch (EN)", ru: "Russisch (RU)", de: "Deutsch (DE)" }, filters.lang));
  const search = h("input", { id: "filter-q", type: "search", name: "q", value: filters.q,
    placeholder: "Titel und Text durchsuchen" });
  const apply = () => {
    const q = new URLSearchParams();
    if (statusSel.value) q.set("status", statusSel.value);
    if (langSel.value) q.set("lang", langSel.value);
    if (search.value.trim()) q.set("q", search.value.trim());
    const feedSel = form.querySelector("#filter-feed");
    if (feedSel && feedSel.value) q.set("feed_id", feedSel.value);
    if (filters.limit !== PAGE) q.set("limit", filters.limit);
    const s = q.toString();
    location.hash = s ? `#/?${s}` : "#/";
  };
  statusSel.addEventListener("change", apply);
  langSel.addEventListener("change", apply);
  const form = h("form", { class: "filters", role: "search" },
    h("label", { for: "filter-status" }, "Status"), statusSel,
    h("label", { for: "filter-lang" }, "Sprache"), langSel,
    h("label", { for: "filter-feed" }, "Feed"),
    h("select", { id: "filter-feed", name: "feed_id", onchange: () => apply() }, options({}, filters.feed_id)),
    h("label", { for: "filter-q" }, "Suche"), search,
    h("button", { type: "submit" }, "Suchen"));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    apply();
  });
  return form;
}
