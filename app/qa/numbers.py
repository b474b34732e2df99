"""Numbers as written in English, Russian and German text, read into comparable values.

English groups thousands with "," and marks decimals with "."; German does the opposite
(10,000 ↔ 10.000, 1.5 ↔ 1,5); Russian groups with spaces and marks decimals with ","
(10 000, 1,5 млн). A scale word multiplies (1.5 million = 1,5 Millionen = 1,5 млн = 1.500.000).
"""

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import NamedTuple

# Thin, narrow no-break and no-break spaces, and the plain space, as thousands separators.
_SPACES = " \u00a0\u202f\u2009"
# After a number's first digit (the patterns below start with it: see _compile).
_GROUPED_SPACE = rf"\d{{0,2}}(?:[{_SPACES}]\d{{3}})+"
_NUMBER = {
    "en": rf"\d{{0,2}}(?:,\d{{3}})+(?:\.\d+)?|{_GROUPED_SPACE}|\d*(?:\.\d+)?",
    "de": rf"\d{{0,2}}(?:\.\d{{3}})+(?:,\d+)?|{_GROUPED_SPACE}(?:,\d+)?|\d*(?:,\d+)?",
    "ru": rf"\d{{0,2}}(?:\.\d{{3}})+(?:,\d+)?|{_GROUPED_SPACE}(?:,\d+)?|\d*(?:[,.]\d+)?",
}
_SCALES = {
    "en": {
        r"thousands?": 3,
        r"millions?|mn": 6,
        r"billions?|bn": 9,
        r"trillions?|tn": 12,
    },
    "de": {
        r"tausend|tsd\.?": 3,
        r"millionen|million|mio\.?": 6,
        r"milliarden|milliarde|mrd\.?": 9,
        r"billionen|billion|bio\.?": 12,
    },
    "ru": {
        r"тысяч[аиу]?|тыс\.?": 3,
        r"миллион(?:а|ов|ам|ами|ах|е|у)?|млн\.?": 6,
        r"миллиард(?:а|ов|ам|ами|ах|е|у)?|млрд\.?": 9,
        r"триллион(?:а|ов|ам|ами|ах|е|у)?|трлн\.?": 12,
    },
}
# "$1.5m", "5k": single letters count only when attached to an English number.
_SHORT = {"k": 3, "m": 6, "b": 9}
_PERCENT = {
    "en": r"\s?(?:%|percent\b|per\s+cent\b|percentage\s+points?\b)",
    "de": r"\s?(?:%|prozent|prozentpunkte?n?\b)",
    "ru": r"\s?(?:%|процент\w*|п\.\s?п\.)",
}


class Number(NamedTuple):
    """A number found in a text: its value (scale applied), whether it is a percentage, where it is.

    A named tuple: made for every number of every text checked, and cheaper to make than a dataclass."""

    value: Decimal
    percent: bool
    start: int
    end: int
    text: str


def _compile(lang: str) -> re.Pattern[str]:
    scales = "|".join(f"(?:{s})" for s in _SCALES[lang])
    # The first digit first, then the lookbehind on the character before it (`(?<![\w.,])` at the
    # number's start, written after its digit): a pattern starting with a character class lets the
    # regex engine scan for digits in its fast loop instead of trying the pattern at every character
    # (the same matches as `\b(?<![\w.,])\d…`, ~5× faster on news text).
    return re.compile(
        rf"(?P<num>\d(?<![\w.,]\d)(?:{_NUMBER[lang]}))"
        rf"(?:[{_SPACES}-]?(?P<scale>{scales})(?!\w)|(?P<short>[kmb])(?!\w))?"
        rf"(?P<percent>{_PERCENT[lang]})?",
        re.IGNORECASE,
    )


_PATTERNS = {lang: _compile(lang) for lang in _NUMBER}
_SCALE_PATTERNS = {
    lang: [(re.compile(pattern, re.IGNORECASE), power) for pattern, power in table.items()]
    for lang, table in _SCALES.items()
}
_NO_SPACES = str.maketrans("", "", _SPACES)
_DIGIT = re.compile(r"\d")


def _value(raw: str, lang: str) -> Decimal:
    digits = raw.translate(_NO_SPACES)
    if lang == "en":
        digits = digits.replace(",", "")
    elif lang == "de" or "," in digits:
        digits = digits.replace(".", "").replace(",", ".")
    return Decimal(digits)


@lru_cache(maxsize=256)  # a handful of words per language ("million", "Mrd."): read once each
def _scale(word: str, lang: str) -> int:
    for pattern, power in _SCALE_PATTERNS[lang]:
        if pattern.fullmatch(word):
            return power
    return 0


# German times and numeric dates put dots between numbers ("10.30 Uhr", "5.1.2024"): read as
# separate numbers, with a stand-in of the same length so the spans stay right.
# (Digit first, as in _compile: `\d(?<![\d.,]\d)\d?` is `(?<![\d.,])\d{1,2}` with the fast scan.)
_DE_TIME = re.compile(r"\d(?<![\d.,]\d)\d?\.\d{2}(?=\s*Uhr\b)")
_DE_DATE = re.compile(r"\d(?<![\d.,]\d)\d?\.\d{1,2}\.(?:\d{4}|\d{2})?(?![\d,])")
_DIGIT_DOT_DIGIT = re.compile(r"\d\.\d")  # both patterns need one: a cheap test before the slow scans


def _slashed(m: re.Match[str]) -> str:
    return m.group(0).replace(".", "/")


def _split_dotted(text: str) -> str:
    if not _DIGIT_DOT_DIGIT.search(text):
        return text
    if "Uhr" in text:
        text = _DE_TIME.sub(_slashed, text)
    return _DE_DATE.sub(_slashed, text)


def numbers_in(text: str, lang: str) -> list[Number]:
    """Every number of a text in the conventions of `lang` (en, ru, de; others read as English)."""
    lang = lang if lang in _PATTERNS else "en"
    if not _DIGIT.search(text):
        return []
    if lang == "de":
        text = _split_dotted(text)
    found = []
    for m in _PATTERNS[lang].finditer(text):
        num, scale, short, percent = m.group("num", "scale", "short", "percent")
        try:
            power = _SHORT[short.lower()] if lang == "en" and short else _scale(scale, lang) if scale else 0
            value = _value(num, lang)
            if power:  # (normalize() below rounds to the context as scaleb(0) would)
                value = value.scaleb(power)
        except InvalidOperation:
            continue
        found.append(Number(value.normalize(), bool(percent), m.start(), m.end(), m.group(0).strip()))
    return found


# Small numbers are often written as words in German ("drei Menschen"): accepted for 0–12.
GERMAN_WORDS = {
    0: ("null",),
    1: ("ein", "eins", "eine", "einen", "einem", "einer"),
    2: ("zwei",),
    3: ("drei",),
    4: ("vier",),
    5: ("fünf",),
    6: ("sechs",),
    7: ("sieben",),
    8: ("acht",),
    9: ("neun",),
    10: ("zehn",),
    11: ("elf",),
    12: ("zwölf",),
}


def written_as_word(value: Decimal, target: str) -> bool:
    """The German text spells this small whole number as a word."""
    if value != value.to_integral_value() or not 0 <= value <= 12:
        return False
    return _WORD_PATTERNS[int(value)].search(target) is not None


_WORD_PATTERNS = {
    value: re.compile(rf"\b(?<!\w)(?:{'|'.join(words)})(?!\w)", re.IGNORECASE)
    for value, words in GERMAN_WORDS.items()
}
