// Editor toolbar: translate with a chosen provider and live job progress, filter, counts, bulk approve, posts.

import { api } from "./api.js";
import { h, replace } from "./dom.js";
import { POST_STATUS, SEGMENT_STATUS, errorText } from "./format.js";

const POLL_MS = 500;

function tokenCount(n) {
  return (n || 0).toLocaleString("de-DE");
}

function providerLabel(t) {
  let label = t.name;
  if (t.sends_text_to_third_party) label += " (sendet Text an Dritte)";
  if (!t.available) label += ` – nicht verfügbar: ${t.reason || "unbekannter Grund"}`;
  return label;
}

/** The translate control: provider select, button, progress bar; calls onProgress/onDone. */
export function translateControl(doc, { onProgress, onDone }) {
  const select = h("select", { id: "provider", "aria-label": "Übersetzer" });
  const button = h("button", { type: "button", id: "translate", class: "primary", disabled: true }, "Übersetzen");
  const bar = h("progress", { id: "job-progress", max: 1, value: 0, hidden: true, "aria-label": "Übersetzungsfortschritt" });
  const text = h("span", { id: "job-status", role: "status", "aria-live": "polite" });
  const tokens = h("span", { id: "job-tokens", class: "muted", hidden: true });
  const memory = h("span", { id: "job-memory", class: "muted", hidden: true });
  const retry = h("button", { type: "button", id: "job-retry", hidden: true }, "Fehlgeschlagene erneut übersetzen");
  let timer = null;
  let stopped = false;
  let job = null;

  function show(j) {
    job = j;
    bar.hidden = false;
    bar.max = Math.max(j.total, 1);
    bar.value = j.done;
    const words = { queued: "wartet", running: "läuft", done: "fertig", failed: "fehlgeschlagen" };
    let line = `Übersetzung ${words[j.status] || j.status}: ${j.done}/${j.total}`;
    if (j.errors) line += `, ${j.errors} Fehler`;
    if (j.error) line += ` (${j.error})`;
    text.textContent = line;
    // Language models report what they used: a hosted model bills by token.
    tokens.hidden = !(j.prompt_tokens || j.completion_tokens);
    tokens.textContent = `Tokens: ${tokenCount(j.prompt_tokens)} Eingabe, ${tokenCount(j.completion_tokens)} Ausgabe`;
    // Paragraphs approved before are drafted from the translation memory, not by the engine.
    memory.hidden = !j.tm_hits;
    memory.textContent = `aus dem Speicher: ${j.tm_hits || 0}`;
    retry.hidden = !(j.errors && (j.status === "done" || j.status === "failed"));
    button.disabled = j.status === "queued" || j.status === "running";
  }

  async function poll(id) {
    if (stopped) return;
    try {
      const j = await api(`/api/jobs/${id}`);
      show(j);
      if (j.status === "queued" || j.status === "running") {
        onProgress(j);
        timer = setTimeout(() => poll(id), POLL_MS);
      } else {
        onDone(j);
      }
    } catch (error) {
      text.textContent = `Fortschritt nicht abrufbar: ${errorText(error)}`;
      timer = setTimeout(() => poll(id), POLL_MS * 4);
    }
  }

  async function start(path, body) {
    button.disabled = true;
    text.textContent = "Wird gestartet …";
    try {
      const j = await api(path, { method: "POST", body });
      show(j);
      poll(j.id);
    } catch (error) {
      if (error.code === "job_active" && error.detail.job_id) return poll(error.detail.job_id);
      text.textContent = errorText(error);
      button.disabled = false;
    }
  }

  button.addEventListener("click", () => start(`/api/documents/${doc.id}/translate`, { provider: select.value }));
  retry.addEventListener("click", () => job && start(`/api/jobs/${job.id}/retry`));

  async function loadProviders() {
    try {
      const list = await api("/api/translators");
      const usable = list.filter((t) => t.available);
      // Never preselect a service that sends the text to a third party: that must be a choice.
      const preferred = usable.find((t) => t.name === doc.provider)
        || usable.find((t) => t.name !== "none" && !t.sends_text_to_third_party)
        || usable.find((t) => t.name === "none") || usable[0];
      replace(select, ...list.map((t) => h("option", { value: t.name, disabled: !t.available,
        selected: t === preferred, title: t.reason || "" }, providerLabel(t))));
      button.disabled = !list.some((t) => t.available);
    } catch (error) {
      replace(select, h("option", { value: "" }, "keine Übersetzer"));
      text.textContent = `Übersetzer nicht abrufbar: ${errorText(error)}`;
      button.disabled = true;
    }
  }

  const el = h("div", { class: "translate" }, h("label", { for: "provider" }, "Übersetzer"), select, button, bar,
    text, memory, tokens, retry);
  if (doc.source_lang === "de") {
    replace(el, h("span", { class: "muted" }, "Deutsche Quelle: wird nur ausgezogen, nicht übersetzt."));
  } else {
    loadProviders();
  }
  return { el, destroy: () => { stopped = true; clearTimeout(timer); } };
}

/** Counts per status as a short German line. */
export function countsText(rows) {
  const counts = {};
  for (const row of rows) counts[row.data.status] = (counts[row.data.status] || 0) + 1;
  const approved = counts.approved || 0;
  const parts = [`${approved} von ${rows.length} freigegeben`];
  for (const status of ["edited", "draft", "new", "error"]) {
    if (counts[status]) parts.push(`${counts[status]} ${SEGMENT_STATUS[status]}`);
  }
  return parts.join(" · ");
}

/** The filter select: all / needing work / approved. */
export function filterControl(onChange) {
  const select = h("select", { id: "seg-filter", "aria-label": "Segmente filtern" },
    h("option", { value: "all" }, "alle Segmente"),
    h("option", { value: "work" }, "zu bearbeiten"),
    h("option", { value: "approved" }, "freigegeben"));
  select.addEventListener("change", () => onChange(select.value));
  return h("div", { class: "filter" }, h("label", { for: "seg-filter" }, "Zeigen"), select);
}

/** "Beitrag erstellen" and links to the document's posts (loaded in the background). */
export function postLinks(documentId) {
  const posts = h("span", { class: "doc-posts", id: "doc-posts" });
  api("/api/posts", { params: { document_id: documentId } })
    .then((list) => {
      if (!list.length) return;
      replace(posts, "Beiträge: ", ...list.flatMap((p, i) => [i ? ", " : "",
        h("a", { href: `#/post/${p.id}`, title: p.title }, `${p.title.slice(0, 40)}${p.title.length > 40 ? "…" : ""}`),
        ` (${POST_STATUS[p.status] || p.status})`]));
    })
    .catch(() => {});
  return h("span", { class: "post-links" },
    h("a", { class: "button", id: "make-post", href: `#/doc/${documentId}/post` }, "Beitrag erstellen"), posts);
}
