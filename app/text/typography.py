"""German typography: quotes „…“ and ‚…‘, omission marks (…), German dates and slugs."""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from babel.dates import format_date

from app.errors import InvalidInput
from app.times import local

OMISSION = "(…)"
_DOUBLE = '"“”„«»'
_SINGLE = "'‘’‚‹›"
_OPEN_STYLE = ("„", "‚")
_CLOSE_STYLE = ("“", "‘")
_BEFORE_OPEN = set("([{<–—-/") | set(_DOUBLE + _SINGLE)
_AFTER_CLOSE = set(".,;:!?)]}>–—-/…") | set(_DOUBLE + _SINGLE)
_BRACKETED = re.compile(r"[\[(<]\s*(?:\.{3}|…)\s*[\])>]")
_BARE = re.compile(r"\.{3}|…")
_SLUG_MAP = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ẞ": "ss"})


@dataclass(frozen=True)
class Change:
    """One change the normaliser made: offsets into the ORIGINAL text, before/after, rule."""

    start: int
    end: int
    before: str
    after: str
    rule: str  # quote | apostrophe | omission | ellipsis


@dataclass(frozen=True)
class NormalizedText:
    """The normalised text and the list of changes, for the editor's typography check."""

    text: str
    changes: list[Change]


@dataclass
class _Quote:
    pos: int
    char: str
    kind: int  # 0 = double, 1 = single
    role: str  # open | close | apostrophe | ambiguous
    fixed: bool  # already German: keep the character
    out: str = ""


def _flanks(text: str, i: int) -> tuple[bool, bool]:
    prev = text[i - 1] if i > 0 else None
    nxt = text[i + 1] if i + 1 < len(text) else None
    can_open = (prev is None or prev.isspace() or prev in _BEFORE_OPEN) and (
        nxt is not None and not nxt.isspace()
    )
    can_close = (nxt is None or nxt.isspace() or nxt in _AFTER_CLOSE) and (
        prev is not None and not prev.isspace()
    )
    return can_open, can_close


def _classify(text: str, i: int, english: bool) -> _Quote:
    char = text[i]
    kind = 0 if char in _DOUBLE else 1
    can_open, can_close = _flanks(text, i)
    role = "open" if can_open and not can_close else "close" if can_close and not can_open else ""
    between_letters = 0 < i < len(text) - 1 and text[i - 1].isalnum() and text[i + 1].isalnum()
    if char in "„‚":
        return _Quote(i, char, kind, "open", fixed=True)
    if char in "'’‘" and between_letters:
        return _Quote(i, char, kind, "apostrophe", fixed=char == "’")
    if char == "’" and role != "close":
        return _Quote(i, char, kind, "apostrophe", fixed=True)
    if char in "“‘" and role == "close":
        return _Quote(i, char, kind, "close", fixed=True)
    if char == "“" and not english:  # no ” anywhere: a German closing quote, pair by context
        return _Quote(i, char, kind, "ambiguous", fixed=False)
    # A guillemet with no telling neighbours (between letters, between spaces) pairs by context
    # like any other quote: forcing « open / » close made "0»0" → "0“0" → "0„0" (not idempotent).
    return _Quote(i, char, kind, role or "ambiguous", fixed=False)


def _shown(q: _Quote) -> str:
    return q.char if q.fixed else q.out


def _pair_quotes(quotes: list[_Quote]) -> None:
    """Decide every quote's output; closers take the style of the opener they close."""
    stack: list[_Quote] = []
    for q in quotes:
        if q.role == "apostrophe":
            q.out = "’"
            continue
        top_same = bool(stack) and stack[-1].kind == q.kind
        if q.role == "open" or (q.role == "ambiguous" and not top_same):
            q.out = _OPEN_STYLE[len(stack) % 2]
            stack.append(q)
            continue
        opener = next((s for s in reversed(stack) if s.kind == q.kind), None)
        if opener is None or (q.char == "’" and _shown(opener) == "‚"):
            # ’ never closes a German ‚ — it is an apostrophe (Hans’, geht’s)
            q.out = "’" if q.kind == 1 and q.char in "'’" else _CLOSE_STYLE[0]
            continue
        while stack[-1] is not opener:
            stranded = stack.pop()
            stranded.out = "’" if stranded.char in "'’" else stranded.out
        stack.pop()
        q.out = "“" if _shown(opener) == "„" else "‘"
    for stranded in stack:
        if stranded.char == "'":
            stranded.out = "’"


def _quote_changes(text: str) -> list[Change]:
    english = "”" in text
    quotes = [_classify(text, i, english) for i, ch in enumerate(text) if ch in _DOUBLE or ch in _SINGLE]
    _pair_quotes(quotes)
    changes = []
    for q in quotes:
        after = q.char if q.fixed else q.out
        if after != q.char:
            rule = "apostrophe" if after == "’" else "quote"
            changes.append(Change(q.pos, q.pos + 1, q.char, after, rule))
    return changes


def _standalone(text: str, start: int, end: int) -> bool:
    prev = text[start - 1] if start > 0 else None
    nxt = text[end] if end < len(text) else None
    before_ok = prev is None or prev.isspace() or prev in _BEFORE_OPEN
    after_ok = nxt is None or nxt.isspace() or nxt in _AFTER_CLOSE
    return before_ok and after_ok


def _omission_changes(text: str) -> list[Change]:
    changes = []
    taken: list[tuple[int, int]] = []
    for m in _BRACKETED.finditer(text):
        taken.append(m.span())
        if m.group() != OMISSION:
            changes.append(Change(m.start(), m.end(), m.group(), OMISSION, "omission"))
    for m in _BARE.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        if _standalone(text, m.start(), m.end()):
            changes.append(Change(m.start(), m.end(), m.group(), OMISSION, "omission"))
        elif m.group() == "...":
            changes.append(Change(m.start(), m.end(), m.group(), "…", "ellipsis"))
    return changes


def normalize(text: str) -> NormalizedText:
    """German quotes and omission marks; returns the text and every change made (idempotent)."""
    changes = sorted(_quote_changes(text) + _omission_changes(text), key=lambda c: c.start)
    parts, last = [], 0
    for change in changes:
        parts.append(text[last : change.start])
        parts.append(change.after)
        last = change.end
    parts.append(text[last:])
    return NormalizedText("".join(parts), changes)


def local_day(value: datetime, zone: tzinfo | None = None) -> date:
    """The calendar day of an aware moment in ``zone`` (default: the site's, WERKBANK_TIMEZONE)."""
    return local(value, zone).date()


def format_day(value: date, zone: tzinfo | None = None) -> str:
    """Day heading as the blog writes it: "10. Januar 2022" (de_DE, never "Jänner").

    A datetime is first turned into its calendar day in ``zone`` (default: the site's).
    """
    if isinstance(value, datetime):
        value = local_day(value, zone)
    return format_date(value, "d. MMMM y", locale="de_DE")


def format_byline_date(value: date, *, compact: bool = False) -> str:
    """Date for a byline: "12. Januar 2022", or "12.Januar 2022" with compact=True."""
    text = format_day(value)
    return text.replace(". ", ".", 1) if compact else text


def slugify_de(title: str, *, max_length: int = 80) -> str:
    """URL slug with German transliteration (ä→ae, ß→ss), lowercase, hyphens, cut at a word."""
    text = title.lower().translate(_SLUG_MAP)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(slug) > max_length:
        cut = slug[: max_length + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut[1:] else slug[:max_length]
        slug = slug.strip("-")
    if not slug:
        raise InvalidInput("Title gives no usable slug", code="empty_slug", title=title)
    return slug
