"""Online engines are listed as unavailable, with the reason, when their server cannot be reached."""

import socket
from pathlib import Path

import pytest

from app.config import Settings
from app.translators import reachability
from app.translators.errors import TranslatorUnavailable
from app.translators.registry import build_registry
from testkit import fake_services
from testkit.fake_services import refused_url


@pytest.fixture(autouse=True)
def fresh_probes():
    reachability.forget()
    yield
    reachability.forget()


def test_reachable_loopback_service_is_available(tmp_path: Path) -> None:
    server = fake_services.start()
    try:
        registry = build_registry(Settings(data_dir=tmp_path, translator_libretranslate_url=server.url))
        item = next(d for d in registry.describe() if d["name"] == "libretranslate")
        assert item["available"] and item["reason"] is None
        assert registry.get("libretranslate").name == "libretranslate"
    finally:
        fake_services.stop(server)


def test_unreachable_service_is_unavailable_with_reason(tmp_path: Path) -> None:
    url = refused_url()
    registry = build_registry(Settings(data_dir=tmp_path, translator_libretranslate_url=url))
    item = next(d for d in registry.describe() if d["name"] == "libretranslate")
    assert not item["available"] and item["reason"].startswith("cannot reach 127.0.0.1:")
    with pytest.raises(TranslatorUnavailable, match="cannot reach"):
        registry.get("libretranslate")


def test_answers_are_cached_then_refreshed(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []

    def fake_connect(host, port):
        calls.append((host, port))
        return None

    monkeypatch.setattr(reachability, "_connect", fake_connect)
    assert reachability.unreachable("https://translate.example") is None
    assert reachability.unreachable("https://translate.example/other") is None
    assert calls == [("translate.example", 443)]
    monkeypatch.setattr(reachability, "TTL", 0.0)
    reachability.unreachable("https://translate.example")
    assert len(calls) == 2


def test_a_configured_proxy_is_what_gets_probed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.internal:3128")
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    assert reachability._target("https://api.deepl.com/v2") == ("proxy.internal", 3128)


def test_no_name_resolution_means_unreachable(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_dns(*args, **kwargs):
        raise socket.gaierror(-2, "Name or service not known")

    monkeypatch.setattr(socket, "create_connection", no_dns)
    reason = reachability.unreachable("https://translate.google.com")
    assert reason == "cannot reach translate.google.com:443 (Name or service not known)"
