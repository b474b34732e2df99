// German labels for statuses, languages, roles, export formats and the server's error codes; ages; site times.

export const SEGMENT_STATUS = {
  new: "neu",
  draft: "Entwurf",
  edited: "bearbeitet",
  approved: "freigegeben",
  error: "Fehler",
  source_changed: "Quelle geändert",
  source_removed: "nicht mehr in der Quelle",
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
  qa_errors: "Nicht freigegeben: die Qualitätsprüfung meldet Fehler (Freigabe nur mit Begründung).",
  reason_required: "Nicht freigegeben: bitte begründen, warum trotz QA-Fehlern freigegeben wird.",
  unauthorized: "Bitte melden Sie sich an.",
  bad_credentials: "Benutzername oder Passwort ist falsch.",
  forbidden: "Dafür fehlt Ihnen die Berechtigung.",
  unsupported_language: "Diese Sprache wird nicht unterstützt (nur Englisch, Russisch, Deutsch).",
  language_uncertain: "Die Sprache ist nicht eindeutig erkennbar. Bitte wählen Sie sie aus.",
  too_large: "Der Text ist zu groß.",
  empty_text: "Die Quelle enthält keinen Text.",
  no_article: "Auf der Seite wurde kein Artikeltext gefunden.",
  not_an_article: "Das ist keine Artikelseite (Startseite, Rubrik, Team- oder Produktseite).",
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

// The site's IANA time zone (the server's WERKBANK_TIMEZONE, from /api/health): every time shown or entered is
// wall-clock time there, not in the browser's own zone. app.js sets it once at start.
const DEFAULT_ZONE = "Europe/Berlin";
let zone = DEFAULT_ZONE;
// Built on first use: a page's first Intl.DateTimeFormat costs 15–50 ms (ICU loads its data), and the
// editor's first screen shows no time at all.
let formats = null;

function siteFormats() {
  formats ??= { parts: partsFormatFor(zone), short: shortFormatFor(zone) };
  return formats;
}

function partsFormatFor(name) {
  return new Intl.DateTimeFormat("en-CA", { timeZone: name, year: "numeric", month: "2-digit", day: "2-digit",
    hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });
}

function shortFormatFor(name) {
  return new Intl.DateTimeFormat("de-DE", { timeZone: name, dateStyle: "short", timeStyle: "short" });
}

/** Use this IANA zone for all times from now on; false (and no change) for a name the browser does not know. */
export function setSiteZone(name) {
  if (!name || typeof name !== "string") return false;
  if (name === zone) return true;
  if (Intl.supportedValuesOf?.("timeZone").includes(name)) {
    formats = null; // the browser's list knows it (cheap): the formatters follow on first use
  } else {
    try {
      formats = { parts: partsFormatFor(name), short: shortFormatFor(name) }; // an alias such as "Europe/Kiev"?
    } catch {
      return false; // RangeError: unknown zone; keep the one we have
    }
  }
  zone = name;
  return true;
}

/** The site's IANA zone name ("Europe/Berlin" until setSiteZone). */
export function siteZone() {
  return zone;
}

/** The zone in words for labels: "Berliner Zeit", otherwise "Ortszeit America/New_York". */
export function zoneLabel(name = zone) {
  return name === DEFAULT_ZONE ? "Berliner Zeit" : `Ortszeit ${name}`;
}

const pad = (n) => String(n).padStart(2, "0");

/** The wall-clock time in the site's zone at an instant: {y, m, d, hh, mm, ss}. */
function siteParts(date) {
  const parts = Object.fromEntries(siteFormats().parts.formatToParts(date).map((p) => [p.type, p.value]));
  return { y: +parts.year, m: +parts.month, d: +parts.day, hh: +parts.hour % 24, mm: +parts.minute, ss: +parts.second };
}

/** Minutes the site's zone is ahead of UTC at an instant in ms (Berlin: 60 in winter, 120 in summer). */
function siteOffset(ms) {
  const p = siteParts(new Date(ms));
  const wall = Date.UTC(p.y, p.m - 1, p.d, p.hh, p.mm, p.ss);
  return Math.round((wall - Math.floor(ms / 1000) * 1000) / 60000);
}

/** A server timestamp as "YYYY-MM-DDTHH:MM" in the site's zone (the value of a datetime-local field). */
export function toSiteInput(value) {
  const date = parseTime(value);
  if (!date) return "";
  const p = siteParts(date);
  return `${p.y}-${pad(p.m)}-${pad(p.d)}T${pad(p.hh)}:${pad(p.mm)}`;
}

/** Site wall time "YYYY-MM-DDTHH:MM" → ISO 8601 with the offset valid then ("…+01:00" in a Berlin winter).
 *
 * Like the server's rule for naive times (fold=0): a time that occurs twice when the clocks go back takes
 * the first (earlier) offset; a time skipped when they go forward takes the offset before the change. */
export function fromSiteInput(local) {
  const m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)/.exec(local || "");
  if (!m) return null;
  const wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
  const day = 24 * 3600000; // zones change their offset at most once a day
  const before = siteOffset(wall - day);
  const after = siteOffset(wall + day);
  const fits = (offset) => siteOffset(wall - offset * 60000) === offset;
  const offset = !fits(before) && fits(after) ? after : before;
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Today's date in the site's zone, "YYYY-MM-DD". */
export function siteToday(now = new Date()) {
  const p = siteParts(now);
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

/** "09:30" in the site's zone of a server timestamp. */
export function siteTime(value) {
  const date = parseTime(value);
  if (!date) return "";
  const p = siteParts(date);
  return `${pad(p.hh)}:${pad(p.mm)}`;
}

/** "10.01.22, 09:30" in the site's zone of a server timestamp. */
export function dateTime(value) {
  const date = parseTime(value);
  return date ? siteFormats().short.format(date) : "";
}
