"""The shared analysis: a text is read once and its features shared; the faster patterns find what the
plain ones found (the plain ones are kept here as the oracle), on random texts."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from app.qa import analysis, numbers, patterns
from app.qa.base import QATerm
from app.qa.checks import date_mismatch, name_missing, url_mismatch
from app.qa.registry import check_segment

# Pieces that make the patterns work: digits and separators in three locales, words, capitals, codes,
# addresses, and the characters whose case rules are odd (İ lower-cases to two characters, ſ matches s).
PIECES = [
    *"0123456789",
    *".,-/:%@ _'’\n\u00a0\u202f",
    *"aAkKsSxXzZäÄéÉßİıſ\u212aжЖвВ\u1c80",
    "10,000",
    "1.500.000",
    "10 000",
    "1,5",
    "2.5",
    "5.1.2024",
    "10.30",
    " Uhr",
    " million",
    " Mrd.",
    " млн",
    "bn",
    "k",
    " percent",
    " Prozent",
    "%",
    "MH17",
    "COVID-19",
    "A320neo",
    "NATO",
    "AT&T",
    "Putin",
    "O'Neill",
    "Jan.",
    "January",
    "may",
    "5th",
    " of ",
    "Monday",
    "MARCH",
    "sept.",
    "ſep.",
    "Januar",
    "März",
    "Sonnabend",
    "января",
    "мае",
    "среду",
    "http://",
    "https://a.b/c",
    "HTTP://",
    "www.",
    "WWW.x.de",
    "mail@x.org",
]
texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)

# The patterns as they were before they were rewritten to start with a character class.
_SP = " \u00a0\u202f\u2009"
_OLD_NUMBER = {
    "en": rf"\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d{{1,3}}(?:[{_SP}]\d{{3}})+|\d+(?:\.\d+)?",
    "de": rf"\d{{1,3}}(?:\.\d{{3}})+(?:,\d+)?|\d{{1,3}}(?:[{_SP}]\d{{3}})+(?:,\d+)?|\d+(?:,\d+)?",
    "ru": rf"\d{{1,3}}(?:\.\d{{3}})+(?:,\d+)?|\d{{1,3}}(?:[{_SP}]\d{{3}})+(?:,\d+)?|\d+(?:[,.]\d+)?",
}
OLD = {
    "code": re.compile(r"\b(?<![\w-])(?=[\w-]*[A-Za-z])(?=[\w-]*\d)[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*(?![\w-])"),
    "acronym": re.compile(r"\b(?<![\w-])[A-Z][A-Z&]*[A-Z](?![\w-])"),
    "latin": re.compile(r"\b(?<![\w'’-])[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ'’-]*[A-Za-zÀ-ÖØ-öø-ÿ]"),
    "de_time": re.compile(r"(?<![\d.,])\d{1,2}\.\d{2}(?=\s*Uhr\b)"),
    "de_date": re.compile(r"(?<![\d.,])\d{1,2}\.\d{1,2}\.(?:\d{4}|\d{2})?(?![\d,])"),
    "day_before": re.compile(r"(?<!\d)(\d{1,2})(?:st|nd|rd|th)?\.?\s*(?:of\s+)?$"),
}
NEW = {
    "code": name_missing.CODE,
    "acronym": name_missing.ACRONYM,
    "latin": name_missing.LATIN_WORD,
    "de_time": numbers._DE_TIME,
    "de_date": numbers._DE_DATE,
    "day_before": date_mismatch._DAY_BEFORE,
}


def _old_number_pattern(lang: str) -> re.Pattern[str]:
    scales = "|".join(f"(?:{s})" for s in numbers._SCALES[lang])
    return re.compile(
        rf"\b(?=\d)(?<![\w.,])(?P<num>{_OLD_NUMBER[lang]})"
        rf"(?:[{_SP}-]?(?P<scale>{scales})(?!\w)|(?P<short>[kmb])(?!\w))?"
        rf"(?P<percent>{numbers._PERCENT[lang]})?",
        re.IGNORECASE,
    )


def _old_names_pattern(names: list[str]) -> re.Pattern[str]:
    alternatives = (
        f"(?P<g{i}>{stem})" + ("" if stem.endswith("\\.") else r"(?!\w)") for i, stem in enumerate(names)
    )
    first = date_mismatch._first_letters(names)
    return re.compile(rf"\b(?<!\w)(?=[{first}])(?:{'|'.join(alternatives)})", re.IGNORECASE)


OLD_NAMES = {
    (kind, lang): _old_names_pattern(names)
    for kind, table in (("months", date_mismatch.MONTHS), ("days", date_mismatch.WEEKDAYS))
    for lang, names in table.items()
}


def _found(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], tuple]]:
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(texts)
def test_rewritten_patterns_find_what_the_plain_ones_found(text):
    for name, old in OLD.items():
        assert _found(NEW[name], text) == _found(old, text), name
    for lang in ("en", "de", "ru"):
        assert _found(numbers._PATTERNS[lang], text) == _found(_old_number_pattern(lang), text), lang
    for month in range(12):
        old = re.compile(rf"(?<!\d)\d{{1,2}}\.\s?0?{month + 1}\.")
        assert _found(date_mismatch._NUMERIC_MONTH[month], text) == _found(old, text)
    for (kind, lang), old in OLD_NAMES.items():
        new = date_mismatch.PATTERNS[kind][lang]
        assert [(m.span(), m.lastgroup) for m in new.finditer(text)] == [
            (m.span(), m.lastgroup) for m in old.finditer(text)
        ], (kind, lang)
    capitals = [m.span() for m in name_missing.LATIN_WORD.finditer(text) if m.group(0)[0].isupper()]
    assert [m.span() for m in name_missing.CAPITAL_WORD.finditer(text)] == capitals
    words = len(name_missing.LATIN_WORD.findall(text))  # Title Case as it was counted: every word
    assert name_missing._title_case(text, len(capitals)) == (words >= 3 and len(capitals) >= 0.6 * words)
    if not name_missing.CODE_HINT.search(text):
        assert not OLD["code"].search(text)  # the pre-test never skips a code


def test_the_first_letter_classes_hold_every_character_that_matches_under_ignorecase():
    every = "".join(map(chr, range(0x110000)))
    for table in (date_mismatch.MONTHS, date_mismatch.WEEKDAYS):
        for names in table.values():
            letters = date_mismatch._first_letters(names)
            assert set(re.findall(f"[{letters}]", every, re.IGNORECASE)) == set(date_mismatch.cased(letters))


def test_the_case_classes_hold_every_character_that_matches_under_ignorecase():
    every = "".join(map(chr, range(0x110000)))
    for low, high in patterns.KNOWN:
        for code in range(ord(low), ord(high) + 1):
            char = chr(code)
            assert set(re.findall(re.escape(char), every, re.IGNORECASE)) == set(patterns.caseless(char)), (
                char
            )


def _old_at_word_start(literal: str) -> str:
    start = r"\b(?<!\w)" if literal[:1].isalnum() or literal[:1] == "_" else r"(?<!\w)"
    return start + re.escape(literal)


@settings(max_examples=300, deadline=None)
@given(texts, st.sampled_from(PIECES + ["Putin", "ceasefire", "İstanbul", "ſtrasse", "Kiew", "сред", "ẞ"]))
def test_words_at_a_word_start_are_found_where_the_plain_pattern_found_them(text, literal):
    literal = literal.strip() or "x"
    for flags in (0, re.IGNORECASE):
        new = re.compile(patterns.at_word_start(literal, bool(flags)) + r"(?!\w)", flags)
        old = re.compile(_old_at_word_start(literal) + r"(?!\w)", flags)
        assert _found(new, text) == _found(old, text), (literal, flags)
        assert _found(new, literal + " " + text) == _found(old, literal + " " + text)


def _old_addresses(text: str) -> list[tuple[int, int, str]]:
    found = []
    if "@" in text:
        pattern = url_mismatch.ADDRESS
    elif "http" in text.lower() or "www." in text.lower():
        pattern = url_mismatch.WEB
    else:
        return found
    for m in pattern.finditer(text):
        end = m.end()
        while end > m.start() and text[end - 1] in ".,;:!?)]’'":
            end -= 1
        found.append((m.start(), end, text[m.start() : end]))
    return found


@settings(max_examples=400, deadline=None)
@given(texts)
def test_addresses_are_found_where_the_scan_over_every_character_found_them(text):
    assert [tuple(a) for a in url_mismatch.addresses(text)] == _old_addresses(text)


def test_a_text_is_analysed_once_and_each_feature_worked_out_once():
    analysis.forget()
    calls = []

    def words(text):
        calls.append(text.text)
        return tuple(text.text.split())

    first = analysis.analysis("Talks resumed in Geneva.", "en")
    assert analysis.analysis("Talks resumed in Geneva.", "en") is first
    assert analysis.analysis("Talks resumed in Geneva.", "ru") is not first  # another language: another read
    assert first.get(words) == first.get(words) == ("Talks", "resumed", "in", "Geneva.")
    assert calls == ["Talks resumed in Geneva."]
    assert first.get(lambda text, n: text.text[:n], 5) == "Talks"
    analysis.forget()
    assert analysis.analysis("Talks resumed in Geneva.", "en") is not first


def test_the_cache_keeps_the_most_recent_texts(monkeypatch):
    analysis.forget()
    monkeypatch.setattr(analysis, "SIZE", 3)
    kept = analysis.analysis("a", "en")
    for text in ("b", "c", "d"):
        analysis.analysis("a", "en")  # used again: stays
        analysis.analysis(text, "en")
    assert analysis.analysis("a", "en") is kept
    assert len(analysis._cache) == 3


SOURCE = "The CSTO said on Monday, January 5, that 1.5 million troops and Putin stay, see www.csto.org."
GERMAN = "Die OVKS sagte am Montag, dem 5. Januar, 1,5 Millionen Soldaten blieben, siehe www.csto.org."


def _issues(terms: tuple[QATerm, ...]) -> list[tuple]:
    found = check_segment(source=SOURCE, target=GERMAN, source_lang="en", terms=terms)
    return [(i.code, i.severity, i.source_span, i.target_span, i.message) for i in found]


def test_texts_read_before_give_the_issues_a_fresh_read_gives_with_another_termbase():
    glossary = (QATerm("CSTO", "OVKS", True), QATerm("troops", "Truppen"))
    other = (QATerm("CSTO", "ODKB", True), QATerm("Putin", "Putin"))
    analysis.forget()
    cold = {terms: _issues(terms) for terms in (glossary, other, ())}
    assert cold[glossary] != cold[other]  # the termbase matters to the answer…
    for terms in (other, (), glossary, other):  # …and the kept reading of both texts does not
        assert _issues(terms) == cold[terms]
    assert analysis.analysis(GERMAN, "de")._found  # the German text was read once and kept
