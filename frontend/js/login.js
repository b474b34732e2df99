// The login form: POST /api/auth/login sets the session cookie.

import { api } from "./api.js";
import { h } from "./dom.js";
import { errorText } from "./format.js";

export function renderLogin(main, onLoggedIn) {
  const message = h("p", { class: "error", role: "alert", id: "login-error" });
  const username = h("input", { id: "login-user", name: "username", autocomplete: "username", required: true });
  const password = h("input", {
    id: "login-password",
    name: "password",
    type: "password",
    autocomplete: "current-password",
    required: true,
  });
  const submit = h("button", { type: "submit", class: "primary" }, "Anmelden");
  const form = h(
    "form",
    { class: "card login", "aria-labelledby": "login-title" },
    h("h1", { id: "login-title" }, "Anmelden"),
    h("label", { for: "login-user" }, "Benutzername"),
    username,
    h("label", { for: "login-password" }, "Passwort"),
    password,
    message,
    submit,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    message.textContent = "";
    submit.disabled = true;
    try {
      const result = await api("/api/auth/login", {
        method: "POST",
        body: { username: username.value.trim(), password: password.value },
      });
      onLoggedIn(result.user);
    } catch (error) {
      message.textContent = errorText(error);
      password.select();
    } finally {
      submit.disabled = false;
    }
  });
  main.append(form);
  username.focus();
}
