// The address: the hash route on screen, and changing it without rendering again.

let shown = "";

/** "#/posts?date=…" → {path: "/posts", params: URLSearchParams}. */
export function parseHash() {
  const raw = location.hash.replace(/^#/, "") || "/";
  const [path, query = ""] = raw.split("?");
  return { path, params: new URLSearchParams(query) };
}

/** The hash of the view on screen ("" before the first route). */
export function shownHash() {
  return shown;
}

export function setShownHash(hash) {
  shown = hash;
}

/** Change the address without rendering again (a new post got its id on first save). */
export function replaceRoute(hash) {
  history.replaceState(null, "", hash);
  shown = location.hash;
}
