"""A unit written since the lists were stored, entering one list: the read parses, renders and stores that
list only; the others keep their stored JSON byte for byte and only move their change count, in one
statement; the answers equal a fresh lookup (SQLite and PostgreSQL)."""

import uuid
from datetime import UTC, datetime

from app.memory.units import NewUnit, add_units
from tests.memory.test_matches import _doc
from tests.memory.test_precompute import _states
from tests.memory.test_stored_matches import _fresh, _read
from tests.review.test_statement_count import statements

TEXTS = [
    "The ministry said on Monday that the talks in Geneva would go on for another week.",
    "Heavy snowfall closed most roads in the northern provinces for the whole weekend.",
    "The central bank raised its key interest rate by half a point to curb inflation.",
    "Farmers blocked the highway near the capital to protest against lower grain prices.",
]


def _remembered(session) -> None:
    """Each text's earlier version (another day, number or word): every list holds a match, none is full."""
    at = datetime(2026, 11, 1, tzinfo=UTC)
    earlier = [
        text.replace("Monday", "Friday").replace("half", "a quarter of").replace("most", "many")
        for text in TEXTS
    ]
    add_units(session, [NewUnit("en", t, f"Früher {i}.", at) for i, t in enumerate(earlier)])
    session.commit()


def _counted(monkeypatch) -> dict[str, int]:
    """How often stored lists are parsed and lists rendered, from here on."""
    import app.memory.reads
    import app.memory.shown
    import app.memory.stored

    calls = {"parsed": 0, "rendered": 0}
    parse, render = app.memory.stored.from_json, app.memory.shown.render

    def parsed(raw):  # noqa: ANN001, ANN202
        calls["parsed"] += 1
        return parse(raw)

    def rendered(matches):  # noqa: ANN001, ANN202
        calls["rendered"] += 1
        return render(matches)

    monkeypatch.setattr(app.memory.stored, "from_json", parsed)
    monkeypatch.setattr(app.memory.shown, "render", rendered)
    monkeypatch.setattr(app.memory.reads, "render", rendered)
    return calls


def test_a_unit_entering_one_list_rewrites_that_list_only(translator, session, computed, monkeypatch):
    from app.db import get_engine
    from app.memory.stored import clock

    _remembered(session)
    doc = _doc(translator, [f"Leser {uuid.uuid4().hex[:6]}", *TEXTS])
    sids = [s["id"] for s in doc["segments"]]
    assert _read(translator, doc["id"]) == _fresh(doc, 3)
    assert all(_read(translator, doc["id"])[sid] for sid in sids[1:])  # every paragraph has a match
    before = _states(doc["id"])
    translator.get(f"/api/documents/{doc['id']}").raise_for_status()  # QA stored: the plain read's count
    with statements(get_engine()) as plain:
        translator.get(f"/api/documents/{doc['id']}").raise_for_status()
    add_units(session, [NewUnit("en", TEXTS[2], "Die Zentralbank erhöhte den Leitzins.", datetime.now(UTC))])
    session.commit()
    now = clock(session)
    computed.clear()
    calls = _counted(monkeypatch)
    with statements(get_engine()) as seen:
        answer = _read(translator, doc["id"])
    assert answer == _fresh(doc, 3)
    assert answer[sids[3]][0]["score"] == 100  # the new unit entered the third paragraph's list
    assert computed == []  # merged, nothing looked up
    assert calls == {"parsed": 1, "rendered": 1}  # that list only
    after = _states(doc["id"])
    assert {sid: seq for sid, (seq, _) in after.items()} == dict.fromkeys(sids, now)
    assert {sid for sid in sids if after[sid][1] != before[sid][1]} == {sids[3]}  # others byte for byte
    extra = seen[len(plain) :] if seen[: len(plain)] == plain else seen
    writes = [s for s in seen if s.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
    stamps = [s for s in writes if s.lstrip().upper().startswith("UPDATE segment_match_state".upper())]
    assert len(stamps) == 1, "\n".join(writes)  # every list the unit did not enter, in one statement
    # the lists with the count, the units written since; the stamp, the one state, its one new unit row
    assert len(seen) - len(plain) == 5 and len(writes) == 3, "\n".join(extra)


def test_with_the_precompute_on_the_read_renders_one_list_and_the_writer_stores_one(
    precompute, translator, session, monkeypatch
):
    from app.memory.writeback import drain

    _remembered(session)
    doc = _doc(translator, [f"Leser {uuid.uuid4().hex[:6]}", *TEXTS])  # lists stored by the precompute
    sids = [s["id"] for s in doc["segments"]]
    assert _read(translator, doc["id"]) == _fresh(doc, 3)
    before = _states(doc["id"])
    add_units(session, [NewUnit("en", TEXTS[0], "Das Ministerium sagte.", datetime.now(UTC))])
    session.commit()
    calls = _counted(monkeypatch)
    assert _read(translator, doc["id"]) == _fresh(doc, 3)
    drain()
    assert calls["rendered"] == 2  # the read's merged list, and the writer's as it stores it
    after = _states(doc["id"])
    assert {sid for sid in sids if after[sid][1] != before[sid][1]} == {sids[1]}
    assert len({seq for seq, _ in after.values()}) == 1


def test_a_unit_scoring_below_a_full_list_leaves_it_unparsed(translator, session, computed, monkeypatch):
    at = datetime(2026, 11, 1, tzinfo=UTC)
    text = TEXTS[1]
    add_units(session, [NewUnit("en", text, f"Fassung {i}.", at) for i in range(5)])  # five at 100
    session.commit()
    doc = _doc(translator, [f"Leser {uuid.uuid4().hex[:6]}", text])
    sid = doc["segments"][1]["id"]
    assert [m["score"] for m in _read(translator, doc["id"], 5)[sid]] == [100] * 5
    before = _states(doc["id"])
    calls = _counted(monkeypatch)
    computed.clear()
    fuzzy = text.replace("whole", "entire")  # scores below 100: cannot enter a full list of 100s
    add_units(session, [NewUnit("en", fuzzy, "Ähnlich.", datetime.now(UTC))])
    session.commit()
    assert _read(translator, doc["id"], 5) == _fresh(doc, 5)
    assert calls == {"parsed": 0, "rendered": 0} and computed == []
    assert _states(doc["id"])[sid][1] == before[sid][1]
    add_units(session, [NewUnit("en", text, "Neueste Fassung.", datetime.now(UTC))])  # 100 and newest
    session.commit()
    answer = _read(translator, doc["id"], 5)
    assert answer == _fresh(doc, 5) and answer[sid][0]["target_text"] == "Neueste Fassung."
    assert calls["parsed"] == 1
