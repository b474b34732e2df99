"""The llm engine against a loopback chat-completions imitation: context, structure, faults, cache, usage."""

import json
import threading
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest

from app.config import Settings
from app.translators.base import (
    DocumentContext,
    GlossaryTerm,
    MemoryCache,
    TranslationFailure,
    TranslationResult,
)
from app.translators.llm import LLMEngine, is_local
from app.translators.registry import build_registry
from testkit.engines import KEY, make_llm
from testkit.fake_llm import FakeLLM

GLOSSARY = [
    GlossaryTerm("CSTO", "OVKS"),
    GlossaryTerm("Tokayev", "Tokajew"),
    GlossaryTerm("Astana", "Astana"),
]
ARTICLE = [
    "Tokayev calls for calm",
    "President Kassym-Jomart Tokayev addressed the nation on Monday.",
    "Security",
    "He said the CSTO would send peacekeepers.",
    "The mission is expected to last weeks.",
]


def _results_ok(results: list) -> list[str]:
    assert all(isinstance(r, TranslationResult) for r in results), results
    return [r.text for r in results]


def test_context_and_glossary_are_in_the_request(llm_server: FakeLLM) -> None:
    engine = make_llm(llm_server.url, batch_size=1, context_chars=2000)
    context = DocumentContext(
        title="Tokayev calls for calm", kinds=("title", "paragraph", "heading", "paragraph", "paragraph")
    )
    texts = _results_ok(
        engine.translate(ARTICLE, source="en", target="de", glossary=GLOSSARY, context=context)
    )
    assert texts[3] == "de:He said the OVKS would send peacekeepers."
    assert len(llm_server.requests) == 5  # one per segment, in article order
    assert [r.texts for r in llm_server.requests] == [[t] for t in ARTICLE]
    fourth = llm_server.requests[3]
    assert fourth.body["model"] == "test-model" and fourth.body["temperature"] == 0.0
    assert fourth.headers["Authorization"] == f"Bearer {KEY}"
    assert "Article title: Tokayev calls for calm" in fourth.user
    # earlier paragraphs with their German drafts, the following one as context only
    assert (
        "- President Kassym-Jomart Tokayev addressed the nation on Monday.\n  German: de:President"
        in fourth.user
    )
    assert "Following paragraphs (context only, do not translate):\n- The mission is expected" in fourth.user
    # only the termbase entries that occur in this paragraph
    assert '- "CSTO" → "OVKS"' in fourth.user and '"Tokayev"' not in fourth.user.split("Termbase")[1]
    assert fourth.segments == [{"id": 1, "kind": "paragraph", "text": ARTICLE[3]}]
    assert llm_server.requests[2].segments[0]["kind"] == "heading"
    assert "„…“" in fourth.system and "English into German" in fourth.user and "German" in fourth.system


def test_context_stays_within_the_budget(llm_server: FakeLLM) -> None:
    paragraphs = [f"Paragraph {i} " + "word " * 60 for i in range(12)]
    engine = make_llm(llm_server.url, batch_size=1, context_chars=800)
    _results_ok(engine.translate(paragraphs, source="en", target="de"))
    middle = llm_server.requests[6].user
    assert "Paragraph 5 " in middle and "Paragraph 7 " in middle  # nearest neighbours
    assert "Paragraph 1 " not in middle and "Paragraph 10 " not in middle
    assert len(middle.partition("Translate the")[0]) < 800 + 400


def test_segment_boundaries_are_kept_in_batches(llm_server: FakeLLM) -> None:
    texts = [f"Sentence {i}. It has two parts." for i in range(20)]
    engine = make_llm(llm_server.url)
    assert _results_ok(engine.translate(texts, source="en", target="de")) == [f"de:{t}" for t in texts]
    assert [len(r.texts) for r in llm_server.requests] == [8, 8, 4]
    assert llm_server.texts() == texts


def test_wrong_number_of_segments_retries_stricter_then_per_segment(llm_server: FakeLLM) -> None:
    llm_server.script = ["merge", "merge"]
    engine = make_llm(llm_server.url)
    texts = ["One thing.", "Another thing.", "A third thing."]
    assert _results_ok(engine.translate(texts, source="en", target="de")) == [f"de:{t}" for t in texts]
    sizes = [len(r.texts) for r in llm_server.requests]
    assert sizes == [3, 3, 1, 1, 1]
    assert "did not have exactly 3 translations" in llm_server.requests[1].user
    assert "did not have exactly" not in llm_server.requests[0].user


def test_stricter_retry_that_works_needs_no_fallback(llm_server: FakeLLM) -> None:
    llm_server.script = ["prose"]
    engine = make_llm(llm_server.url)
    assert _results_ok(engine.translate(["One.", "Two."], source="en", target="de")) == ["de:One.", "de:Two."]
    assert len(llm_server.requests) == 2


def test_a_segment_the_model_never_answers_fails_alone(llm_server: FakeLLM) -> None:
    llm_server.script = ["merge", "merge", "ok", "prose", "prose", "ok"]
    results = make_llm(llm_server.url).translate(["A one.", "B two.", "C three."], source="en", target="de")
    assert isinstance(results[1], TranslationFailure) and "no JSON list" in results[1].reason
    assert [r.text for r in (results[0], results[2])] == ["de:A one.", "de:C three."]


def test_429_waits_for_retry_after(llm_server: FakeLLM) -> None:
    llm_server.script, llm_server.retry_after = ["429"], "0.4"
    engine = make_llm(llm_server.url)
    assert _results_ok(engine.translate(["Hello world."], source="en", target="de")) == ["de:Hello world."]
    assert len(llm_server.requests) == 2
    assert llm_server.times[1] - llm_server.times[0] >= 0.4


def test_429_retry_after_as_an_http_date(llm_server: FakeLLM) -> None:
    later = datetime.now(UTC) + timedelta(seconds=2)
    llm_server.script, llm_server.retry_after = ["429"], format_datetime(later, usegmt=True)
    engine = make_llm(llm_server.url, timeout=5)
    assert _results_ok(engine.translate(["Hello world."], source="en", target="de")) == ["de:Hello world."]
    assert llm_server.times[1] - llm_server.times[0] >= 0.9  # the date has whole seconds


def test_500_fails_after_retries(llm_server: FakeLLM) -> None:
    llm_server.script = ["500", "500"]
    [result] = make_llm(llm_server.url).translate(["Hello world."], source="en", target="de")
    assert isinstance(result, TranslationFailure) and result.reason == "llm server error (HTTP 500)"
    assert len(llm_server.requests) == 2


def test_hang_times_out_and_fails_the_rest_fast(llm_server: FakeLLM) -> None:
    llm_server.script = ["hang", "hang"]
    engine = make_llm(llm_server.url, timeout=0.3, batch_size=1)
    started = time.monotonic()
    results = engine.translate(["One.", "Two.", "Three."], source="en", target="de")
    assert time.monotonic() - started < 2 * 0.3 + 1.0
    assert {r.reason for r in results} == {"timeout after 0.3 s (llm)"}
    assert len(llm_server.requests) == 2


def test_wrong_model_or_url_fails_everything_at_once(llm_server: FakeLLM) -> None:
    engine = make_llm(llm_server.url.removesuffix("/v1") + "/nope", batch_size=1)
    results = engine.translate(["One.", "Two."], source="en", target="de")
    assert all(isinstance(r, TranslationFailure) and "HTTP 404" in r.reason for r in results)
    wrong_key = make_llm(llm_server.url, key="wrong").translate(["One."], source="en", target="de")
    assert "rejected the API key" in wrong_key[0].reason


def test_retranslate_makes_zero_calls_and_the_prompt_is_in_the_cache_key(
    llm_server: FakeLLM, tmp_path: Path
) -> None:
    cache = MemoryCache()
    context = DocumentContext(title="Tokayev calls for calm")
    engine = LLMEngine(make_llm(llm_server.url).config, cache=cache)
    engine.translate(ARTICLE, source="en", target="de", glossary=GLOSSARY, context=context)
    calls = len(llm_server.requests)
    engine.translate(ARTICLE, source="en", target="de", glossary=GLOSSARY, context=context)
    assert len(llm_server.requests) == calls
    prompt = tmp_path / "prompt.txt"
    prompt.write_text(
        "Translate $source_language news into $target_language. Answer in JSON.", encoding="utf-8"
    )
    custom = LLMEngine(make_llm(llm_server.url, prompt_file=prompt).config, cache=cache)
    custom.translate(ARTICLE, source="en", target="de", glossary=GLOSSARY, context=context)
    assert len(llm_server.requests) > calls
    assert llm_server.requests[-1].system == "Translate English news into German. Answer in JSON."


def test_token_usage_is_summed(llm_server: FakeLLM) -> None:
    engine = make_llm(llm_server.url, batch_size=2)
    engine.translate(ARTICLE, source="en", target="de")
    usage = engine.usage.take()
    assert usage.prompt_tokens == sum(p for p, _ in llm_server.usages) > 0
    assert usage.completion_tokens == sum(c for _, c in llm_server.usages) > 0
    assert not engine.usage.take()  # taken means reset


def test_local_and_private_servers_are_not_third_parties() -> None:
    for url in (
        "http://localhost:11434/v1",
        "http://127.0.0.1:8080/v1",
        "http://10.1.2.3/v1",
        "http://[::1]:1/v1",
    ):
        assert is_local(url), url
    for url in ("https://api.openai.com/v1", "http://8.8.8.8/v1", "http://llm.newsroom.example/v1", None):
        assert not is_local(url), url


def test_profiles_are_listed_side_by_side(llm_server: FakeLLM, tmp_path: Path, monkeypatch) -> None:
    profiles = {
        "local": {"url": llm_server.url, "model": "llama3.1:8b", "key": KEY},
        "hosted": {"url": "https://api.example.com/v1", "model": "gpt-4o-mini", "key": "sk-x"},
    }
    monkeypatch.setenv("WERKBANK_TRANSLATOR_LLM_PROFILES", json.dumps(profiles))
    registry = build_registry(Settings(data_dir=tmp_path))
    listing = {d["name"]: d for d in registry.describe()}
    assert not listing["llm"]["available"] and "WERKBANK_TRANSLATOR_LLM_URL" in listing["llm"]["reason"]
    local, hosted = listing["llm:local"], listing["llm:hosted"]
    assert local["available"] and not local["sends_text_to_third_party"] and "en-de" in local["pairs"]
    assert hosted["sends_text_to_third_party"]
    [result] = registry.get("llm:local").translate(["Hello."], source="en", target="de")
    assert result.provider == "llm:local" and result.text == "de:Hello."
    assert llm_server.requests[-1].body["model"] == "llama3.1:8b"


def test_bad_profiles_are_a_reason_not_a_crash(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("WERKBANK_TRANSLATOR_LLM_PROFILES", '{"Bad Name": {"key": "sk-secret-1"}}')
    listing = {d["name"]: d for d in build_registry(Settings(data_dir=tmp_path)).describe()}
    assert not listing["llm"]["available"] and "profile name" in listing["llm"]["reason"]
    monkeypatch.setenv("WERKBANK_TRANSLATOR_LLM_PROFILES", '{"ok": {"key": "sk-secret-2", "modell": "x"}}')
    listing = {d["name"]: d for d in build_registry(Settings(data_dir=tmp_path)).describe()}
    assert "modell" in listing["llm"]["reason"] and "llm:ok" not in listing
    monkeypatch.setenv("WERKBANK_TRANSLATOR_LLM_PROFILES", '{"ok": {"key": "sk-secret-3"')  # cut short
    listing = {d["name"]: d for d in build_registry(Settings(data_dir=tmp_path)).describe()}
    assert "JSON" in listing["llm"]["reason"] or "Expecting" in listing["llm"]["reason"]
    assert "sk-secret" not in json.dumps(listing)  # a load error never shows a profile's key
    monkeypatch.setenv("WERKBANK_TRANSLATOR_LLM_PROMPT_FILE", str(tmp_path / "missing.txt"))
    monkeypatch.setenv("WERKBANK_TRANSLATOR_LLM_PROFILES", "{}")
    monkeypatch.setenv("WERKBANK_TRANSLATOR_LLM_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("WERKBANK_TRANSLATOR_LLM_MODEL", "m")
    engine = build_registry(Settings(data_dir=tmp_path)).entries["llm"].translator
    assert engine.availability()[0] is False and "prompt file unreadable" in engine.availability()[1]


@pytest.mark.parametrize("budget", [0])
def test_no_context_when_the_budget_is_zero(llm_server: FakeLLM, budget: int) -> None:
    make_llm(llm_server.url, batch_size=1, context_chars=budget).translate(
        ARTICLE[:3], source="en", target="de"
    )
    assert all("paragraphs" not in r.user for r in llm_server.requests)


@pytest.mark.parametrize("limit", [1, 3])
def test_max_parallel_bounds_the_requests_on_the_server(llm_server: FakeLLM, limit: int) -> None:
    llm_server.delay = 0.4
    engine = make_llm(llm_server.url, max_parallel=limit, timeout=5)
    threads = [
        threading.Thread(
            target=engine.translate, args=([f"Story {i}."],), kwargs={"source": "en", "target": "de"}
        )
        for i in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(llm_server.requests) == 4
    assert llm_server.most_in_flight == limit
