// DOM helpers: every piece of text is set with textContent, never parsed as HTML.

/** Create an element: h("p", {class: "x", onclick: fn}, "text", child). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") {
      el.addEventListener(key.slice(2), value);
    } else if (key === "class") {
      el.className = value;
    } else if (key === "dataset") {
      Object.assign(el.dataset, value);
    } else if (key === "value" || key === "checked" || key === "disabled" || key === "readOnly") {
      el[key] = value;
    } else {
      el.setAttribute(key, value === true ? "" : String(value));
    }
  }
  append(el, children);
  return el;
}

/** Append children (strings become text nodes). */
export function append(el, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Replace all children of el. */
export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/** After a dialog closed: is the focus on nothing the user chose meanwhile (body, the dialog, its opener)? */
export function focusIsNowhere(dialog, opener) {
  const active = document.activeElement;
  return !active || active === document.body || active === opener || dialog.contains(active);
}

/** Shortcut for document.querySelector. */
export const $ = (sel, root = document) => root.querySelector(sel);
