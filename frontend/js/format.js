// German labels for statuses, languages, roles, export formats and the server's error codes; ages and Berlin times.

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

export const POST_STATUS = { draft: "Entwurf", ready: "bereit", published: "veröffentlicht" };

/** The formats of /api/posts/{id}/export and /api/days/{date}/export, with their link labels. */
export const EXPORT_FORMATS = [["html", "HTML"], ["markdown", "Markdown"], ["json", "JSON"], ["wxr", "WXR (WordPress)"]];

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
  title_missing: "Der Beitrag braucht einen Titel: bitte oben eintragen.",
  segment_not_approved: "Nur freigegebene Absätze können in den Beitrag (markiert).",
  slug_taken: "Diese Kurzadresse (Slug) ist schon vergeben.",
  post_not_found: "Diesen Beitrag gibt es nicht (mehr).",
  publish_not_configured: "Veröffentlichen ist nicht eingerichtet: WordPress-Adresse oder Zugang fehlt.",
  publish_unauthorized: "WordPress hat den Zugang abgelehnt (Benutzer oder Anwendungspasswort prüfen).",
  publish_failed: "WordPress hat das Veröffentlichen nicht angenommen.",
  not_published: "Dieser Beitrag ist nicht veröffentlicht.",
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

/** Parse a server timestamp: the API sends RFC 3339 with an offset ("…Z"). */
export function parseTime(value) {
  return value ? new Date(value) : null;
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

const BERLIN = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin", year: "numeric", month: "2-digit",
  day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });
const pad = (n) => String(n).padStart(2, "0");

/** The wall-clock time in Berlin at an instant: {y, m, d, hh, mm, ss}. */
function berlinParts(date) {
  const parts = Object.fromEntries(BERLIN.formatToParts(date).map((p) => [p.type, p.value]));
  return { y: +parts.year, m: +parts.month, d: +parts.day, hh: +parts.hour % 24, mm: +parts.minute, ss: +parts.second };
}

/** Minutes Berlin is ahead of UTC at an instant (60 in winter, 120 in summer). */
function berlinOffset(date) {
  const p = berlinParts(date);
  const wall = Date.UTC(p.y, p.m - 1, p.d, p.hh, p.mm, p.ss);
  return Math.round((wall - Math.floor(date.getTime() / 1000) * 1000) / 60000);
}

/** A server timestamp as "YYYY-MM-DDTHH:MM" in Berlin (the value of a datetime-local field). */
export function toBerlinInput(value) {
  const date = parseTime(value);
  if (!date) return "";
  const p = berlinParts(date);
  return `${p.y}-${pad(p.m)}-${pad(p.d)}T${pad(p.hh)}:${pad(p.mm)}`;
}

/** Berlin wall time "YYYY-MM-DDTHH:MM" → ISO 8601 with the offset valid then ("…+01:00"). */
export function fromBerlinInput(local) {
  const m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)/.exec(local || "");
  if (!m) return null;
  const wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
  let offset = berlinOffset(new Date(wall - 60 * 60000));
  offset = berlinOffset(new Date(wall - offset * 60000));
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Today's date in Berlin, "YYYY-MM-DD". */
export function berlinToday(now = new Date()) {
  const p = berlinParts(now);
  return `${p.y}-${pad(p.m)}-${pad(p.d)}`;
}

/** The calendar day n days after "YYYY-MM-DD". */
export function shiftDay(day, n) {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + n);
  return date.toISOString().slice(0, 10);
}

/** "Montag, 10. Januar 2022" for a "YYYY-MM-DD" day. */
export function longDay(day) {
  return new Date(`${day}T12:00:00Z`).toLocaleDateString("de-DE", { weekday: "long", day: "numeric",
    month: "long", year: "numeric", timeZone: "UTC" });
}

/** "09:30" Berlin time of a server timestamp. */
export function berlinTime(value) {
  const date = parseTime(value);
  if (!date) return "";
  const p = berlinParts(date);
  return `${pad(p.hh)}:${pad(p.mm)}`;
}

export function dateTime(value) {
  const date = parseTime(value);
  return date ? date.toLocaleString("de-DE", { dateStyle: "short", timeStyle: "short" }) : "";
}
