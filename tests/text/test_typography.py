"""German typography normaliser, dates and slugs."""

from datetime import UTC, date, datetime

import pytest

from app.errors import InvalidInput
from app.text.typography import (
    format_byline_date,
    format_day,
    local_day,
    normalize,
    slugify_de,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('Er sagte "nein" dazu.', "Er sagte „nein“ dazu."),
        ("English “curly” quotes", "English „curly“ quotes"),
        ("«Ёлки» и ‹палки›", "„Ёлки“ и ‚палки‘"),  # by kind: double „…“, single ‚…‘
        ("«Он сказал ‹да›»", "„Он сказал ‚да‘“"),
        ("\"Er sagte 'ja' dazu\"", "„Er sagte ‚ja‘ dazu“"),
        ('"Außen "innen" außen"', "„Außen ‚innen‘ außen“"),
        ("‘single’ at top", "‚single‘ at top"),
        ("He said 'it is \"fine\" now'", "He said ‚it is „fine“ now‘"),
        ("Rock 'n' roll", "Rock ’n’ roll"),  # an elision, not a quote
        ("Rock ’n’ Roll und \"Rock 'n' Roll\"", "Rock ’n’ Roll und „Rock ’n’ Roll“"),
        ("Putin's plan", "Putin’s plan"),
        ("Wie geht's?", "Wie geht’s?"),
        ("Hans' Buch", "Hans’ Buch"),
        ("'s ist spät", "’s ist spät"),
        ('("Zitat")', "(„Zitat“)"),
        ('"Frage?" - "Antwort!"', "„Frage?“ - „Antwort!“"),
        ("Text ... weiter", "Text … weiter"),  # the author's ellipsis, not an omission
        ("Text [...] weiter […] und (...)", "Text (…) weiter (…) und (…)"),
        ("hinzu. …", "hinzu. …"),
        ('sagte "so schnell wie möglich"...', "sagte „so schnell wie möglich“…"),
        ("… am Anfang", "… am Anfang"),
        ("Es gibt Dinge, <…> denen", "Es gibt Dinge, (…) denen"),
        ("Und dann...", "Und dann…"),
        ("Und dann…", "Und dann…"),
    ],
)
def test_normalize(text, expected):
    result = normalize(text)
    assert result.text == expected
    assert normalize(result.text).changes == []  # idempotent


@pytest.mark.parametrize(
    "text",
    [
        "„Die OVKS-Länder haben gezeigt, dass ‚farbige Revolutionen‘ nicht durchgeführt werden.“",
        "China’s Tianjin fights against Covid",
        "Wang sagte, sie spiele eine Rolle“, sagte Wang.",
        "Schon richtig (…) so.",
        "Ohne Anführungszeichen.",
    ],
)
def test_german_text_is_left_alone(text):
    assert normalize(text).changes == []
    assert normalize(text).text == text


def test_changes_list_what_where_and_which_rule():
    text = 'Er sagte "ja" ... Putin\'s'
    changes = normalize(text).changes
    assert [(c.start, c.end, c.before, c.after, c.rule) for c in changes] == [
        (9, 10, '"', "„", "quote"),
        (12, 13, '"', "“", "quote"),
        (14, 17, "...", "…", "ellipsis"),
        (23, 24, "'", "’", "apostrophe"),
    ]
    for change in changes:
        assert text[change.start : change.end] == change.before


def test_no_straight_quotes_survive():
    text = "a \"b\" 'c' \"d 'e' f\" g's \"unclosed"
    out = normalize(text).text
    assert '"' not in out and "'" not in out


def test_format_day_is_german_and_never_jaenner():
    assert format_day(date(2022, 1, 10)) == "10. Januar 2022"
    assert format_day(date(2022, 3, 1)) == "1. März 2022"
    assert "Jänner" not in format_day(date(2023, 1, 31))


def test_format_day_of_a_moment_uses_berlin_time():
    late = datetime(2022, 1, 10, 23, 30, tzinfo=UTC)  # 00:30 in Berlin
    assert local_day(late) == date(2022, 1, 11)
    assert format_day(late) == "11. Januar 2022"


def test_format_byline_date():
    assert format_byline_date(date(2022, 1, 12)) == "12. Januar 2022"
    assert format_byline_date(date(2022, 1, 12), compact=True) == "12.Januar 2022"


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Größere Übungen für Öl – ärgerlich", "groessere-uebungen-fuer-oel-aergerlich"),
        ("Straße ẞ", "strasse-ss"),
        (
            "Nach Kasachstan ist die Ära der farbigen Revolution vorbei",
            "nach-kasachstan-ist-die-aera-der-farbigen-revolution-vorbei",
        ),
        ("  „Café“ & naïve Crème!  ", "cafe-naive-creme"),
        ("USA sind bereit (TASS)", "usa-sind-bereit-tass"),
    ],
)
def test_slugify_de(title, slug):
    assert slugify_de(title) == slug


def test_slug_is_cut_at_a_word_boundary():
    slug = slugify_de("Finger weg vom Militär Überparteiliche Koalition fordert", max_length=30)
    assert slug == "finger-weg-vom-militaer"
    assert len(slugify_de("x" * 200)) == 80


def test_slug_without_letters_is_invalid_input():
    with pytest.raises(InvalidInput) as info:
        slugify_de("„…“")
    assert info.value.code == "empty_slug"
