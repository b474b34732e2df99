// The REST client: JSON in and out, errors as ApiError with the server's code and message.

export class ApiError extends Error {
  constructor(status, body) {
    const err = (body && body.error) || {};
    super(err.message || `HTTP ${status}`);
    this.status = status;
    this.code = err.code || (status === 0 ? "network" : "http_error");
    this.detail = err;
  }
}

let onUnauthorized = () => {};
const prefetched = new Map();

/** Start a GET now (e.g. while modules load); the next api(path) call takes over its answer. */
export function prefetch(path) {
  if (prefetched.has(path)) return; // index.html started it already
  keep(path, api(path));
}

function keep(path, pending) {
  pending.catch(() => {}); // the consumer sees the error; nobody may consume it at all
  prefetched.set(path, pending);
}

/** Called when any request answers 401 (the session ended). */
export function setUnauthorizedHandler(fn) {
  onUnauthorized = fn;
}

/** Call the API; resolves to the JSON body (null for 204), rejects with ApiError. */
export async function api(path, { method = "GET", body, params, withStatus = false } = {}) {
  if (method === "GET" && !params && !withStatus && prefetched.has(path)) {
    const pending = prefetched.get(path);
    prefetched.delete(path);
    return pending;
  }
  let url = path;
  if (params) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") q.set(k, v);
    const s = q.toString();
    if (s) url += `?${s}`;
  }
  const init = { method, credentials: "same-origin", headers: { Accept: "application/json" } };
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  return answer(path, fetch(url, init), { method, params, withStatus });
}

/** A fetch's response as api() promises it: the JSON body, or an ApiError (401 reported). */
async function answer(path, fetching, { method = "GET", params, withStatus = false } = {}) {
  let res;
  try {
    res = await fetching;
  } catch (exc) {
    throw new ApiError(0, { error: { code: "network", message: `Netzwerkfehler: ${exc.message}` } });
  }
  const text = await res.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = { error: { code: "bad_response", message: text.slice(0, 200) } };
  }
  if (!res.ok) {
    const error = new ApiError(res.status, data);
    if (res.status === 401 && !path.startsWith("/api/auth/login")) onUnauthorized(error);
    throw error;
  }
  // A keyset-paged list answers a page and the next page's cursor in a header: follow it, so
  // callers get the whole list (posts of a day, the termbase, a segment's revisions).
  const next = res.headers.get("X-Next-Cursor");
  if (method === "GET" && next && Array.isArray(data)) {
    data = data.concat(await api(path, { params: { ...(params || {}), cursor: next } }));
  }
  return withStatus ? { status: res.status, data } : data;
}

// The requests index.html started before any module ran (the user, the site's zone, an editor's
// document and the termbase), taken over as if prefetch() had started them.
for (const [path, fetching] of Object.entries(globalThis.werkbankEarly || {})) keep(path, answer(path, fetching));
delete globalThis.werkbankEarly;
