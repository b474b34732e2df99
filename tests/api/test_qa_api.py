"""QA through the API: stored with every edit and draft, filled in for old rows, listed per document,
and approval over errors only with force and a reason (SQLite and PostgreSQL)."""

import pytest
from sqlalchemy import update

from testkit import fake_services

EN = (
    "Talks in Berlin resumed\n\n"
    "The plan costs 1.5 million dollars and 10,000 troops stay until 2030.\n\n"
    'He called it "a provocation" on Monday.'
)
RU = "Переговоры в Женеве\n\nПутин заявил, что бюджет составит 1,5 млн рублей."


def _doc(client, text=EN, lang="en"):
    return client.post("/api/documents", json={"text": text, "source_lang": lang}).json()


def _codes(seg) -> set[str]:
    return {i["code"] for i in seg["qa"]}


def test_every_edit_recomputes_the_qa_stored_on_the_segment(translator):
    doc = _doc(translator)
    seg = doc["segments"][1]
    assert seg["qa"] == []  # no German text yet: nothing to check
    bad = translator.patch(
        f"/api/segments/{seg['id']}",
        json={
            "target_text": "Der Plan kostet 1.5 Millionen Dollar, und 10.000 Soldaten bleiben bis 2030.",
            "version": 1,
        },
    )
    assert bad.status_code == 200
    issue = next(i for i in bad.json()["qa"] if i["code"] == "number_mismatch" and i["severity"] == "error")
    assert seg["source_text"][slice(*issue["source_span"])] == "1.5 million"
    assert set(issue) == {"code", "severity", "message", "source_span", "target_span"}
    good = translator.patch(
        f"/api/segments/{seg['id']}",
        json={
            "target_text": "Der Plan kostet 1,5 Millionen Dollar, und 10.000 Soldaten bleiben bis 2030.",
            "version": 2,
        },
    )
    assert good.json()["qa"] == []
    assert translator.get(f"/api/segments/{seg['id']}").json()["qa"] == []
    assert translator.get(f"/api/documents/{doc['id']}").json()["segments"][1]["qa"] == []


def test_document_qa_lists_every_segment_and_counts_by_severity(translator, editor, anon):
    doc = _doc(translator)
    s0, s1, s2 = doc["segments"]
    translator.patch(
        f"/api/segments/{s0['id']}", json={"target_text": "Gespräche in Berlin fortgesetzt", "version": 1}
    )
    translator.patch(f"/api/segments/{s1['id']}", json={"target_text": "Der Plan kostet Geld.", "version": 1})
    translator.patch(
        f"/api/segments/{s2['id']}", json={"target_text": 'Er nannte es "eine Provokation".', "version": 1}
    )
    r = translator.get(f"/api/documents/{doc['id']}/qa")
    assert r.status_code == 200
    body = r.json()
    by_id = {s["segment_id"]: s for s in body["segments"]}
    assert [s["segment_id"] for s in body["segments"]] == [s0["id"], s1["id"], s2["id"]]
    assert by_id[s0["id"]]["qa"] == []
    assert "number_mismatch" in _codes(by_id[s1["id"]])
    assert _codes(by_id[s2["id"]]) == {"quote_style", "date_mismatch"}  # straight quotes, Monday dropped
    all_issues = [i for s in body["segments"] for i in s["qa"]]
    assert body["errors"] == sum(i["severity"] == "error" for i in all_issues) > 0
    assert body["warnings"] == sum(i["severity"] == "warning" for i in all_issues) > 0
    assert anon.get(f"/api/documents/{doc['id']}/qa").status_code == 401
    missing = translator.get("/api/documents/999999/qa")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "document_not_found"


def test_a_termbase_change_shows_in_the_document_qa_at_once(translator, editor):
    doc = _doc(translator, "Ceasefire talks\n\nThe ceasefire holds in the region.")
    seg = doc["segments"][1]
    translator.patch(
        f"/api/segments/{seg['id']}",
        json={"target_text": "Der Waffenstillstand hält in der Region.", "version": 1},
    )
    assert translator.get(f"/api/documents/{doc['id']}/qa").json()["warnings"] == 0
    editor.post(
        "/api/terms", json={"source_lang": "en", "source_term": "ceasefire", "target_term": "Waffenruhe"}
    )
    listed = translator.get(f"/api/documents/{doc['id']}/qa").json()
    assert [i["code"] for s in listed["segments"] for i in s["qa"]] == ["glossary_term_missing"]
    # …and the stored issues follow, so the document read shows the same.
    assert _codes(translator.get(f"/api/segments/{seg['id']}").json()) == {"glossary_term_missing"}


def test_approving_over_qa_errors_needs_force_and_a_reason_stored_in_the_revision(translator, editor):
    doc = _doc(translator)
    seg = doc["segments"][1]
    translator.patch(
        f"/api/segments/{seg['id']}",
        json={
            "target_text": "Der Plan kostet 2 Millionen Dollar, und 10.000 Soldaten bleiben bis 2030.",
            "version": 1,
        },
    )
    plain = editor.post(f"/api/segments/{seg['id']}/approve", json={"version": 2})
    assert plain.status_code == 422
    err = plain.json()["error"]
    assert err["code"] == "qa_errors" and {i["code"] for i in err["issues"]} == {"number_mismatch"}
    no_reason = editor.post(
        f"/api/segments/{seg['id']}/approve", json={"version": 2, "force": True, "reason": "  "}
    )
    assert no_reason.status_code == 422 and no_reason.json()["error"]["code"] == "reason_required"
    assert translator.get(f"/api/segments/{seg['id']}").json()["status"] == "edited"  # nothing changed
    denied = translator.post(
        f"/api/segments/{seg['id']}/approve", json={"version": 2, "force": True, "reason": "geprüft"}
    )
    assert denied.status_code == 403
    forced = editor.post(
        f"/api/segments/{seg['id']}/approve",
        json={"version": 2, "force": True, "reason": "Quelle irrt, Agentur korrigiert"},
    )
    assert forced.status_code == 200 and forced.json()["status"] == "approved"
    assert "number_mismatch" in _codes(forced.json())  # the issues stay visible on the approved segment
    last = translator.get(f"/api/segments/{seg['id']}/revisions").json()[-1]
    assert (last["kind"], last["reason"], last["user"]) == (
        "approve",
        "Quelle irrt, Agentur korrigiert",
        "editor",
    )


def test_warnings_do_not_block_approval_and_no_reason_is_stored(translator, editor):
    doc = _doc(translator)
    seg = doc["segments"][2]
    translator.patch(
        f"/api/segments/{seg['id']}",
        json={"target_text": 'Er nannte es am Montag "eine Provokation".', "version": 1},
    )
    ok = editor.post(f"/api/segments/{seg['id']}/approve", json={"version": 2, "reason": "unnötig"})
    assert ok.status_code == 200 and _codes(ok.json()) == {"quote_style"}
    assert translator.get(f"/api/segments/{seg['id']}/revisions").json()[-1]["reason"] is None


def test_a_stale_version_is_a_conflict_before_any_qa_answer(translator, editor):
    seg = _doc(translator)["segments"][1]
    translator.patch(f"/api/segments/{seg['id']}", json={"target_text": "Falsch: 3 Dollar.", "version": 1})
    r = editor.post(f"/api/segments/{seg['id']}/approve", json={"version": 1})
    assert r.status_code == 409 and r.json()["error"]["code"] == "version_conflict"


def test_bulk_approval_leaves_segments_with_qa_errors_for_a_look(translator, editor):
    doc = _doc(translator)
    s0, s1, _ = doc["segments"]
    translator.patch(
        f"/api/segments/{s0['id']}", json={"target_text": "Gespräche in Berlin fortgesetzt", "version": 1}
    )
    translator.patch(f"/api/segments/{s1['id']}", json={"target_text": "Der Plan kostet viel.", "version": 1})
    segs = editor.post(f"/api/documents/{doc['id']}/approve-edited").json()["segments"]
    assert [s["status"] for s in segs] == ["approved", "edited", "new"]


def test_a_check_that_raises_is_reported_and_the_edit_is_saved(translator, monkeypatch):
    from app.qa import registry
    from app.qa.base import Check

    class Broken(Check):
        code = "broken"

        def run(self, pair):
            raise ValueError("plug-in bug")

    entries = (*registry.get_checks(), registry.Entry("broken", Broken()))
    monkeypatch.setattr(registry, "get_checks", lambda: entries)
    seg = _doc(translator)["segments"][0]
    r = translator.patch(
        f"/api/segments/{seg['id']}", json={"target_text": "Gespräche in Berlin fortgesetzt", "version": 1}
    )
    assert r.status_code == 200 and r.json()["target_text"] == "Gespräche in Berlin fortgesetzt"
    (failed,) = r.json()["qa"]
    assert (
        failed["code"] == "check_failed"
        and failed["severity"] == "warning"
        and "plug-in bug" in failed["message"]
    )


def test_rows_from_before_qa_get_theirs_when_read_and_keep_it(translator, session):
    from app.models import Segment

    doc = _doc(translator, RU, "ru")
    seg = doc["segments"][1]
    translator.patch(
        f"/api/segments/{seg['id']}",
        json={"target_text": "Putin sagte, der Haushalt betrage 15 Millionen Rubel.", "version": 1},
    )
    session.exec(
        update(Segment).where(Segment.id == seg["id"]).values(qa=None)
    )  # as migration 0011 leaves it
    session.commit()
    read = translator.get(f"/api/documents/{doc['id']}").json()["segments"][1]
    assert [(i["code"], i["severity"]) for i in read["qa"]] == [
        ("number_mismatch", "error"),
        ("number_mismatch", "warning"),
    ]
    session.expire_all()
    assert session.get(Segment, seg["id"]).qa == read["qa"]
    assert read["version"] == 2  # filling in QA is no new version


@pytest.fixture
def libre(monkeypatch):
    server = fake_services.start()
    monkeypatch.setenv("WERKBANK_TRANSLATOR_LIBRETRANSLATE_URL", server.url)
    monkeypatch.setenv("WERKBANK_TRANSLATOR_RETRIES", "0")
    from app.config import get_settings
    from app.drafting.providers import get_registry

    get_settings.cache_clear()
    get_registry.cache_clear()
    yield server
    fake_services.stop(server)


def test_a_machine_draft_gets_its_qa_with_it(libre, translator, session):
    from app.models import Segment

    doc = _doc(translator)
    translator.post(f"/api/documents/{doc['id']}/translate", json={"provider": "libretranslate"})
    segs = translator.get(f"/api/documents/{doc['id']}").json()["segments"]
    assert {s["status"] for s in segs} == {"draft"}
    # The fake engine answers "de:" + the English text: straight quotes, and no German weekday.
    assert _codes(segs[2]) >= {"quote_style", "date_mismatch"}
    session.expire_all()
    stored = session.get(Segment, segs[2]["id"])
    assert stored.qa is not None and {i["code"] for i in stored.qa} >= {"quote_style"}


def test_backfill_command_fills_in_every_segment_without_qa(translator, settings, session):
    from app.models import Segment
    from testkit.live import cli_env, run_cli

    doc = _doc(translator)
    ids = [s["id"] for s in doc["segments"]]
    translator.patch(
        f"/api/segments/{ids[1]}", json={"target_text": "Der Plan kostet 2 Dollar.", "version": 1}
    )
    session.exec(update(Segment).values(qa=None))
    session.commit()
    env = cli_env(settings.data_dir, WERKBANK_DATABASE_URL=settings.resolved_database_url)
    out = run_cli(["qa", "backfill"], env)
    assert "QA computed for 1 segment(s)." in out.stdout  # the one with a German text
    session.expire_all()
    stored = {sid: session.get(Segment, sid).qa for sid in ids}
    assert stored[ids[0]] is None and stored[ids[2]] is None  # nothing to check: left alone
    assert "number_mismatch" in {i["code"] for i in stored[ids[1]]}
    assert "QA computed for 0 segment(s)." in run_cli(["qa", "backfill"], env).stdout
