"""Patterns for a word at a word start, written so the regex engine can skip to its first letter fast."""

import re

# What re.IGNORECASE matches to a letter besides its lower and upper case, for the characters whose
# classes are known here (KNOWN: tests/qa/test_analysis.py checks each against every code point).
CASE_EXTRA = {
    "i": "İı",
    "k": "\u212a",  # KELVIN SIGN
    "s": "ſ",
    "å": "\u212b",  # ANGSTROM SIGN
    "ß": "ẞ",
    "в": "\u1c80",  # the Cyrillic letter variants of Unicode 9
    "д": "\u1c81",
    "о": "\u1c82",
    "с": "\u1c83",
    "т": "\u1c84\u1c85",
    "ъ": "\u1c86",
    "ѣ": "\u1c87",
}
KNOWN = ("AZ", "az", "\u00c0\u00ff", "\u0400\u04ff")  # ASCII letters, Latin-1 letters, Cyrillic


def caseless(char: str) -> str | None:
    """Every character re.IGNORECASE matches to `char`; None outside KNOWN."""
    if not any(low <= char <= high for low, high in KNOWN):
        return None
    cases = {char, *(case for case in (char.lower(), char.upper()) if len(case) == 1)}  # ß.upper() is SS
    return "".join(sorted({*cases, *CASE_EXTRA.get(char.lower(), "")}))


def at_word_start(literal: str, ignore_case: bool) -> str:
    """`literal` where no word character comes before it, starting with what the engine scans fast.

    `\\b(?<!\\w)literal` makes the engine try the pattern at every character. Case-sensitive, the
    literal goes first (a literal prefix: the engine's substring search) and the lookbehind after it;
    ignoring case, the first letter's class goes first, matched as it is (`(?-i:[Pp])`), then the
    lookbehind, then the first letter again under the pattern's own case rules — the same matches.
    """
    first = literal[:1]
    if not first.isalpha():
        return (r"\b(?<!\w)" if first.isalnum() or first == "_" else r"(?<!\w)") + re.escape(literal)
    if not ignore_case:
        return rf"{re.escape(literal)}(?<!\w(?s:.){{{len(literal)}}})"
    letters = caseless(first)
    if letters is None:
        return r"\b(?<!\w)" + re.escape(literal)
    return rf"(?-i:[{re.escape(letters)}])(?<!\w(?s:.))(?<={re.escape(first)}){re.escape(literal[1:])}"
