// German labels for statuses, languages, roles, ages and the server's error codes.

export const SEGMENT_STATUS = {
  new: "neu",
  draft: "Entwurf",
  edited: "bearbeitet",
  approved: "freigegeben",
  error: "Fehler",
};

export const DOCUMENT_STATUS = {
  ingested: "eingegangen",
  translating: "wird übersetzt",
  in_review: "in Prüfung",
  approved: "freigegeben",
};

export const LANGUAGES = { en: "Englisch", ru: "Russisch", de: "Deutsch" };

export const ROLES = { admin: "Administrator", editor: "Redakteur", translator: "Übersetzer" };

const ERRORS = {
  network: "Keine Verbindung zum Server.",
  unauthorized: "Bitte melden Sie sich an.",
  bad_credentials: "Benutzername oder Passwort ist falsch.",
  forbidden: "Dafür fehlt Ihnen die Berechtigung.",
  unsupported_language: "Diese Sprache wird nicht unterstützt (nur Englisch, Russisch, Deutsch).",
  language_uncertain: "Die Sprache ist nicht eindeutig erkennbar. Bitte wählen Sie sie aus.",
  too_large: "Der Text ist zu groß.",
  empty_text: "Die Quelle enthält keinen Text.",
  fetch_failed: "Die Seite konnte nicht abgerufen werden.",
  fetch_timeout: "Die Seite hat zu lange nicht geantwortet.",
  invalid_url: "Nur http- und https-Adressen sind möglich.",
  not_html: "Unter der Adresse liegt keine HTML-Seite.",
  private_url: "Adressen im internen Netz sind nicht erlaubt.",
  missing_source: "Bitte Text, HTML oder eine Adresse angeben.",
  empty_target: "Eine leere Übersetzung kann nicht freigegeben werden.",
  segment_approved: "Das Segment ist freigegeben und gesperrt; erst wieder öffnen.",
  version_conflict: "Das Segment wurde inzwischen geändert.",
  job_active: "Für dieses Dokument läuft bereits eine Übersetzung.",
  not_translatable: "Deutsche Quellen werden nicht übersetzt.",
};

/** A plain German sentence for an ApiError, with the server's own message for details. */
export function errorText(error) {
  const known = ERRORS[error.code];
  if (!known) return error.message || "Unbekannter Fehler.";
  if (error.code === "unsupported_language" && error.detail.detected) {
    return `${known} Erkannt: ${langName(error.detail.detected)}.`;
  }
  return known;
}

export function langName(code) {
  return LANGUAGES[code] || (code || "?").toUpperCase();
}

/** Parse the server's timestamps (naive ones are UTC). */
export function parseTime(value) {
  if (!value) return null;
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`);
}

/** "vor 5 Min.", "vor 3 Std.", "vor 2 Tagen". */
export function age(value, now = Date.now()) {
  const date = parseTime(value);
  if (!date) return "";
  const minutes = Math.max(0, Math.round((now - date.getTime()) / 60000));
  if (minutes < 1) return "gerade eben";
  if (minutes < 60) return `vor ${minutes} Min.`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `vor ${hours} Std.`;
  const days = Math.round(hours / 24);
  return days === 1 ? "vor 1 Tag" : `vor ${days} Tagen`;
}

export function dateTime(value) {
  const date = parseTime(value);
  return date ? date.toLocaleString("de-DE", { dateStyle: "short", timeStyle: "short" }) : "";
}
