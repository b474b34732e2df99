// "Quellen": the outlets' feeds with their poll state and counts; add, pause, poll now, entries and outcomes.

import { api } from "./api.js";
import { h, replace } from "./dom.js";
import { LANGUAGES, dateTime, errorText } from "./format.js";
import { currentUser } from "./session.js";

export const FEED_STATUS = {
  never: "noch nicht abgerufen",
  ok: "in Ordnung",
  partial: "teilweise",
  not_modified: "unverändert",
  error: "Fehler",
};

export const ENTRY_OUTCOME = { new: "neues Dokument", existing: "schon vorhanden", error: "Fehler", pending: "offen" };

function when(value) {
  return value ? h("time", { datetime: value }, dateTime(value)) : "–";
}

function stateCell(feed) {
  const label = feed.paused ? "pausiert" : FEED_STATUS[feed.last_status] || feed.last_status;
  const cell = h("td", { class: "feed-state" }, h("span", { class: `badge feed-${feed.paused ? "paused" : feed.last_status}` }, label));
  if (feed.last_error_code) {
    cell.append(" ", h("code", { class: "error-code" }, feed.last_error_code));
    cell.append(h("div", { class: "muted small" }, feed.last_error || ""));
  }
  return cell;
}

function entryRow(entry) {
  const what = entry.document_id
    ? h("a", { href: `#/doc/${entry.document_id}` }, `Dokument ${entry.document_id}`)
    : h("code", { class: "error-code" }, entry.error_code || "–");
  return h("tr", { dataset: { id: entry.id, outcome: entry.outcome } },
    h("td", { class: "title" }, entry.link ? h("a", { href: entry.link, target: "_blank", rel: "noopener noreferrer" },
      entry.title || entry.link) : entry.title || "(ohne Link)"),
    h("td", {}, h("span", { class: `badge entry-${entry.outcome}` }, ENTRY_OUTCOME[entry.outcome] || entry.outcome)),
    h("td", {}, what, entry.error_message && !entry.document_id ? h("div", { class: "muted small" }, entry.error_message) : null),
    h("td", { class: "age" }, when(entry.first_seen_at)));
}

export function feedsView() {
  const me = currentUser();
  const editor = me && (me.role === "editor" || me.role === "admin");
  const body = h("tbody", { id: "feed-rows" });
  const info = h("p", { class: "muted", role: "status", id: "feeds-info" }, "Lädt …");
  const entriesBox = h("section", { id: "feed-entries", class: "feed-entries", "aria-live": "polite" });

  async function load() {
    try {
      const feeds = await api("/api/feeds");
      replace(body, ...feeds.map(feedRow));
      info.textContent = feeds.length ? `${feeds.length} Feed${feeds.length === 1 ? "" : "s"}` : "Noch keine Feeds abonniert.";
    } catch (error) {
      info.textContent = errorText(error);
    }
    document.body.dataset.ready = "feeds";
  }

  async function act(feed, action) {
    info.textContent = action === "poll" ? `Feed ${feed.id} wird abgerufen …` : "Speichert …";
    try {
      if (action === "poll") {
        const r = await api(`/api/feeds/${feed.id}/poll`, { method: "POST" });
        info.textContent = `Feed ${feed.id}: ${r.entries} Einträge, ${r.new_documents} neu, ${r.existing} vorhanden, `
          + `${r.errors} Fehler${r.error_code ? ` (${r.error_code})` : ""}`;
      } else {
        await api(`/api/feeds/${feed.id}`, { method: "PATCH", body: { paused: action === "pause" } });
        info.textContent = action === "pause" ? `Feed ${feed.id} pausiert` : `Feed ${feed.id} läuft wieder`;
      }
    } catch (error) {
      info.textContent = errorText(error);
    }
    const keep = info.textContent;
    await load();
    info.textContent = keep;
  }

  async function showEntries(feed) {
    replace(entriesBox, h("h2", {}, `Einträge: ${feed.outlet}`), h("p", { class: "muted" }, "Lädt …"));
    try {
      const entries = await api(`/api/feeds/${feed.id}/entries`);
      replace(entriesBox, h("h2", {}, `Einträge: ${feed.outlet}`),
        h("p", {}, h("a", { href: `#/?feed_id=${feed.id}` }, "Dokumente dieses Feeds im Eingang")),
        h("div", { class: "table-wrap" }, h("table", { class: "inbox entries" },
          h("thead", {}, h("tr", {}, ...["Eintrag", "Ergebnis", "Dokument / Fehler", "Gesehen"].map((t) => h("th", { scope: "col" }, t)))),
          h("tbody", { id: "entry-rows" }, ...entries.map(entryRow)))));
    } catch (error) {
      replace(entriesBox, h("p", { role: "alert" }, errorText(error)));
    }
  }

  function feedRow(feed) {
    const buttons = editor ? [
      h("button", { type: "button", class: "small poll", onclick: () => act(feed, "poll") }, "Jetzt abrufen"),
      h("button", { type: "button", class: "small pause", onclick: () => act(feed, feed.paused ? "resume" : "pause") },
        feed.paused ? "Fortsetzen" : "Pausieren"),
    ] : [];
    return h("tr", { dataset: { id: feed.id } },
      h("td", { class: "outlet" }, feed.outlet),
      h("td", { class: "title" }, h("a", { href: feed.url, target: "_blank", rel: "noopener noreferrer" }, feed.url)),
      stateCell(feed),
      h("td", { class: "counts" }, `${feed.documents_total} Dok. · ${feed.entries_total} Einträge · ${feed.errors_total} Fehler`),
      h("td", { class: "age" }, when(feed.last_polled_at)),
      h("td", { class: "age" }, feed.paused ? "–" : when(feed.next_poll_at)),
      h("td", { class: "actions" }, ...buttons,
        h("button", { type: "button", class: "small link entries", onclick: () => showEntries(feed) }, "Einträge")));
  }

  function addForm() {
    const url = h("input", { id: "feed-url", type: "url", required: true, placeholder: "https://…/rss" });
    const outlet = h("input", { id: "feed-outlet", required: true, placeholder: "z. B. TASS", maxlength: 200 });
    const lang = h("select", { id: "feed-lang" }, h("option", { value: "" }, "erkennen"),
      ...Object.entries(LANGUAGES).map(([v, l]) => h("option", { value: v }, l)));
    const interval = h("input", { id: "feed-interval", type: "number", min: 5, value: 15 });
    interval.defaultValue = "15"; // what form.reset() goes back to
    const auto = h("input", { id: "feed-auto", type: "checkbox" });
    const status = h("p", { class: "muted", role: "status", id: "feed-add-status" });
    const form = h("form", { class: "filters feed-add", id: "feed-add" },
      h("label", { for: "feed-url" }, "Feed-URL"), url,
      h("label", { for: "feed-outlet" }, "Quelle"), outlet,
      h("label", { for: "feed-lang" }, "Sprache"), lang,
      h("label", { for: "feed-interval" }, "Minuten"), interval,
      h("label", { for: "feed-auto" }, auto, " gleich übersetzen"),
      h("button", { type: "submit", class: "primary" }, "Abonnieren"), status);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      status.textContent = "Speichert …";
      try {
        const feed = await api("/api/feeds", { method: "POST", body: {
          url: url.value.trim(), outlet: outlet.value.trim(), source_lang: lang.value || null,
          interval_minutes: Number(interval.value) || 15, auto_translate: auto.checked,
        } });
        status.textContent = `Feed ${feed.id} abonniert; er wird innerhalb einer Minute abgerufen.`;
        form.reset();
        await load();
      } catch (error) {
        status.textContent = errorText(error);
      }
    });
    return form;
  }

  async function render(main) {
    main.append(h("div", { class: "page-head" }, h("h1", {}, "Quellen")),
      editor ? addForm() : null, info,
      h("div", { class: "table-wrap" }, h("table", { class: "inbox feeds" },
        h("caption", { class: "sr-only" }, "Abonnierte Feeds"),
        h("thead", {}, h("tr", {}, ...["Quelle", "Feed", "Zustand", "Zahlen", "Zuletzt", "Nächster Abruf", ""]
          .map((t) => h("th", { scope: "col" }, t)))), body)), entriesBox);
    await load();
  }

  return { render, destroy: () => delete document.body.dataset.ready };
}
