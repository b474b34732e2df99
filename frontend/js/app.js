// The entry: the site's time zone, the header and the hash routes (login, inbox, new source, editors, posts, feeds).
// Nothing imports this module; views get the user from session.js and the address from router.js.

import { api, prefetch, setUnauthorizedHandler } from "./api.js";
import { $, h, replace } from "./dom.js";
import { ROLES, setSiteZone } from "./format.js";
import { renderLogin } from "./login.js";
import { parseHash, setShownHash, shownHash } from "./router.js";
import { currentUser, setCurrentUser } from "./session.js";

const state = { view: null, warmed: false };

function renderHeader() {
  const me = currentUser();
  const who = $("#whoami");
  const nav = $("#nav");
  if (!me) {
    replace(who);
    replace(nav);
    return;
  }
  replace(nav, h("a", { href: "#/" }, "Eingang"), h("a", { href: "#/new" }, "Neue Quelle"),
    h("a", { href: "#/posts" }, "Beiträge"), h("a", { href: "#/feeds" }, "Quellen"),
    h("a", { href: "#/stats" }, "Statistik"));
  replace(
    who,
    h("span", { class: "user", title: "Angemeldet als" }, me.username),
    h("span", { class: "role" }, ROLES[me.role] || me.role),
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
  setCurrentUser(null);
  renderHeader();
  location.hash = "#/login";
}

// The views, each loaded on first use. index.html preloads the modules of the inbox and the editor
// (the screens a cold load opens); the others are fetched once the first screen is idle.
const VIEWS = {
  inbox: () => import("./inbox.js"),
  editor: () => import("./editor.js"),
  newSource: () => import("./newsource.js"),
  posts: () => import("./posts.js"),
  feeds: () => import("./feeds.js"),
  stats: () => import("./stats.js"),
  post: () => import("./post.js"),
};

async function loadView(path) {
  if (path === "/login") return { render: (main) => renderLogin(main, onLoggedIn) };
  if (path === "/new") return (await VIEWS.newSource()).newSourceView();
  if (path === "/posts") return (await VIEWS.posts()).postsView();
  if (path === "/feeds") return (await VIEWS.feeds()).feedsView();
  if (path === "/stats") return (await VIEWS.stats()).statsView();
  const newPost = path.match(/^\/doc\/(\d+)\/post$/);
  if (newPost) return (await VIEWS.post()).postView({ documentId: Number(newPost[1]) });
  const post = path.match(/^\/post\/(\d+)$/);
  if (post) return (await VIEWS.post()).postView({ postId: Number(post[1]) });
  const doc = path.match(/^\/doc\/(\d+)$/);
  if (doc) return (await VIEWS.editor()).editorView(Number(doc[1]));
  return (await VIEWS.inbox()).inboxView();
}

/** Fetch every view's modules once the first screen is idle: a later switch waits for no request. */
function warmViews() {
  const load = () => Object.values(VIEWS).forEach((view) => view().catch(() => {}));
  if (window.requestIdleCallback) requestIdleCallback(load, { timeout: 5000 });
  else setTimeout(load, 2000);
}

async function route() {
  const hash = location.hash;
  if (state.view?.confirmLeave && hash !== shownHash() && !state.view.confirmLeave()) {
    history.replaceState(null, "", shownHash() || "#/");
    return;
  }
  const { path, params } = parseHash();
  if (!currentUser() && path !== "/login") {
    location.hash = "#/login";
    return;
  }
  state.view?.destroy?.();
  setShownHash(hash);
  const main = $("#main");
  const view = await loadView(path);
  state.view = view;
  replace(main);
  await view.render(main, params);
  if (!state.warmed) warmViews(); // after the first screen, not while it waits for its data
  state.warmed = true;
}

function onLoggedIn(user) {
  setCurrentUser(user);
  renderHeader();
  location.hash = "#/";
  if (shownHash() === "#/") route();
}

/** The site's time zone from /api/health: every time on screen and in the forms is wall-clock time there. */
async function loadSiteZone() {
  try {
    setSiteZone((await api("/api/health")).timezone);
  } catch {
    // No answer: the default zone (Europe/Berlin) stays; the views report the server's trouble themselves.
  }
}

async function boot() {
  setUnauthorizedHandler(() => {
    setCurrentUser(null);
    renderHeader();
    if (!location.hash.startsWith("#/login")) location.hash = "#/login";
  });
  const doc = location.hash.match(/^#\/doc\/(\d+)/);
  if (doc) {
    // Load the document while we ask who is logged in: the editor opens one round trip sooner.
    prefetch(`/api/documents/${doc[1]}`);
    prefetch("/api/terms");
  }
  const zone = loadSiteZone(); // in parallel with asking who is logged in; views render after both
  try {
    setCurrentUser(await api("/api/auth/me"));
  } catch {
    setCurrentUser(null);
  }
  await zone;
  renderHeader();
  window.addEventListener("hashchange", route);
  window.addEventListener("beforeunload", (event) => {
    if (state.view?.hasUnsaved?.()) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
  if (currentUser() && (location.hash === "" || location.hash.startsWith("#/login"))) {
    location.hash = "#/";
    return;
  }
  await route();
}

boot();
