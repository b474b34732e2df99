"""Translation memory through the API: units on approve, exact/near/fuzzy ranking, reopen, German sources."""

import uuid

from tests.memory.conftest import approve_all

OLD = [
    "Kremlin talks resumed",
    "The Russian Foreign Ministry said on Tuesday that 25 diplomats would leave the country by March 1.",
    "Moscow and Beijing agreed to expand their cooperation in the energy sector over the next five years.",
    "The talks in Geneva lasted for more than seven hours and ended without a joint statement.",
]
GERMAN = {
    0: "Gespräche im Kreml wieder aufgenommen",
    1: "Das russische Außenministerium erklärte am Dienstag, 25 Diplomaten würden das Land bis zum 1. März verlassen.",
    2: "Moskau und Peking vereinbarten, ihre Zusammenarbeit im Energiesektor in den nächsten fünf Jahren auszubauen.",
    3: "Die Gespräche in Genf dauerten mehr als sieben Stunden und endeten ohne gemeinsame Erklärung.",
}


def _doc(client, paragraphs, outlet="TASS", lang="en"):
    text = "\n\n".join(paragraphs)
    r = client.post("/api/documents", json={"text": text, "outlet": outlet, "source_lang": lang})
    assert r.status_code in (200, 201), r.text
    return r.json()


def _matches(client, seg_id, **params):
    r = client.get(f"/api/segments/{seg_id}/matches", params=params)
    assert r.status_code == 200, r.text
    return r.json()


def test_exact_near_and_fuzzy_matches_ranked_best_first(translator, editor):
    old = _doc(translator, OLD)
    approve_all(translator, editor, old, GERMAN)
    new = _doc(
        translator,
        [
            f"Another report {uuid.uuid4().hex[:6]}",
            # near-exact: other numbers and case, the rest the same
            "The Russian foreign ministry said on Tuesday that 40 diplomats would leave the country by March 15!",
            # exact (extra whitespace is normalised away)
            "Moscow and Beijing agreed to expand their  cooperation in the energy sector over the next five years.",
            # fuzzy: two words differ
            "The talks in Vienna lasted for more than six hours and ended without a joint statement.",
            # nothing like it
            "Heavy snowfall closed most roads in the northern provinces for the whole weekend.",
        ],
        outlet="RIA",
    )
    segs = new["segments"]
    near = _matches(translator, segs[1]["id"])
    assert [(m["score"], m["kind"]) for m in near] == [(99, "near")]
    assert near[0]["target_text"] == GERMAN[1] and near[0]["outlet"] == "TASS"
    assert near[0]["document_id"] == old["id"] and near[0]["approved_by"] == "editor"
    assert near[0]["approved_at"].endswith("Z")
    assert {"match": "25", "segment": "40"} in near[0]["differences"]
    assert {"match": "Foreign Ministry", "segment": "foreign ministry"} in near[0]["differences"]
    assert {"match": "1 .", "segment": "15 !"} in near[0]["differences"]
    exact = _matches(translator, segs[2]["id"])
    assert exact[0]["score"] == 100 and exact[0]["kind"] == "exact" and exact[0]["differences"] == []
    fuzzy = _matches(translator, segs[3]["id"])
    assert len(fuzzy) == 1 and fuzzy[0]["kind"] == "fuzzy" and 75 <= fuzzy[0]["score"] <= 98
    assert fuzzy[0]["target_text"] == GERMAN[3]
    assert _matches(translator, segs[3]["id"], min_score=99) == []
    assert _matches(translator, segs[4]["id"]) == []
    assert (
        _matches(translator, segs[4]["id"], min_score=1, limit=2) != []
    )  # low enough, anything shares a word


def test_ranking_prefers_higher_scores_then_newer_units(translator, editor):
    base = "The delegation arrived in the capital on Monday for 2 days of consultations on security."
    first = _doc(translator, [f"Title {uuid.uuid4().hex[:6]}", base])
    approve_all(translator, editor, first, {1: "Ältere Fassung."})
    second = _doc(translator, [f"Title {uuid.uuid4().hex[:6]}", base.replace("Monday", "Friday")])
    approve_all(translator, editor, second, {1: "Fassung mit Freitag."})
    fourth = _doc(translator, [f"Title {uuid.uuid4().hex[:6]}", base.replace("2 days", "3 days")])
    approve_all(translator, editor, fourth, {1: "Fassung mit 3 Tagen."})
    third = _doc(translator, [f"Title {uuid.uuid4().hex[:6]}", base + " "])
    approve_all(translator, editor, third, {1: "Neuere Fassung."})
    probe = _doc(translator, [f"Title {uuid.uuid4().hex[:6]}", base])
    got = _matches(translator, probe["segments"][1]["id"])
    assert [(m["score"], m["target_text"]) for m in got] == [
        (100, "Neuere Fassung."),
        (100, "Ältere Fassung."),
        (99, "Fassung mit 3 Tagen."),
        (96, "Fassung mit Freitag."),
    ]
    assert len(_matches(translator, probe["segments"][1]["id"], limit=1)) == 1


def test_reopen_takes_the_unit_out_and_reapproval_updates_it(translator, editor):
    old = _doc(translator, OLD)
    approve_all(translator, editor, old, {2: GERMAN[2]})
    probe = _doc(translator, [f"Probe {uuid.uuid4().hex[:6]}", OLD[2]])
    sid = probe["segments"][1]["id"]
    assert _matches(translator, sid)[0]["target_text"] == GERMAN[2]
    seg = old["segments"][2]
    current = translator.get(f"/api/segments/{seg['id']}").json()
    reopened = editor.post(f"/api/segments/{seg['id']}/reopen", json={"version": current["version"]}).json()
    assert _matches(translator, sid) == []
    edited = translator.patch(
        f"/api/segments/{seg['id']}", json={"target_text": "Neu übersetzt.", "version": reopened["version"]}
    ).json()
    editor.post(f"/api/segments/{seg['id']}/approve", json={"version": edited["version"]})
    assert [m["target_text"] for m in _matches(translator, sid)] == ["Neu übersetzt."]


def test_bulk_approval_feeds_the_memory_too(translator, editor):
    old = _doc(translator, OLD)
    for seg in old["segments"]:
        translator.patch(
            f"/api/segments/{seg['id']}", json={"target_text": GERMAN[seg["position"]], "version": 1}
        )
    editor.post(f"/api/documents/{old['id']}/approve-edited").raise_for_status()
    probe = _doc(translator, [f"Probe {uuid.uuid4().hex[:6]}", OLD[3]])
    assert _matches(translator, probe["segments"][1]["id"])[0]["target_text"] == GERMAN[3]


def test_german_sources_neither_feed_nor_get_matches(translator, editor):
    german = [
        "Gespräche im Kreml",
        "Die Gespräche in Genf dauerten mehr als sieben Stunden und endeten ohne gemeinsame Erklärung.",
    ]
    doc = _doc(translator, german, lang="de")
    assert all(s["status"] == "approved" for s in doc["segments"])  # kept as they are
    assert _matches(translator, doc["segments"][1]["id"]) == []
    # the same German text as a "source" of an English document finds nothing either: nothing was stored
    other = _doc(translator, [f"Probe {uuid.uuid4().hex[:6]}", german[1]], lang="en")
    assert _matches(translator, other["segments"][1]["id"]) == []


def test_matches_need_auth_valid_ids_and_bounds(anon, translator):
    assert anon.get("/api/segments/1/matches").status_code == 401
    r = translator.get("/api/segments/999999/matches")
    assert r.status_code == 404 and r.json()["error"]["code"] == "segment_not_found"
    for params in ({"min_score": 0}, {"min_score": 101}, {"limit": 0}, {"limit": 21}, {"min_score": "x"}):
        bad = translator.get("/api/segments/1/matches", params=params)
        assert bad.status_code == 422 and bad.json()["error"]["code"] == "invalid_input"


def test_rebuild_remembers_segments_approved_before_the_memory_existed(translator, editor, session):
    from sqlalchemy import delete

    from app.memory.units import rebuild
    from app.models import TmPosting, TmUnit, TmWord

    old = _doc(translator, OLD)
    approve_all(translator, editor, old, {1: GERMAN[1], 3: GERMAN[3]})
    for table in (TmPosting, TmUnit, TmWord):  # as if approved before the upgrade
        session.exec(delete(table))
    session.commit()
    probe = _doc(translator, [f"Probe {uuid.uuid4().hex[:6]}", OLD[3]])
    assert _matches(translator, probe["segments"][1]["id"]) == []
    assert rebuild(session=session) == 2
    got = _matches(translator, probe["segments"][1]["id"])
    assert [(m["score"], m["target_text"], m["approved_by"]) for m in got] == [(100, GERMAN[3], "editor")]
    assert rebuild(session=session) == 2  # again: the same units, not twice as many
    assert len(_matches(translator, probe["segments"][1]["id"])) == 1
