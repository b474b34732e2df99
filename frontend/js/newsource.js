// The "Neue Quelle" form: paste text or HTML or give a URL; language detection before storing.

import { api } from "./api.js";
import { h, replace } from "./dom.js";
import { errorText, langName } from "./format.js";

/** Visible text of pasted HTML, via an inert document (DOMParser runs no scripts, loads nothing). */
export function htmlToText(html) {
  const doc = new DOMParser().parseFromString(html, "text/html");
  doc.querySelectorAll("script, style, noscript, template").forEach((el) => el.remove());
  return (doc.body?.innerText ?? doc.body?.textContent ?? "").trim();
}

function field(id, label, input, hint) {
  return h("div", { class: "field" }, h("label", { for: id }, label), input,
    hint ? h("small", { class: "muted" }, hint) : null);
}

function detectionText(result) {
  const percent = Math.round(result.confidence * 100);
  const parts = [`Erkannte Sprache: ${langName(result.lang)} (${percent} %)`];
  if (!result.supported) parts.push("– wird nicht unterstützt");
  if (result.mixed?.length) parts.push(`– ${result.mixed.length} Absatz/Absätze in anderer Sprache`);
  return parts.join(" ");
}

export function newSourceView() {
  let timer = null;
  let seq = 0;
  const kind = h("select", { id: "src-kind" },
    h("option", { value: "text" }, "Text einfügen"),
    h("option", { value: "html" }, "HTML einfügen"),
    h("option", { value: "url" }, "Adresse (URL) abrufen"));
  const body = h("textarea", { id: "src-body", rows: 12, spellcheck: "false" });
  const url = h("input", { id: "src-url", type: "url", placeholder: "https://…" });
  const title = h("input", { id: "src-title" });
  const outlet = h("input", { id: "src-outlet", placeholder: "z. B. BBC, TASS" });
  const sourceUrl = h("input", { id: "src-source-url", type: "url", placeholder: "https://…" });
  const lang = h("select", { id: "src-lang" },
    h("option", { value: "" }, "automatisch erkennen"),
    h("option", { value: "en" }, "Englisch"), h("option", { value: "ru" }, "Russisch"),
    h("option", { value: "de" }, "Deutsch"));
  const detected = h("p", { id: "src-detected", class: "detected", role: "status", "aria-live": "polite" });
  const message = h("div", { id: "src-error", class: "error", role: "alert" });
  const submit = h("button", { type: "submit", class: "primary" }, "Speichern");
  const bodyField = field("src-body", "Quelltext", body);
  const urlField = field("src-url", "Adresse", url, "Die Seite wird vom Server abgerufen.");

  function plainText() {
    return kind.value === "html" ? htmlToText(body.value) : body.value.trim();
  }

  async function detect() {
    const text = plainText();
    const mine = ++seq;
    if (kind.value === "url" || text.length < 3) {
      detected.textContent = "";
      return;
    }
    try {
      const result = await api("/api/detect", { method: "POST", body: { text: text.slice(0, 200000) } });
      if (mine === seq) {
        detected.textContent = detectionText(result);
        detected.classList.toggle("warn", !result.supported);
      }
    } catch (error) {
      if (mine === seq) detected.textContent = `Spracherkennung nicht möglich: ${errorText(error)}`;
    }
  }

  function syncKind() {
    const isUrl = kind.value === "url";
    bodyField.hidden = isUrl;
    urlField.hidden = !isUrl;
    body.required = !isUrl;
    url.required = isUrl;
    detect();
  }

  function payload(force = false) {
    const data = { title: title.value.trim(), outlet: outlet.value.trim(), source_url: sourceUrl.value.trim(),
      source_lang: lang.value, force: force || "" };
    if (kind.value === "url") data.url = url.value.trim();
    else data[kind.value] = body.value;
    return Object.fromEntries(Object.entries(data).filter(([, v]) => v !== ""));
  }

  function showError(error) {
    const items = [h("p", {}, errorText(error))];
    if (error.message && error.message !== errorText(error)) items.push(h("p", { class: "muted" }, error.message));
    const candidates = error.detail?.candidates;
    if (Array.isArray(candidates) && candidates.length) {
      const named = candidates.map((c) => `${langName(c.lang)} (${Math.round((c.confidence || 0) * 100)} %)`);
      items.push(h("p", {}, `Mögliche Sprachen: ${named.join(", ")}.`,
        " Wählen Sie unten die Sprache und speichern Sie erneut."));
    }
    if (error.code === "language_uncertain") {
      lang.classList.add("needs-choice");
      lang.focus();
    }
    if (error.code === "not_an_article") {
      const force = h("button", { type: "button", id: "src-force" }, "Trotzdem übernehmen");
      force.addEventListener("click", () => save(true));
      items.push(h("p", {}, "Sie können die Seite trotzdem als Quelle übernehmen: ", force));
    }
    replace(message, ...items);
  }

  async function onSubmit(event) {
    event.preventDefault();
    await save(false);
  }

  async function save(force) {
    replace(message);
    submit.disabled = true;
    submit.textContent = "Wird gespeichert …";
    try {
      const { status, data } = await api("/api/documents", { method: "POST", body: payload(force), withStatus: true });
      location.hash = `#/doc/${data.id}${status === 200 ? "?existing=1" : ""}`;
    } catch (error) {
      showError(error);
    } finally {
      submit.disabled = false;
      submit.textContent = "Speichern";
    }
  }

  function render(main) {
    kind.addEventListener("change", syncKind);
    body.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(detect, 400);
    });
    const form = h("form", { class: "card new-source", id: "new-source" },
      h("h1", {}, "Neue Quelle"),
      field("src-kind", "Art der Quelle", kind), bodyField, urlField, detected,
      h("div", { class: "grid2" },
        field("src-title", "Titel (optional)", title),
        field("src-outlet", "Medium", outlet),
        field("src-source-url", "Link zur Quelle", sourceUrl),
        field("src-lang", "Sprache", lang)),
      message, h("div", { class: "actions" }, submit, h("a", { href: "#/" }, "Abbrechen")));
    form.addEventListener("submit", onSubmit);
    main.append(form);
    syncKind();
    kind.focus();
  }

  return { render, destroy: () => clearTimeout(timer) };
}
