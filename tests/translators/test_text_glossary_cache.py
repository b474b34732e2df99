"""Units of the base machinery: sentence splitting, chunking, placeholders, caches."""

from pathlib import Path

import pytest

from app.translators.base import GlossaryTerm, SqliteCache
from app.translators.glossary import mask, restore
from app.translators.text import chunk, segment, split_sentences

TEXTS = [
    'Mr. Smith went to Washington. He said: "No!" Then J. Doe left… Das ist z.B. gut.',
    "Новости дня. В т.е. Москве прошла встреча.\n\nSecond paragraph? Yes. ",
    "  leading and trailing  ",
    "No sentence end",
]


@pytest.mark.parametrize("text", TEXTS)
def test_split_rejoins_exactly(text: str) -> None:
    pieces = split_sentences(text)
    assert "".join(unit + sep for unit, sep in pieces) == text
    lead, parts, trail = segment(text, max_chars=12, sentences=True)
    assert lead + "".join(u + s for u, s in parts) + trail == text
    assert all(len(u) <= 12 for u, _ in parts)


def test_split_respects_abbreviations_and_initials() -> None:
    units = [u for u, _ in split_sentences(TEXTS[0])]
    assert units == [
        "Mr. Smith went to Washington.",
        'He said: "No!"',
        "Then J. Doe left…",
        "Das ist z.B. gut.",
    ]


def test_chunk_hard_cuts_without_spaces() -> None:
    assert chunk("abcdefgh", 3) == [("abc", ""), ("def", ""), ("gh", "")]


def test_mask_longest_first_case_and_word_bounds() -> None:
    terms = (
        GlossaryTerm("SCO", "SOZ", case_sensitive=True),
        GlossaryTerm("CSTO", "OVKS"),
        GlossaryTerm("CSTO summit", "OVKS-Gipfel"),
    )
    masked = mask("The CSTO summit, the csto, SCOPE and sco and SCO.", terms)
    assert "SCOPE" in masked.text and "sco and" in masked.text
    text, dropped = restore(masked.text.replace("[X", "[ x"), masked)
    assert text == "The OVKS-Gipfel, the OVKS, SCOPE and sco and SOZ."
    assert dropped == []


def test_restore_reports_dropped_and_strips_invented() -> None:
    masked = mask(
        "Tokayev and Nazarbayev",
        (GlossaryTerm("Tokayev", "Tokajew"), GlossaryTerm("Nazarbayev", "Nasarbajew")),
    )
    index = next(i for i, t in masked.terms.items() if t.source == "Tokayev")
    broken = masked.text.replace(f"[X{index}X]", "") + " [X9X]"
    text, dropped = restore(broken, masked)
    assert dropped == ["Tokayev"] and "[X" not in text and "Nasarbajew" in text


def test_sqlite_cache_persists(tmp_path: Path) -> None:
    cache = SqliteCache(tmp_path / "c.sqlite")
    cache.set("k", "v")
    cache.set("k", "w")
    cache.close()
    again = SqliteCache(tmp_path / "c.sqlite")
    assert again.get("k") == "w" and again.get("missing") is None and len(again) == 1


def test_sqlite_cache_shared_between_translator_instances(tmp_path: Path) -> None:
    from testkit.engines import EchoTranslator

    first = EchoTranslator(cache=SqliteCache(tmp_path / "c.sqlite"))
    first.translate(["Hello there."], source="en", target="de")
    second = EchoTranslator(cache=SqliteCache(tmp_path / "c.sqlite"))
    [result] = second.translate(["Hello there."], source="en", target="de")
    assert result.text == "de:Hello there." and second.engine_calls == 0
    other_pair = second.translate(["Hello there."], source="ru", target="de")
    assert other_pair[0].text == "de:Hello there." and second.engine_calls == 1


def test_untranslatable_texts_pass_through_without_calls() -> None:
    from testkit.engines import EchoTranslator

    translator = EchoTranslator()
    results = translator.translate(["123", "—", ""], source="en", target="de")
    assert [r.text for r in results] == ["123", "—", ""] and translator.engine_calls == 0
