// The post editor: pick approved paragraphs, edit the post's fields, live preview, ready/publish, exports.

import { api } from "./api.js";
import { h, replace } from "./dom.js";
import { safeLink } from "./dochead.js";
import { EXPORT_FORMATS, POST_STATUS, errorText, toSiteInput } from "./format.js";
import { buildFields, changedKeys, defaultsFor, fieldsOf, readField, readFields, writeField } from "./postfields.js";
import { segmentPicker } from "./postsegs.js";
import { previewPanel } from "./preview.js";
import { replaceRoute } from "./router.js";
import { isReviewer } from "./session.js";

const PAUSE_MS = 800;
const RETRY_MS = [1000, 2000, 5000, 10000, 30000];
const SAVE_LABELS = { clean: "", dirty: "ungespeichert", saving: "speichert …", saved: "gespeichert",
  failed: "nicht gespeichert" };

/** #/doc/{id}/post (a new post, created on first save) or #/post/{id}. */
export function postView({ documentId = null, postId = null }) {
  const st = { doc: null, post: null, saved: null, dirty: false, timer: null, inflight: null, again: false,
    retries: 0, reviewer: isReviewer() };
  const form = buildFields();
  const preview = previewPanel();
  const notice = h("div", { id: "post-notice", class: "notice", role: "alert" });
  const saveState = h("span", { id: "post-save", class: "save", "aria-live": "polite" });
  const status = h("span", { id: "post-status", class: "badge" });
  const ready = h("button", { type: "button", id: "post-ready", hidden: !st.reviewer, disabled: true }, "Bereit");
  const publish = h("button", { type: "button", id: "post-publish", class: "primary", hidden: !st.reviewer,
    disabled: true }, "Veröffentlichen");
  const unpublish = h("button", { type: "button", id: "post-unpublish", hidden: true }, "Zurückziehen");
  const exports = h("span", { class: "exports", id: "post-exports", hidden: true }, "Export:",
    ...EXPORT_FORMATS.map(([fmt, label]) => h("a", { id: `export-${fmt}`, target: "_blank", rel: "noopener" }, label)));
  const dayLink = h("a", { id: "post-day", hidden: true }, "Beiträge des Tages");
  const result = h("p", { id: "publish-result", role: "status" });
  let picker = null;

  function setSave(state, message) {
    saveState.dataset.state = state;
    saveState.className = `save save-${state}`;
    saveState.textContent = message || SAVE_LABELS[state];
  }

  function current() {
    return { ...readFields(form.inputs), segment_ids: picker.selected() };
  }

  function showPost(post) {
    st.post = post;
    status.textContent = POST_STATUS[post.status] || post.status;
    status.className = `badge post-${post.status}`;
    ready.disabled = post.status !== "draft";
    publish.disabled = false;
    publish.textContent = post.status === "published" ? "Erneut veröffentlichen" : "Veröffentlichen";
    unpublish.hidden = !st.reviewer || post.status !== "published";
    exports.hidden = false;
    for (const [fmt] of EXPORT_FORMATS) exports.querySelector(`#export-${fmt}`).href = `/api/posts/${post.id}/export?format=${fmt}`;
    dayLink.hidden = false;
    dayLink.href = `#/posts?date=${toSiteInput(post.published_at).slice(0, 10)}`;
  }

  function changed() {
    st.dirty = !st.saved || changedKeys(current(), st.saved).length > 0;
    if (!st.dirty) {
      clearTimeout(st.timer);
      if (saveState.dataset.state === "dirty") setSave("clean");
      return;
    }
    if (saveState.dataset.state !== "saving") setSave("dirty");
    clearTimeout(st.timer);
    st.timer = setTimeout(save, PAUSE_MS);
  }

  /** Save now if needed; resolves true when the server holds everything shown. */
  function save() {
    clearTimeout(st.timer);
    if (st.inflight) {
      st.again = true;
      return st.inflight;
    }
    if (!st.dirty && st.post) return Promise.resolve(true);
    st.inflight = send().finally(() => {
      st.inflight = null;
      if (st.again) {
        st.again = false;
        if (st.dirty) save();
      }
    });
    return st.inflight;
  }

  async function send() {
    const sent = current();
    const body = st.post ? Object.fromEntries(changedKeys(sent, st.saved).map((k) => [k, sent[k]])) : sent;
    setSave("saving");
    replace(notice);
    form.inputs.get("title").removeAttribute("aria-invalid");
    try {
      const post = st.post
        ? await api(`/api/posts/${st.post.id}`, { method: "PATCH", body })
        : await api("/api/posts", { method: "POST", body: { document_id: st.doc.id, ...stripNulls(sent) } });
      if (!st.post) replaceRoute(`#/post/${post.id}`);
      st.retries = 0;
      // Typed while saving: save again. Any other difference is the server's normalisation (slug,
      // published_at), shown at once unless the user is in that field (then when it loses focus).
      const typed = changedKeys(current(), sent).length > 0;
      st.saved = { ...fieldsOf(post), segment_ids: post.segment_ids };
      adoptServerValues(sent);
      showPost(post);
      st.dirty = changedKeys(current(), st.saved).length > 0;
      setSave(typed ? "dirty" : "saved");
      if (typed) st.again = true;
      refreshPreview();
      return !st.dirty;
    } catch (error) {
      return failed(error);
    }
  }

  /** The server normalises some fields (slug, published_at): show its value unless the user is typing there. */
  function adoptServerValues(sent) {
    for (const [name, el] of form.inputs) {
      const mine = readField(name, el);
      if (el === document.activeElement || JSON.stringify(mine) !== JSON.stringify(sent[name])) continue;
      if (JSON.stringify(mine) !== JSON.stringify(st.saved[name])) writeField(name, el, st.saved[name]);
    }
  }

  function failed(error) {
    if (error.code === "segment_not_approved") picker.mark(error.detail.segment_ids || []);
    if (error.code === "title_missing") {
      const title = form.inputs.get("title");
      title.setAttribute("aria-invalid", "true");
      title.focus();
    }
    const permanent = error.status >= 400 && error.status < 500 && ![401, 408, 429].includes(error.status);
    setSave("failed", `nicht gespeichert: ${errorText(error)}`);
    notice.textContent = errorText(error);
    if (!permanent) {
      const delay = RETRY_MS[Math.min(st.retries++, RETRY_MS.length - 1)];
      st.timer = setTimeout(() => st.dirty && save(), delay);
    }
    return false;
  }

  let previewSeq = 0;
  async function refreshPreview() {
    if (!st.post) return;
    const mine = ++previewSeq;
    try {
      const p = await api(`/api/posts/${st.post.id}/preview`);
      if (mine === previewSeq) preview.show(p);
    } catch (error) {
      if (mine === previewSeq) preview.clear(`Vorschau nicht möglich: ${errorText(error)}`);
    }
  }

  async function action(path, button, onDone) {
    button.disabled = true;
    replace(result);
    try {
      if (!(await save())) return;
      onDone(await api(`/api/posts/${st.post.id}/${path}`, { method: "POST" }));
    } catch (error) {
      const detail = error.message && error.message !== errorText(error) ? ` (${error.message})` : "";
      replace(result, h("span", { class: "error" }, `${errorText(error)}${detail}`));
    } finally {
      if (st.post) showPost(st.post);
    }
  }

  ready.addEventListener("click", () => action("ready", ready, (post) => {
    showPost(post);
    result.textContent = "Als bereit markiert.";
  }));
  publish.addEventListener("click", () => action("publish", publish, (r) => {
    showPost(r.post);
    replace(result, `Veröffentlicht auf ${r.site} (Status ${r.remote_status}). `, safeLink(r.link));
  }));
  unpublish.addEventListener("click", () => action("unpublish", unpublish, (post) => {
    showPost(post);
    result.textContent = "Zurückgezogen: der Beitrag ist auf WordPress wieder ein Entwurf.";
  }));

  async function load() {
    if (postId) {
      const post = await api(`/api/posts/${postId}`);
      const doc = await api(`/api/documents/${post.document_id}`);
      return { post, doc };
    }
    return { post: null, doc: await api(`/api/documents/${documentId}`) };
  }

  async function others(doc, own) {
    const list = await api("/api/posts", { params: { document_id: doc.id } }).catch(() => []);
    const rest = list.filter((p) => p.id !== own);
    if (!rest.length) return null;
    return h("p", { class: "muted", id: "other-posts" }, "Weitere Beiträge zu diesem Dokument: ",
      ...rest.flatMap((p, i) => [i ? ", " : "", h("a", { href: `#/post/${p.id}` }, p.title),
        ` (${POST_STATUS[p.status] || p.status})`]));
  }

  async function render(main) {
    try {
      ({ post: st.post, doc: st.doc } = await load());
    } catch (error) {
      main.append(h("p", { class: "error", role: "alert" }, errorText(error)), h("a", { href: "#/posts" }, "Zu den Beiträgen"));
      return;
    }
    picker = segmentPicker(st.doc, st.post?.segment_ids || [], changed);
    if (st.post) {
      st.saved = { ...fieldsOf(st.post), segment_ids: st.post.segment_ids };
      for (const [name, el] of form.inputs) writeField(name, el, st.saved[name]);
    } else {
      for (const [name, value] of Object.entries(defaultsFor(st.doc))) writeField(name, form.inputs.get(name), value);
      status.textContent = "neu – wird beim ersten Speichern angelegt";
    }
    form.openIfUsed();
    form.el.addEventListener("input", changed);
    form.el.addEventListener("change", changed);
    form.el.addEventListener("focusout", () => st.dirty && save());
    const head = h("div", { class: "doc-head" },
      h("h1", {}, st.post ? "Beitrag bearbeiten" : "Neuer Beitrag"),
      h("p", { class: "muted" }, "Aus: ", h("a", { href: `#/doc/${st.doc.id}`, lang: st.doc.source_lang },
        st.doc.title || `Dokument ${st.doc.id}`), " · ", h("a", { href: "#/posts" }, "Alle Beiträge")));
    const toolbar = h("div", { class: "toolbar", role: "toolbar", "aria-label": "Beitrag" },
      status, saveState, ready, publish, unpublish, exports, dayLink);
    replace(main, head, toolbar, notice, result,
      h("div", { class: "post-layout" },
        h("div", { class: "post-edit" }, h("section", { class: "card" }, h("h2", { class: "panel-head" }, "Angaben"), form.el),
          picker.el),
        preview.el));
    const extra = await others(st.doc, st.post?.id);
    if (extra) head.append(extra);
    if (st.post) {
      showPost(st.post);
      refreshPreview();
    }
    document.body.dataset.ready = "post";
  }

  return {
    render,
    hasUnsaved: () => st.dirty,
    confirmLeave: () => !st.dirty
      || window.confirm("Der Beitrag hat ungespeicherte Änderungen. Seite trotzdem verlassen?"),
    destroy: () => {
      clearTimeout(st.timer);
      delete document.body.dataset.ready;
    },
  };
}

function stripNulls(data) {
  return Object.fromEntries(Object.entries(data).filter(([, v]) => v !== null));
}
