"""The scoreboard as CSV (spreadsheet-safe cells): engines, and activity per day and user."""

import csv
import io

from app.models import EngineStats

ENGINE_COLUMNS = ("provider", "segments", "mean_chrf", "unchanged_share", "mean_edit_rate", "median_seconds")
ACTIVITY_COLUMNS = ("day", "user", "documents_ingested", "segments_approved", "posts_published")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(value: object) -> object:
    """OWASP's rule against CSV injection, as in the pairs export: formula-like text gets a leading '."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return "" if value is None else value


def _render(columns: tuple[str, ...], rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\r\n", extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _safe(row.get(k)) for k in columns})
    return out.getvalue()


def engines_csv(providers: list[EngineStats]) -> str:
    return _render(ENGINE_COLUMNS, [p.model_dump() for p in providers])


def activity_csv(report: dict) -> str:
    """One row per day (user empty: everybody) followed by that day's rows per user."""
    rows: list[dict] = []
    for day in report["days"]:
        rows.append({**day, "user": ""})
        rows += [{**user, "day": day["day"]} for user in day["users"]]
    return _render(ACTIVITY_COLUMNS, rows)
