"""Helpers of the memory tests: documents approved by hand, a fake LibreTranslate server."""

import pytest

from testkit import fake_services


def approve_all(translator, editor, doc: dict, german: dict[int, str]) -> None:
    """Give segments (by position) their German text and approve them."""
    for seg in doc["segments"]:
        if seg["position"] not in german:
            continue
        r = translator.patch(
            f"/api/segments/{seg['id']}",
            json={"target_text": german[seg["position"]], "version": seg["version"]},
        )
        assert r.status_code == 200, r.text
        # QA is tested in tests/qa; these texts are about the memory (a short German text drops numbers)
        a = editor.post(
            f"/api/segments/{seg['id']}/approve",
            json={"version": r.json()["version"], "force": True, "reason": "memory test"},
        )
        assert a.status_code == 200, a.text


@pytest.fixture
def libre(monkeypatch):
    """A fake LibreTranslate on loopback; `texts()` is every text the engine was sent."""
    server = fake_services.start()
    monkeypatch.setenv("WERKBANK_TRANSLATOR_LIBRETRANSLATE_URL", server.url)
    monkeypatch.setenv("WERKBANK_TRANSLATOR_LIBRETRANSLATE_TIMEOUT", "2")
    monkeypatch.setenv("WERKBANK_TRANSLATOR_RETRIES", "0")
    from app.config import get_settings
    from app.drafting.providers import get_registry

    get_settings.cache_clear()
    get_registry.cache_clear()
    yield server
    fake_services.stop(server)


@pytest.fixture
def computed(monkeypatch) -> list[int]:
    """Every segment id some caller computed afresh with the batch lookup (read or precompute)."""
    from app.memory import reads

    seen: list[int] = []
    real = reads.scored_many

    def spy(*, session, wanted, min_score, limit):  # noqa: ANN001, ANN202
        seen.extend(w.key for w in wanted)
        return real(session=session, wanted=wanted, min_score=min_score, limit=limit)

    monkeypatch.setattr(reads, "scored_many", spy)
    return seen


@pytest.fixture
def precompute(settings, monkeypatch):
    """The precompute on (the test queue runs it inline, as a worker would after the request)."""
    from app.config import get_settings
    from app.memory.writeback import drain

    monkeypatch.setenv("WERKBANK_TM_PRECOMPUTE", "1")
    get_settings.cache_clear()
    yield get_settings()
    drain()  # merged lists written before the test's database goes
