"""The contract every translator passes: results per text, failures isolated, cache, glossary."""

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from app.translators.base import GlossaryTerm, TranslationFailure, TranslationResult, Translator
from app.translators.none import NoneTranslator
from testkit.engines import ONLINE, EchoTranslator, make_llm, make_online
from testkit.fake_llm import FakeLLM
from testkit.fake_services import FakeServer

GLOSSARY = [GlossaryTerm("CSTO", "OVKS"), GlossaryTerm("Tokayev", "Tokajew")]


@dataclass
class Case:
    translator: Translator
    server: FakeServer | FakeLLM | None = None
    echoes: bool = True  # output is "de:" + input, placeholders kept
    empty: bool = False  # the none translator

    def engine_requests(self) -> int:
        return len(self.server.requests) if self.server else self.translator.engine_calls


@pytest.fixture(params=["none", "echo", "offline", *ONLINE, "llm"])
def case(request: pytest.FixtureRequest) -> Iterator[Case]:
    name = request.param
    if name == "none":
        yield Case(NoneTranslator(), echoes=False, empty=True)
    elif name == "echo":
        yield Case(EchoTranslator())
    elif name == "offline":
        yield Case(request.getfixturevalue("offline"), echoes=False)
    elif name == "llm":
        server = request.getfixturevalue("llm_server")
        yield Case(make_llm(server.url), server)
    else:
        server = request.getfixturevalue("fake_server")
        yield Case(make_online(name, server.url), server)


def test_one_result_per_text(case: Case) -> None:
    texts = ["The president spoke on Monday.", "Talks with Moscow will continue. Really."]
    results = case.translator.translate(texts, source="en", target="de")
    assert len(results) == 2
    for text, result in zip(texts, results, strict=True):
        assert isinstance(result, TranslationResult), result
        assert result.provider == case.translator.name
        if case.empty:
            assert result.text == ""
        elif case.echoes:
            assert result.text.replace("de:", "") == text
        else:
            assert result.text.strip() and result.text != text


def test_failing_text_keeps_the_others(case: Case) -> None:
    if not case.echoes:
        pytest.skip("cannot make this engine fail on one text")
    texts = ["First text.", "This one goes BOOM.", "Third text.", "Fourth.", "Fifth."]
    results = case.translator.translate(texts, source="en", target="de")
    assert isinstance(results[1], TranslationFailure)
    assert results[1].code in ("translator_unavailable", "translator_rejected")
    for index in (0, 2, 3, 4):
        assert isinstance(results[index], TranslationResult)
        assert results[index].text.replace("de:", "") == texts[index]


def test_retranslating_makes_zero_engine_calls(case: Case) -> None:
    texts = ["The minister resigned. Parliament met.", "A new report on Astana."]
    first = case.translator.translate(texts, source="en", target="de")
    calls, requests = case.translator.engine_calls, case.engine_requests()
    again = case.translator.translate(texts, source="en", target="de")
    assert [r.text for r in again] == [r.text for r in first]
    assert case.translator.engine_calls == calls
    assert case.engine_requests() == requests
    if not case.empty:
        assert calls >= 1


def test_glossary_terms_restored_or_reported(case: Case) -> None:
    if case.empty:
        pytest.skip("the none translator drafts nothing")
    text = "The CSTO summit: Tokayev met the CSTO chief."
    [result] = case.translator.translate([text], source="en", target="de", glossary=GLOSSARY)
    assert isinstance(result, TranslationResult)
    assert "[X" not in result.text and "CSTO" not in result.text
    for term in GLOSSARY:
        assert term.target in result.text or term.source in result.dropped_terms
    if case.echoes:
        assert result.text == "de:The OVKS summit: Tokajew met the OVKS chief."
        assert result.dropped_terms == []


def test_dropped_placeholder_is_reported(case: Case) -> None:
    if not case.echoes or case.translator.name == "deepl":
        pytest.skip("engine keeps or natively handles glossary terms")
    [result] = case.translator.translate(["DROP: the CSTO met."], source="en", target="de", glossary=GLOSSARY)
    assert isinstance(result, TranslationResult)
    assert result.dropped_terms == ["CSTO"]
    assert "OVKS" not in result.text and "[X" not in result.text
