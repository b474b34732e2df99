"""German typography: quotes „…“ and ‚…‘ by kind, omission marks (…), German dates and slugs.

What it owns: quote characters, "..." (written as the author's "…") and bracketed omission
marks ("[...]", "<…>" → "(…)"). The author's "…" stays "…"; "(…)" for paragraphs left out is the
excerpt builder's business, not the typography's. Every other character is kept as it is.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from babel.dates import format_date
from slugify import slugify

from app.errors import InvalidInput
from app.times import local

OMISSION = "(…)"
_DOUBLE = '"“”„«»'
_SINGLE = "'‘’‚‹›"
_BEFORE_OPEN = set("([{<–—-/") | set(_DOUBLE + _SINGLE)
_AFTER_CLOSE = set(".,;:!?)]}>–—-/…") | set(_DOUBLE + _SINGLE)
_BRACKETED = re.compile(r"[\[(<](?:\.{3}|…)[\])>]")
_DOTS = re.compile(r"\.{3}")
# "Rock 'n' roll", "rock ’n’ roll": one letter between two single quotes is an elision, not a quote.
_ELISION = re.compile(r"(?<![\w'’‘])(['’‘])[^\W\d_](['’‘])(?!\w)")
_SLUG_REPLACEMENTS = [["ä", "ae"], ["ö", "oe"], ["ü", "ue"], ["Ä", "Ae"], ["Ö", "Oe"], ["Ü", "Ue"]]
_SLUG_REPLACEMENTS += [["ß", "ss"], ["ẞ", "SS"]]


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
    if between_letters and char not in "'’‘":  # 5"3, x»y: no quote a reader could pair; kept
        return _Quote(i, char, kind, "apostrophe", fixed=True)
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


def _open_style(q: _Quote, stack: list[_Quote]) -> str:
    """By kind: single quotes open ‚, double quotes „ — or ‚ when already inside a double quote."""
    if q.kind == 1:
        return "‚"
    return "‚" if any(s.kind == 0 for s in stack) else "„"


def _pair_quotes(quotes: list[_Quote]) -> None:
    """Decide every quote's output; closers take the style of the opener they close."""
    stack: list[_Quote] = []
    for q in quotes:
        if q.role == "apostrophe":
            q.out = "’"
            continue
        top_same = bool(stack) and stack[-1].kind == q.kind
        if q.role == "open" or (q.role == "ambiguous" and not top_same):
            q.out = _open_style(q, stack)
            stack.append(q)
            continue
        opener = next((s for s in reversed(stack) if s.kind == q.kind), None)
        if opener is None or (q.char == "’" and opener.char == "‚"):
            # ’ never closes a German ‚ — it is an apostrophe (Hans’, geht’s)
            q.out = "’" if q.kind == 1 and q.char in "'’" else ("“" if q.kind == 0 else "‘")
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
    elided = {m.start(g) for m in _ELISION.finditer(text) for g in (1, 2)}
    quotes = [_classify(text, i, english) for i, ch in enumerate(text) if ch in _DOUBLE or ch in _SINGLE]
    for q in quotes:
        if q.pos in elided:
            q.role, q.fixed = "apostrophe", q.char == "’"
    _pair_quotes(quotes)
    changes = []
    for q in quotes:
        after = q.char if q.fixed else q.out
        if after != q.char:
            rule = "apostrophe" if after == "’" else "quote"
            changes.append(Change(q.pos, q.pos + 1, q.char, after, rule))
    return changes


def _omission_changes(text: str) -> list[Change]:
    """Bracketed marks become "(…)"; three dots become "…" (the author's ellipsis stays one)."""
    changes = []
    taken: list[tuple[int, int]] = []
    for m in _BRACKETED.finditer(text):
        taken.append(m.span())
        if m.group() != OMISSION:
            changes.append(Change(m.start(), m.end(), m.group(), OMISSION, "omission"))
    for m in _DOTS.finditer(text):
        if not any(s <= m.start() < e for s, e in taken):
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
    """URL slug: German replacements (ä→ae, ß→ss), other scripts transliterated (Путин → putin),
    lowercase, hyphens, cut at a word."""
    slug = slugify(title, max_length=max_length, word_boundary=True, replacements=_SLUG_REPLACEMENTS)
    if not slug:
        raise InvalidInput("Title gives no usable slug", code="empty_slug", title=title)
    return slug
