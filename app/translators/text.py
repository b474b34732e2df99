"""Sentence splitting, chunking under a character limit, and exact re-joining of the pieces."""

import re

# Words ending in a period that rarely end a sentence in English, German or Russian news.
_ABBREVIATIONS_TEXT = """mr mrs ms dr prof st jr sr vs etc e.g i.e u.s u.k u.n no gen col lt sgt
rep sen gov jan feb mar apr jun jul aug sep sept oct nov dec bzw z.b d.h u.a usw ca nr dt
т.е т.д т.п г гг им ул др проф млн млрд тыс руб"""
ABBREVIATIONS = frozenset(_ABBREVIATIONS_TEXT.split())

_BOUNDARY = re.compile(r"""([.!?…]+["'»“”’)\]]*)(\s+)(?=["'«„“(\[]?[\w\d])""")
_WORD_BEFORE = re.compile(r"(\S+)$")

Piece = tuple[str, str]
"""A unit of text to translate and the whitespace that followed it in the original."""


def _is_abbreviation(before: str, next_char: str) -> bool:
    match = _WORD_BEFORE.search(before)
    if not match:
        return False
    word = match.group(1).rstrip(".").lower()
    if word in ABBREVIATIONS:
        return True
    # "J. Smith", "A. Lukaschenko": a single letter before the period is an initial.
    if len(word) == 1 and word.isalpha():
        return True
    return next_char.islower()


def split_sentences(text: str) -> list[Piece]:
    """Split text into (sentence, following whitespace) pieces; joining them gives text back."""
    pieces: list[Piece] = []
    for line, newline in _split_lines(text):
        start = 0
        for match in _BOUNDARY.finditer(line):
            end = match.end(1)
            following = line[match.end(2) : match.end(2) + 1]
            if _is_abbreviation(line[start : match.start(1) + 1], following):
                continue
            pieces.append((line[start:end], match.group(2)))
            start = match.end(2)
        pieces.append((line[start:], newline))
    return _merge_empty(pieces)


def _split_lines(text: str) -> list[Piece]:
    parts = re.split(r"(\n\s*)", text)
    return [(parts[i], parts[i + 1] if i + 1 < len(parts) else "") for i in range(0, len(parts), 2)]


def _merge_empty(pieces: list[Piece]) -> list[Piece]:
    """Fold whitespace-only pieces into the separator of the piece before them."""
    merged: list[Piece] = []
    for unit, sep in pieces:
        if not unit.strip() and merged:
            prev_unit, prev_sep = merged[-1]
            merged[-1] = (prev_unit, prev_sep + unit + sep)
        else:
            merged.append((unit, sep))
    return merged


def chunk(unit: str, max_chars: int) -> list[Piece]:
    """Cut a unit longer than max_chars at whitespace (hard cut when there is none)."""
    pieces: list[Piece] = []
    rest = unit
    while len(rest) > max_chars:
        cut = rest.rfind(" ", 0, max_chars + 1)
        if cut <= 0:
            pieces.append((rest[:max_chars], ""))
            rest = rest[max_chars:]
            continue
        pieces.append((rest[:cut], " "))
        rest = rest[cut + 1 :]
    pieces.append((rest, ""))
    return pieces


def segment(text: str, *, max_chars: int, sentences: bool) -> tuple[str, list[Piece], str]:
    """Prepare a text for an engine: (leading whitespace, pieces, trailing whitespace)."""
    stripped = text.strip()
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :] if stripped else ""
    if not sentences and len(stripped) <= max_chars:
        return lead, [(stripped, "")], trail
    pieces: list[Piece] = []
    for unit, sep in split_sentences(stripped):
        parts = chunk(unit, max_chars)
        parts[-1] = (parts[-1][0], parts[-1][1] + sep)
        pieces.extend(parts)
    return lead, pieces, trail


def has_words(text: str) -> bool:
    """True when the text contains a letter; digits/punctuation alone are not sent to engines."""
    return any(ch.isalpha() for ch in text)
