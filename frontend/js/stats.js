// The Statistik page: which engine needed the fewest corrections, and what the newsroom did per day.

import { api } from "./api.js";
import { barChart, dayChart } from "./charts.js";
import { h, replace } from "./dom.js";
import { errorText, shiftDay, siteToday, zoneLabel } from "./format.js";

const ENGINE_COLUMNS = [
  ["provider", "Engine"], ["segments", "Segmente"], ["mean_chrf", "chrF++ (Mittel)"],
  ["unchanged_share", "unverändert freigegeben"], ["mean_edit_rate", "Editierrate (Zeichen)"],
  ["median_seconds", "Median bis Freigabe"],
];
const ACTIVITY_COLUMNS = [
  ["day", "Tag"], ["user", "Person"], ["documents_ingested", "Dokumente"], ["segments_approved", "Segmente freigegeben"],
  ["posts_published", "Beiträge veröffentlicht"],
];

const number = new Intl.NumberFormat("de-DE", { maximumFractionDigits: 2 });

function cell(key, value) {
  if (value === null || value === undefined) return "–";
  if (key === "unchanged_share") return `${number.format(value * 100)} %`;
  if (key === "median_seconds") return value >= 120 ? `${number.format(value / 60)} min` : `${number.format(value)} s`;
  if (key === "provider" && value === "all") return "alle";
  return typeof value === "number" ? number.format(value) : value;
}

function table(id, columns, rows, caption) {
  return h("div", { class: "table-wrap" }, h("table", { class: "inbox stats", id },
    h("caption", {}, caption),
    h("thead", {}, h("tr", {}, columns.map(([, label]) => h("th", { scope: "col" }, label)))),
    h("tbody", {}, rows.map((row) => h("tr", { class: row.provider === "all" || row.user === "" ? "total" : "" },
      columns.map(([key]) => h("td", { dataset: { key } }, cell(key, row[key]))))))));
}

function query(filters, format) {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, format })) if (value) q.set(key, value);
  return q.toString();
}

export function statsView() {
  async function render(main, params) {
    const until = params.get("until") || shiftDay(siteToday(), 1);
    const since = params.get("since") || shiftDay(until, -30);
    const inputs = {
      since: h("input", { type: "date", id: "stats-since", value: since }),
      until: h("input", { type: "date", id: "stats-until", value: until }),
      outlet: h("input", { type: "text", id: "stats-outlet", value: params.get("outlet") || "", placeholder: "alle" }),
      source_lang: h("select", { id: "stats-lang" }, ["", "en", "ru"].map((v) =>
        h("option", { value: v, selected: v === (params.get("source_lang") || "") }, v || "alle"))),
    };
    const form = h("form", { class: "filters", id: "stats-filters", onsubmit: (event) => {
      event.preventDefault();
      const q = new URLSearchParams();
      for (const [key, input] of Object.entries(inputs)) if (input.value) q.set(key, input.value);
      location.hash = `#/stats?${q}`;
    } },
    h("label", { for: "stats-since" }, "von"), inputs.since, h("label", { for: "stats-until" }, "bis (ausschließlich)"),
    inputs.until, h("label", { for: "stats-outlet" }, "Quelle"), inputs.outlet, h("label", { for: "stats-lang" }, "Sprache"),
    inputs.source_lang, h("button", { type: "submit" }, "Anzeigen"));
    const info = h("p", { class: "muted", role: "status", id: "stats-info" }, "Lädt …");
    const engines = h("section", { id: "stats-engines" });
    const activity = h("section", { id: "stats-activity" });
    main.append(h("div", { class: "page-head" }, h("h1", {}, "Statistik")), form, info, engines, activity);
    // Naive times: the server reads them in the site's zone, so the days are the site's days.
    const range = { since: `${since}T00:00:00`, until: `${until}T00:00:00` };
    const filters = { ...range, outlet: inputs.outlet.value, source_lang: inputs.source_lang.value };
    try {
      const [byEngine, perDay] = await Promise.all([
        api(`/api/stats/engines?${query(filters)}`), api(`/api/stats/activity?${query(range)}`)]);
      showEngines(engines, byEngine, filters);
      showActivity(activity, perDay, range);
      info.textContent = `Zeiten in ${zoneLabel()}. Nur freigegebene Segmente mit Maschinen- oder Speicherentwurf zählen für die Engines.`;
    } catch (error) {
      info.textContent = errorText(error);
    }
    document.body.dataset.ready = "stats";
  }

  function showEngines(box, report, filters) {
    const chart = h("div", { class: "chart", id: "chart-engines", role: "img", "aria-label": "chrF++ je Engine" });
    replace(box, h("h2", {}, "Engines: wie viel Nachbearbeitung ihre Entwürfe brauchten"), chart,
      table("engines-table", ENGINE_COLUMNS, [...report.providers, report.totals], "Je Engine (tm = Übersetzungsspeicher)"),
      h("a", { id: "engines-csv", href: `/api/stats/engines?${query(filters, "csv")}`, download: "engines.csv" }, "CSV herunterladen"));
    if (report.providers.length) {
      barChart(chart, { labels: report.providers.map((p) => p.provider), values: report.providers.map((p) => p.mean_chrf),
        label: "chrF++" }).catch((error) => { chart.textContent = errorText(error); });
    } else {
      chart.textContent = "Keine freigegebenen Maschinenentwürfe in diesem Zeitraum.";
    }
  }

  function showActivity(box, report, range) {
    const rows = report.days.flatMap((d) => [{ ...d, user: "" }, ...d.users.map((u) => ({ ...u, day: d.day }))]);
    const chart = h("div", { class: "chart", id: "chart-activity", role: "img", "aria-label": "Aktivität je Tag" });
    replace(box, h("h2", {}, "Aktivität je Tag"), chart,
      table("activity-table", ACTIVITY_COLUMNS, rows, "Je Tag (fett: alle) und Person"),
      h("a", { id: "activity-csv", href: `/api/stats/activity?${query(range, "csv")}`, download: "activity.csv" }, "CSV herunterladen"));
    if (report.days.length) {
      dayChart(chart, { days: report.days.map((d) => d.day), series: ACTIVITY_COLUMNS.slice(2).map(([key, label]) => ({
        label, values: report.days.map((d) => d[key]) })) }).catch((error) => { chart.textContent = errorText(error); });
    }
  }

  return { render, destroy: () => delete document.body.dataset.ready };
}
