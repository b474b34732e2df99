"""DeepL specifics: native glossaries through the official SDK, with placeholder fallback."""

from app.translators.base import GlossaryTerm, TranslationResult
from testkit.engines import make_online
from testkit.fake_services import FakeServer

TERMS = [GlossaryTerm("CSTO", "OVKS"), GlossaryTerm("Tokayev", "Tokajew")]


def test_native_glossary_created_once_and_used(fake_server: FakeServer) -> None:
    deepl = make_online("deepl", fake_server.url)
    [first] = deepl.translate(["Tokayev spoke to the CSTO."], source="en", target="de", glossary=TERMS)
    [second] = deepl.translate(["The CSTO met."], source="en", target="de", glossary=TERMS)
    assert first.text == "de:Tokajew spoke to the OVKS." and first.dropped_terms == []
    assert second.text == "de:The OVKS met."
    assert len(fake_server.glossaries) == 1
    assert fake_server.glossaries["g1"] == {"CSTO": "OVKS", "Tokayev": "Tokajew"}
    assert not any("[X" in t for t in fake_server.texts())  # no placeholders were needed


def test_native_glossary_miss_is_reported(fake_server: FakeServer) -> None:
    deepl = make_online("deepl", fake_server.url)
    terms = [GlossaryTerm("CSTO", "OVKS"), GlossaryTerm("summit", "Gipfel")]
    fake_server.glossaries["g1"] = {}  # the server will "ignore" the glossary it is given
    deepl._glossaries[deepl._digest("en", "de", tuple(terms))] = "g1"
    [result] = deepl.translate(["The CSTO summit."], source="en", target="de", glossary=terms)
    assert isinstance(result, TranslationResult)
    assert result.dropped_terms == ["CSTO", "summit"]


def test_glossary_refused_falls_back_to_placeholders(fake_server: FakeServer) -> None:
    deepl = make_online("deepl", fake_server.url)
    fake_server.script = ["500", "500"]  # glossary creation fails
    [result] = deepl.translate(["The CSTO met."], source="en", target="de", glossary=TERMS)
    assert result.text == "de:The OVKS met."
    assert fake_server.glossaries == {}
    assert any("[X" in t for t in fake_server.texts())


def test_batches_many_texts_per_request(fake_server: FakeServer) -> None:
    deepl = make_online("deepl", fake_server.url)
    texts = [f"Text number {i}." for i in range(120)]
    results = deepl.translate(texts, source="en", target="de")
    assert [r.text for r in results] == [f"de:{t}" for t in texts]
    assert [len(t) for _, t in fake_server.requests] == [50, 50, 20]
