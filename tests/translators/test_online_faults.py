"""Fault behaviour of every online engine against its loopback imitation."""

import time

import pytest

from app.translators.base import TranslationFailure, TranslationResult
from app.translators.errors import TranslatorRejected, TranslatorUnavailable
from testkit.engines import ONLINE, make_online
from testkit.fake_services import FakeServer, refused_url

pytestmark = pytest.mark.parametrize("name", ONLINE)


def test_429_then_success(name: str, fake_server: FakeServer) -> None:
    fake_server.script = ["429"]
    translator = make_online(name, fake_server.url)
    [result] = translator.translate(["Hello world."], source="en", target="de")
    assert isinstance(result, TranslationResult)
    assert result.text == "de:Hello world."
    assert len(fake_server.requests) == 2
    assert translator.engine_calls == 2


def test_500_fails_after_retries(name: str, fake_server: FakeServer) -> None:
    fake_server.script = ["500", "500", "500"]
    translator = make_online(name, fake_server.url)
    [result] = translator.translate(["Hello world."], source="en", target="de")
    assert isinstance(result, TranslationFailure)
    assert result.code == "translator_unavailable"
    assert result.reason == f"{name} server error (HTTP 500)"
    assert len(fake_server.requests) == 2  # one try + one retry (retries=1)


def test_hang_ends_at_the_timeout_and_fails_the_rest_fast(name: str, fake_server: FakeServer) -> None:
    fake_server.script = ["hang", "hang"]
    translator = make_online(name, fake_server.url, timeout=0.3)
    started = time.monotonic()
    results = translator.translate(["One.", "Two.", "Three."], source="en", target="de")
    elapsed = time.monotonic() - started
    assert elapsed < 2 * 0.3 + 1.0  # two attempts of 0.3 s, plus slack
    assert all(isinstance(r, TranslationFailure) for r in results)
    assert {r.reason for r in results} == {f"timeout after 0.3 s ({name})"}
    assert len(fake_server.requests) == 2  # the other texts did not pay the timeout again


def test_connection_refused(name: str) -> None:
    translator = make_online(name, refused_url())
    started = time.monotonic()
    results = translator.translate(["One.", "Two."], source="en", target="de")
    assert time.monotonic() - started < 2
    assert all(isinstance(r, TranslationFailure) for r in results)
    assert results[0].code == "translator_unavailable"
    assert results[0].reason.startswith("cannot connect to 127.0.0.1:")
    assert results[0].reason.endswith(f"({name})")
    assert translator.engine_calls == 1  # not retried, the rest failed fast


def test_wrong_key(name: str, fake_server: FakeServer) -> None:
    if name == "google":
        pytest.skip("Google's web endpoint takes no key")
    translator = make_online(name, fake_server.url, key="wrong")
    results = translator.translate(["One.", "Two."], source="en", target="de")
    assert all(isinstance(r, TranslationFailure) for r in results)
    assert results[0].code == "translator_unavailable"
    assert "rejected the API key" in results[0].reason
    assert len(fake_server.requests) == 1


def test_unsupported_pair_is_rejected(name: str, fake_server: FakeServer) -> None:
    translator = make_online(name, fake_server.url)
    with pytest.raises(TranslatorRejected) as info:
        translator.translate(["Hallo."], source="xx", target="de")
    assert info.value.code == "translator_rejected"
    assert fake_server.requests == []


def test_long_text_is_chunked_under_the_limit(name: str, fake_server: FakeServer) -> None:
    translator = make_online(name, fake_server.url)
    text = " ".join(f"Sentence number {i} about Astana." for i in range(400))
    [result] = translator.translate([text], source="en", target="de")
    assert isinstance(result, TranslationResult)
    sent = fake_server.texts()
    assert len(sent) > 1 and max(map(len, sent)) <= translator.max_chars
    assert result.text.replace("de:", "") == text


def test_missing_key_makes_it_unavailable(name: str) -> None:
    translator = make_online(name, "http://127.0.0.1:9", key="")
    if not translator.needs_key:
        assert translator.availability() == (True, None)
        return
    available, reason = translator.availability()
    assert not available and "key not set" in reason
    with pytest.raises(TranslatorUnavailable):
        translator.translate(["Hi."], source="en", target="de")
