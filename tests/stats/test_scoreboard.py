"""The scoreboard: post-edit figures from known drafts and approvals, per engine and per day."""

import csv
import io
import uuid
from datetime import timedelta

import pytest
from sacrebleu.metrics import CHRF
from sqlalchemy import update

from tests.memory.conftest import libre  # noqa: F401 - the fake LibreTranslate fixture

pytestmark = pytest.mark.usefixtures("libre")


def _drafted(client, paragraphs: list[str], outlet: str = "TASS") -> list[dict]:
    """A document drafted by the fake LibreTranslate (draft = "de:" + source)."""
    doc = client.post(
        "/api/documents", json={"text": "\n\n".join(paragraphs), "source_lang": "en", "outlet": outlet}
    ).json()
    job = client.post(f"/api/documents/{doc['id']}/translate", json={"provider": "libretranslate"}).json()
    assert client.get(f"/api/jobs/{job['id']}").json()["status"] == "done"
    return client.get(f"/api/documents/{doc['id']}").json()["segments"]


def _approve(translator, editor, seg: dict, text: str | None = None) -> dict:
    version = seg["version"]
    if text is not None:
        version = translator.patch(
            f"/api/segments/{seg['id']}", json={"target_text": text, "version": version}
        ).json()["version"]
    # QA is tested in tests/qa; these texts are about the figures (placeholders QA may flag)
    body = {"version": version, "force": True, "reason": "Testtext"}
    r = editor.post(f"/api/segments/{seg['id']}/approve", json=body)
    assert r.status_code == 200, r.text
    return r.json()


def _backdate_drafts(session, segment_ids: list[int], hours: float) -> None:
    """The machine revisions were written `hours` ago (the time to approval becomes known)."""
    from app.models import Revision, utcnow

    session.exec(
        update(Revision)
        .where(Revision.segment_id.in_(segment_ids), Revision.kind == "machine")
        .values(created_at=utcnow() - timedelta(hours=hours))
    )
    session.commit()


def test_figures_per_engine_from_known_drafts_and_approvals(translator, editor, session):
    tag = uuid.uuid4().hex[:6]
    segs = _drafted(
        translator, [f"Title {tag}", "Hello world", f"Completely rewritten {tag}", "Left as drafted"]
    )
    _backdate_drafts(session, [s["id"] for s in segs], hours=2)
    _approve(translator, editor, segs[3])  # unchanged: "de:Left as drafted"
    _approve(translator, editor, segs[1], "Hello world")  # the 3 characters "de:" deleted
    _approve(translator, editor, segs[2], "Etwas ganz anderes steht jetzt hier.")
    report = translator.get("/api/stats/engines").json()
    assert [p["provider"] for p in report["providers"]] == ["libretranslate"]
    libre_stats = report["providers"][0]
    assert libre_stats["segments"] == 3 and report["totals"]["segments"] == 3
    chrf = CHRF(word_order=2)
    expected = [
        100.0,
        chrf.sentence_score("de:Hello world", ["Hello world"]).score,
        chrf.sentence_score(f"de:Completely rewritten {tag}", ["Etwas ganz anderes steht jetzt hier."]).score,
    ]
    assert libre_stats["mean_chrf"] == pytest.approx(sum(expected) / 3, abs=0.01)
    assert expected[1] < 100 and expected[2] < 20  # the scores do tell light from heavy post-editing
    rates = [0.0, 3 / len("Hello world")]
    assert libre_stats["unchanged_share"] == pytest.approx(1 / 3, abs=1e-4)
    assert libre_stats["mean_edit_rate"] > sum(rates) / 3  # the rewrite adds a large rate
    assert 7200 <= libre_stats["median_seconds"] <= 7200 + 120
    # filters: outlet, language, time range; a range with nothing in it is zeros, not an error
    assert translator.get("/api/stats/engines", params={"outlet": "RIA"}).json()["totals"]["segments"] == 0
    assert translator.get("/api/stats/engines", params={"source_lang": "ru"}).json()["providers"] == []
    empty = translator.get(
        "/api/stats/engines", params={"since": "2001-01-01T00:00:00Z", "until": "2001-01-02T00:00:00Z"}
    )
    assert empty.status_code == 200
    assert empty.json() == {
        "providers": [],
        "totals": {
            "provider": "all",
            "segments": 0,
            "mean_chrf": None,
            "unchanged_share": None,
            "mean_edit_rate": None,
            "median_seconds": None,
        },
    }


def test_edit_rate_is_character_edits_per_approved_character(translator, editor):
    segs = _drafted(translator, [f"Title {uuid.uuid4().hex[:6]}", "Hello world"])
    _approve(translator, editor, segs[1], "Hello world")
    row = translator.get("/api/stats/engines").json()["providers"][0]
    assert row["segments"] == 1 and row["mean_edit_rate"] == pytest.approx(3 / 11, abs=1e-4)
    assert row["unchanged_share"] == 0


def test_memory_drafts_count_as_provider_tm_and_manual_work_does_not(translator, editor):
    tag = uuid.uuid4().hex[:6]
    para = f"The ministry confirmed the figures on Monday, report {tag}."
    first = translator.post(
        "/api/documents", json={"text": f"Manual {tag}\n\n{para}", "source_lang": "en"}
    ).json()
    for seg in first["segments"]:  # translated by hand: no draft, no figures
        _approve(translator, editor, seg, f"Von Hand {seg['position']}")
    assert translator.get("/api/stats/engines").json()["totals"]["segments"] == 0
    segs = _drafted(translator, [f"Second {tag}", para])
    assert segs[1]["draft_provider"] == "tm"
    _approve(translator, editor, segs[1])
    _approve(translator, editor, segs[0], "Zweiter")
    by_provider = {p["provider"]: p for p in translator.get("/api/stats/engines").json()["providers"]}
    assert by_provider["tm"]["segments"] == 1 and by_provider["tm"]["mean_chrf"] == 100.0
    assert (
        by_provider["tm"]["unchanged_share"] == 1.0
        and by_provider["libretranslate"]["unchanged_share"] == 0.0
    )
    # reopening withdraws the approval's figures
    current = translator.get(f"/api/segments/{segs[1]['id']}").json()
    editor.post(f"/api/segments/{segs[1]['id']}/reopen", json={"version": current["version"]})
    assert "tm" not in {p["provider"] for p in translator.get("/api/stats/engines").json()["providers"]}


def test_csv_downloads_of_engines_and_activity(translator, editor):
    segs = _drafted(translator, [f"Title {uuid.uuid4().hex[:6]}", "=cmd|' /C calc'!A0 is a formula"])
    _approve(translator, editor, segs[1])
    engines = translator.get("/api/stats/engines", params={"format": "csv"})
    assert engines.status_code == 200 and engines.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(engines.text)))
    assert [(r["provider"], r["segments"], r["mean_chrf"]) for r in rows] == [
        ("libretranslate", "1", "100.0"),
        ("all", "1", "100.0"),
    ]
    activity = translator.get("/api/stats/activity", params={"format": "csv"})
    rows = list(csv.DictReader(io.StringIO(activity.text)))
    assert rows[0]["user"] == ""  # each day first (everybody), then its users
    today = [r for r in rows if r["segments_approved"] == "1"]
    assert {r["user"] for r in today} == {"", "editor"}
    bad = translator.get("/api/stats/engines", params={"format": "xlsx"})
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "invalid_input"


def test_stats_need_a_login(anon):
    assert anon.get("/api/stats/engines").status_code == 401
    assert anon.get("/api/stats/activity").status_code == 401
