// The post's fields: form inputs, their values as the API wants them, and defaults from the document.

import { h } from "./dom.js";
import { fromSiteInput, toSiteInput, zoneLabel } from "./format.js";

/** name, German label, input kind, hint; the order is the form's order. */
export const FIELDS = [
  ["title", "Titel", "text", "Ohne „(Medium)“: das hängt die Vorschau an."],
  ["outlet", "Quelle / Medium", "text", "z. B. Global Times"],
  ["source_label", "Bezeichnung der Quelle", "text", "z. B. Quelle:"],
  ["source_url", "Quellen-URL", "url", ""],
  ["original_label", "Bezeichnung des Originals", "text", "z. B. ENGLISH:"],
  ["original_url", "Original-URL", "url", ""],
  ["headline", "Schlagzeile", "text", ""],
  ["subtitle", "Untertitel", "textarea", ""],
  ["byline", "Autor (Byline)", "text", "z. B. Von Jane Doe"],
  ["credit", "Übersetzungsvermerk", "text", "z. B. Übersetzung: Linke Zeitung"],
  ["published_at", "Veröffentlichung", "datetime", ""], // + the zone: see labelOf
  ["read_more", "„Weiterlesen“ anhängen", "checkbox", ""],
  ["read_more_url", "Weiterlesen-URL", "url", "leer: die Quellen-URL"],
  ["full_original_line", "Zeile zum vollständigen Original", "text", "z. B. Den vollständigen Artikel lesen Sie hier:"],
  ["full_original_url", "URL des vollständigen Originals", "url", ""],
  ["categories", "Kategorien", "list", "durch Kommas getrennt"],
  ["tags", "Schlagwörter", "list", "durch Kommas getrennt"],
  ["slug", "Kurzadresse (Slug)", "text", "leer: aus dem Titel"],
];

const WIDE = new Set(["title", "subtitle", "full_original_line"]);
// Shown at once; the rest sits under "Weitere Angaben" until one of them has a value.
const MAIN = new Set(["title", "outlet", "source_label", "source_url", "original_label", "original_url", "credit",
  "published_at"]);

function input(name, kind, hint) {
  const attrs = { id: `pf-${name}`, name, "aria-describedby": hint ? `pf-${name}-hint` : null };
  if (kind === "textarea") return h("textarea", { ...attrs, rows: 2 });
  if (kind === "checkbox") return h("input", { ...attrs, type: "checkbox" });
  if (kind === "datetime") return h("input", { ...attrs, type: "datetime-local" });
  return h("input", { ...attrs, type: kind === "url" ? "url" : "text", lang: name === "slug" ? null : "de",
    spellcheck: kind === "text" ? "true" : "false" });
}

/** A field's label; times say their zone ("Veröffentlichung (Berliner Zeit)"), read when the form is built. */
function labelOf(label, kind) {
  return kind === "datetime" ? `${label} (${zoneLabel()})` : label;
}

/** The form: {el, inputs: Map(name → element)}. */
export function buildFields() {
  const inputs = new Map();
  const rows = FIELDS.map(([name, text, kind, hint]) => {
    const el = input(name, kind, hint);
    const label = labelOf(text, kind);
    inputs.set(name, el);
    const hintEl = hint ? h("small", { class: "muted", id: `pf-${name}-hint` }, hint) : null;
    if (kind === "checkbox") {
      return h("div", { class: "field check" }, h("label", { for: el.id }, el, " ", label), hintEl);
    }
    return h("div", { class: `field${WIDE.has(name) ? " wide" : ""}` }, h("label", { for: el.id }, label), el, hintEl);
  });
  const main = rows.filter((_, i) => MAIN.has(FIELDS[i][0]));
  const more = h("details", { class: "more-fields", id: "more-fields" },
    h("summary", {}, "Weitere Angaben: Schlagzeile, Untertitel, Autor, Weiterlesen, Kategorien, Schlagwörter, Slug"),
    h("div", { class: "grid2" }, rows.filter((_, i) => !MAIN.has(FIELDS[i][0]))));
  const openIfUsed = () => {
    if ([...inputs].some(([name, el]) => !MAIN.has(name) && name !== "slug"
      && (el.type === "checkbox" ? el.checked : el.value.trim()))) more.open = true;
  };
  return { el: h("div", { class: "post-fields grid2", id: "post-fields" }, main, more), inputs, openIfUsed };
}

const KIND = Object.fromEntries(FIELDS.map(([name, , kind]) => [name, kind]));

function listOf(text) {
  return [...new Set(text.split(",").map((s) => s.trim()).filter(Boolean))];
}

/** The value of one input as the API wants it (empty text → null). */
export function readField(name, el) {
  const kind = KIND[name];
  if (kind === "checkbox") return el.checked;
  if (kind === "list") return listOf(el.value);
  if (kind === "datetime") return fromSiteInput(el.value);
  const value = el.value.trim();
  return value === "" ? null : value;
}

/** Show one API value in its input. */
export function writeField(name, el, value) {
  const kind = KIND[name];
  if (kind === "checkbox") el.checked = !!value;
  else if (kind === "list") el.value = (value || []).join(", ");
  else if (kind === "datetime") el.value = toSiteInput(value);
  else el.value = value ?? "";
}

/** All fields as the API wants them. */
export function readFields(inputs) {
  return Object.fromEntries([...inputs].map(([name, el]) => [name, readField(name, el)]));
}

/** A server post in the same shape as readFields (timestamps as site-zone ISO with offset). */
export function fieldsOf(post) {
  const out = {};
  for (const [name] of FIELDS) {
    const value = post[name];
    if (KIND[name] === "datetime") out[name] = value ? fromSiteInput(toSiteInput(value)) : null;
    else if (KIND[name] === "list") out[name] = value || [];
    else if (KIND[name] === "checkbox") out[name] = !!value;
    else out[name] = value ?? null;
  }
  return out;
}

/** Defaults of a new post: the approved German title, the document's outlet and links, labels. */
export function defaultsFor(doc) {
  const title = doc.segments.find((s) => s.kind === "title");
  const translated = doc.source_lang !== "de";
  return {
    title: title && title.status === "approved" ? (title.target_text || "").trim() : "",
    outlet: doc.outlet || doc.site_name || "",
    source_label: "Quelle:",
    source_url: doc.source_url || "",
    original_label: translated && doc.original_url ? `${doc.source_lang === "en" ? "ENGLISH" : "RUSSISCH"}:` : "",
    original_url: doc.original_url || "",
    credit: "",
  };
}

/** Which keys differ between two field snapshots. */
export function changedKeys(now, before) {
  return Object.keys(now).filter((k) => JSON.stringify(now[k]) !== JSON.stringify(before[k]));
}
