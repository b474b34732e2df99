"""The check registry: built-ins and entry points loaded alike, load errors kept; the runner of all checks."""

import importlib
from dataclasses import dataclass
from functools import cache
from importlib.metadata import entry_points

from app.qa.base import Check, Pair, QAIssue

ENTRY_POINT_GROUP = "werkbank.qa_checks"

# One module per check; third-party checks register under the entry-point group above.
BUILTINS = {
    "number_mismatch": "app.qa.checks.number_mismatch:NumberMismatch",
    "date_mismatch": "app.qa.checks.date_mismatch:DateMismatch",
    "name_missing": "app.qa.checks.name_missing:NameMissing",
    "url_mismatch": "app.qa.checks.url_mismatch:UrlMismatch",
    "glossary_term_missing": "app.qa.checks.glossary_term_missing:GlossaryTermMissing",
    "untranslated": "app.qa.checks.untranslated:Untranslated",
    "quote_style": "app.qa.checks.quote_style:QuoteStyle",
    "end_punctuation": "app.qa.checks.end_punctuation:EndPunctuation",
    "length_ratio": "app.qa.checks.length_ratio:LengthRatio",
    "double_space": "app.qa.checks.double_space:DoubleSpace",
    "tag_or_placeholder_left": "app.qa.checks.placeholder_left:PlaceholderLeft",
}
CHECK_FAILED = "check_failed"


@dataclass
class Entry:
    """One registered check, or why it could not be loaded."""

    code: str
    check: Check | None = None
    error: str | None = None


def discover() -> dict[str, str]:
    """Code → "module:attr" of every check: built-ins, then third-party entry points."""
    found = dict(BUILTINS)
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        found.setdefault(entry.name, entry.value)
    return found


def load(code: str, target: str) -> Entry:
    """Import and instantiate one check; a failure is kept as the entry's error."""
    module_name, _, attr = target.partition(":")
    try:
        cls = getattr(importlib.import_module(module_name), attr)
        if not (isinstance(cls, type) and issubclass(cls, Check)):
            raise TypeError(f"{target} is not a Check subclass")
        return Entry(code=code, check=cls())
    except Exception as exc:  # noqa: BLE001 - a broken plug-in is listed as unavailable, never fatal
        return Entry(code=code, error=f"{type(exc).__name__}: {exc}")


@cache
def get_checks() -> tuple[Entry, ...]:
    """Every check of this process, loaded once."""
    return tuple(load(code, target) for code, target in discover().items())


def run_checks(pair: Pair, entries: tuple[Entry, ...] | None = None) -> list[QAIssue]:
    """Every loaded check over one pair; a check that raises becomes a `check_failed` warning."""
    issues: list[QAIssue] = []
    for entry in get_checks() if entries is None else entries:
        if entry.check is None:
            continue
        try:
            issues.extend(entry.check.run(pair))
        except Exception as exc:  # noqa: BLE001 - a faulty check must never break an edit
            issues.append(
                QAIssue(
                    code=CHECK_FAILED,
                    severity="warning",
                    message=f"Prüfung {entry.code} ist fehlgeschlagen: {type(exc).__name__}: {exc}"[:1000],
                )
            )
    return issues


def check_segment(
    *,
    source: str,
    target: str | None,
    source_lang: str,
    terms: tuple = (),
    entries: tuple[Entry, ...] | None = None,
) -> list[QAIssue]:
    """The issues of one segment; nothing to check without German text or for a German source."""
    if not (target or "").strip() or source_lang == "de":
        return []
    return run_checks(Pair(source=source, target=target or "", source_lang=source_lang, terms=terms), entries)
