// The single-page app: hash routes (login, inbox, new source, document and post editors, posts) and the header.

import { api, prefetch, setUnauthorizedHandler } from "./api.js";
import { $, h, replace } from "./dom.js";
import { ROLES } from "./format.js";
import { renderLogin } from "./login.js";

const state = { me: null, view: null, lastHash: "" };

/** The logged-in user ({id, username, role}) and whether they may approve. */
export function currentUser() {
  return state.me;
}

export function isReviewer() {
  return !!state.me && (state.me.role === "admin" || state.me.role === "editor");
}

/** Change the address without rendering again (a new post got its id on first save). */
export function replaceRoute(hash) {
  history.replaceState(null, "", hash);
  state.lastHash = location.hash;
}

function renderHeader() {
  const who = $("#whoami");
  const nav = $("#nav");
  if (!state.me) {
    replace(who);
    replace(nav);
    return;
  }
  replace(nav, h("a", { href: "#/" }, "Eingang"), h("a", { href: "#/new" }, "Neue Quelle"),
    h("a", { href: "#/posts" }, "Beiträge"));
  replace(
    who,
    h("span", { class: "user", title: "Angemeldet als" }, state.me.username),
    h("span", { class: "role" }, ROLES[state.me.role] || state.me.role),
    h("button", { type: "button", class: "link", onclick: logout }, "Abmelden"),
  );
}

async function logout() {
  if (state.view?.confirmLeave && !state.view.confirmLeave()) return;
  try {
    await api("/api/auth/logout", { method: "POST" });
  } catch {
    // The session may be gone already; either way the user is logged out here.
  }
  state.me = null;
  renderHeader();
  location.hash = "#/login";
}

function parseHash() {
  const raw = location.hash.replace(/^#/, "") || "/";
  const [path, query = ""] = raw.split("?");
  return { path, params: new URLSearchParams(query) };
}

async function loadView(path) {
  if (path === "/login") return { render: (main) => renderLogin(main, onLoggedIn) };
  if (path === "/new") return (await import("./newsource.js")).newSourceView();
  if (path === "/posts") return (await import("./posts.js")).postsView();
  const newPost = path.match(/^\/doc\/(\d+)\/post$/);
  if (newPost) return (await import("./post.js")).postView({ documentId: Number(newPost[1]) });
  const post = path.match(/^\/post\/(\d+)$/);
  if (post) return (await import("./post.js")).postView({ postId: Number(post[1]) });
  const doc = path.match(/^\/doc\/(\d+)$/);
  if (doc) return (await import("./editor.js")).editorView(Number(doc[1]));
  return (await import("./inbox.js")).inboxView();
}

async function route() {
  const hash = location.hash;
  if (state.view?.confirmLeave && hash !== state.lastHash && !state.view.confirmLeave()) {
    history.replaceState(null, "", state.lastHash || "#/");
    return;
  }
  const { path, params } = parseHash();
  if (!state.me && path !== "/login") {
    location.hash = "#/login";
    return;
  }
  state.view?.destroy?.();
  state.lastHash = hash;
  const main = $("#main");
  const view = await loadView(path);
  state.view = view;
  replace(main);
  await view.render(main, params);
}

function onLoggedIn(user) {
  state.me = user;
  renderHeader();
  location.hash = "#/";
  if (state.lastHash === "#/") route();
}

async function boot() {
  setUnauthorizedHandler(() => {
    state.me = null;
    renderHeader();
    if (!location.hash.startsWith("#/login")) location.hash = "#/login";
  });
  const doc = location.hash.match(/^#\/doc\/(\d+)/);
  if (doc) {
    // Load the document while we ask who is logged in: the editor opens one round trip sooner.
    prefetch(`/api/documents/${doc[1]}`);
    prefetch("/api/terms");
  }
  try {
    state.me = await api("/api/auth/me");
  } catch {
    state.me = null;
  }
  renderHeader();
  window.addEventListener("hashchange", route);
  window.addEventListener("beforeunload", (event) => {
    if (state.view?.hasUnsaved?.()) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
  if (state.me && (location.hash === "" || location.hash.startsWith("#/login"))) {
    location.hash = "#/";
    return;
  }
  await route();
}

boot();
