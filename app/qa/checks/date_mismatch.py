"""date_mismatch: months, days and weekdays of the source are the same in the German text."""

import re
from collections.abc import Iterator

from app.qa.analysis import Analysis
from app.qa.base import Check, Pair, QAIssue
from app.qa.patterns import caseless

# Stems: English and German full names and abbreviations, Russian in every case (января, январе …).
MONTHS = {
    "en": [
        "jan(?:uary|\\.)",
        "feb(?:ruary|\\.)",
        "march|mar\\.",
        "apr(?:il|\\.)",
        "may",
        "june?|jun\\.",
        "july?|jul\\.",
        "aug(?:ust|\\.)",
        "sep(?:tember|t?\\.)",
        "oct(?:ober|\\.)",
        "nov(?:ember|\\.)",
        "dec(?:ember|\\.)",
    ],
    "ru": [
        "январ[ьяюе]",
        "феврал[ьяюе]",
        "март[аеу]?",
        "апрел[ьяюе]",
        "ма[йяюе]",
        "июн[ьяюе]",
        "июл[ьяюе]",
        "август[аеу]?",
        "сентябр[ьяюе]",
        "октябр[ьяюе]",
        "ноябр[ьяюе]",
        "декабр[ьяюе]",
    ],
    "de": [
        "jänner|januar|jan\\.",
        "februar|feb\\.",
        "märz|mär\\.",
        "april|apr\\.",
        "mai",
        "juni|jun\\.",
        "juli|jul\\.",
        "august|aug\\.",
        "september|sept?\\.",
        "oktober|okt\\.",
        "november|nov\\.",
        "dezember|dez\\.",
    ],
}
WEEKDAYS = {
    "en": ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"],
    "ru": [
        "понедельник",
        "вторник",
        "сред[аыуе]",
        "четверг",
        "пятниц[аыуе]",
        "суббот[аыуе]",
        "воскресень[ея]",
    ],
    "de": ["montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag|sonnabend", "sonntag"],
}
GERMAN_MONTHS = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
]
GERMAN_DAYS = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"]
# English "may" and "march" are also ordinary words: lower-case, only with a day number next to them.
_AMBIGUOUS = {("en", 2), ("en", 4)}


def _alternatives(stem: str) -> list[str]:
    """The top-level alternatives of a stem ("june?|jun\\." → "june?", "jun\\.")."""
    parts, depth, start = [], 0, 0
    for at, char in enumerate(stem):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "|" and depth == 0:
            parts, start = [*parts, stem[start:at]], at + 1
    return [*parts, stem[start:]]


def _first_letters(names: list[str]) -> str:
    """The letters the names start with: the first of each stem and of each of its top-level alternatives."""
    found = {alternative[0] for stem in names for alternative in _alternatives(stem)}
    assert all(char.isalpha() for char in found), found  # a stem starting with a pattern would be missed
    return "".join(sorted(found))


def cased(letters: str) -> str:
    """Every character that matches one of `letters` under re.IGNORECASE."""
    return "".join(sorted({c for x in letters for c in caseless(x) or ""}))


def _compiled(names: list[str]) -> re.Pattern[str]:
    """One pattern for all twelve months (or seven days): group gN is the N-th name's.

    It starts with a character class (the first letters in every case, matched as they are), so the
    regex engine skips to the next such letter in its fast loop instead of trying the pattern at every
    character; the lookbehind then asks for a word start, and each alternative checks that first letter
    again under the pattern's case rules: `(?<=j)an…` after the class is `jan…` at the word start.
    """
    # An abbreviation ends in its dot, so no word boundary is asked for after it.
    alternatives = (
        f"(?P<g{i}>{'|'.join(f'(?<={alt[0]}){alt[1:]}' for alt in _alternatives(stem))})"
        + ("" if stem.endswith("\\.") else r"(?!\w)")
        for i, stem in enumerate(names)
    )
    first = cased(_first_letters(names))
    return re.compile(rf"(?-i:[{first}])(?<!\w(?s:.))(?:{'|'.join(alternatives)})", re.IGNORECASE)


PATTERNS = {
    kind: {lang: _compiled(names) for lang, names in table.items()}
    for kind, table in (("months", MONTHS), ("days", WEEKDAYS))
}


def _find(kind: str, text: str, lang: str, with_day_only: bool = False) -> Iterator[tuple[int, re.Match]]:
    for m in PATTERNS[kind][lang].finditer(text):
        index = int((m.lastgroup or "g0")[1:])
        ambiguous = (lang, index) in _AMBIGUOUS and m.group(0)[0].islower()
        if ambiguous and with_day_only and _day(text, m, lang) is None:
            continue
        yield index, m


# `\d(?<!\d\d)\d?` is `(?<!\d)\d{1,2}` with the digit first: the regex engine then skips to the next
# digit in its fast scan of a character class instead of trying the pattern at every character.
_NUMERIC_MONTH = [re.compile(rf"\d(?<!\d\d)\d?\.\s?0?{month}\.") for month in range(1, 13)]
_DAY_BEFORE = re.compile(r"(\d(?<!\d\d)\d?)(?:st|nd|rd|th)?\.?\s*(?:of\s+)?$")
_DAY_AFTER = re.compile(r"\s*(\d{1,2})(?:st|nd|rd|th)?(?!\d)")


def _day(text: str, month: re.Match, lang: str) -> str | None:
    """The day number written next to a month: "5 January", "January 5(th)", "5 января", "5. Januar"."""
    before = _DAY_BEFORE.search(text[: month.start()])
    if before:
        return before.group(1)
    after = _DAY_AFTER.match(text, month.end()) if lang == "en" else None
    return after.group(1) if after else None


# Features of a text (app.qa.analysis): found once per text, shared by the pairs that hold it.
def _lang(text: Analysis) -> str:
    return text.lang if text.lang in MONTHS else "en"


def _months(text: Analysis) -> list[tuple[int, re.Match]]:
    return list(_find("months", text.text, _lang(text), with_day_only=text.lang != "de"))


def _months_by_index(text: Analysis) -> dict[int, re.Match]:
    return dict(text.get(_months))


def _days(text: Analysis) -> list[tuple[int, re.Match]]:
    return list(_find("days", text.text, _lang(text)))


def _day_indexes(text: Analysis) -> set[int]:
    return {i for i, _ in text.get(_days)}


def _numeric(text: Analysis, index: int) -> re.Match | None:
    return _NUMERIC_MONTH[index].search(text.text)


def _day_at(text: Analysis, month: re.Match) -> str | None:
    return _day(text.text, month, _lang(text))


class DateMismatch(Check):
    code = "date_mismatch"
    severity = "error"
    description = "Monat, Tag oder Wochentag der Quelle fehlt im Deutschen oder ist ein anderer."

    def run(self, pair: Pair) -> Iterator[QAIssue]:
        source, target = pair.source_analysis, pair.target_analysis
        for index, m in source.get(_months):
            target_months = target.get(_months_by_index)  # the German text is searched once a source has one
            german = GERMAN_MONTHS[index]
            numeric = target.get(_numeric, index)
            found = target_months.get(index)
            if found is None and numeric is None:
                yield self.issue(
                    f"Monat „{m.group(0)}“ fehlt im Deutschen („{german}“)", source_span=m.span()
                )
                continue
            day = source.get(_day_at, m)
            if day is None:
                continue
            german_day = target.get(_day_at, found) if found else None
            if german_day != day and not (numeric and numeric.group(0).startswith((f"{day}.", f"0{day}."))):
                yield self.issue(
                    f"Datum „{day}. {german}“ steht so nicht im Deutschen",
                    source_span=m.span(),
                    target_span=found.span() if found else None,
                )
        for index, m in source.get(_days):
            if index not in target.get(_day_indexes):
                yield self.issue(
                    f"Wochentag „{m.group(0)}“ fehlt im Deutschen („{GERMAN_DAYS[index]}“)",
                    source_span=m.span(),
                )
