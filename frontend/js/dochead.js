// The editor's document header: title, language flag, outlet, status badge, link to the source.

import { h } from "./dom.js";
import { langName } from "./format.js";

/** A link to the source only for http(s) URLs: a scraped `javascript:` URL never becomes a link. */
export function safeLink(url) {
  if (!/^https?:\/\//i.test(url || "")) return null;
  return h("a", { href: url, rel: "noopener noreferrer", target: "_blank" }, "Quelle öffnen");
}

export function documentHeader(doc, statusBadge) {
  return h("div", { class: "doc-head" },
    h("h1", { lang: doc.source_lang }, doc.title || `Dokument ${doc.id}`),
    h("p", { class: "muted" },
      h("span", { class: `flag lang-${doc.source_lang}` }, doc.source_lang.toUpperCase()), " ",
      langName(doc.source_lang), " · ", doc.outlet || doc.site_name || "ohne Medium", " · ",
      statusBadge, " ", safeLink(doc.source_url || doc.original_url)));
}
