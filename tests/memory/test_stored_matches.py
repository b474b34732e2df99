"""Stored matches kept fresh: every read equals a fresh full lookup while the memory grows, is rewritten and
shrinks; a new unit is merged in without recomputing; a removed one is never served (SQLite and PostgreSQL)."""

import random
import uuid
from datetime import UTC, datetime, timedelta

from sqlmodel import Session, col, select

from app.memory import reads
from app.memory.batch import Wanted, lookup_many
from app.memory.units import NewUnit, add_units
from app.models import SegmentMatch, SegmentMatchState
from tests.memory.conftest import approve_all
from tests.memory.test_matches import _doc, _matches

SYLLABLES = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]


def _words(rng: random.Random, n: int) -> list[str]:
    return ["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))) for _ in range(n)]


class Texts:
    """Made-up news sentences and their variants: exact, near-exact (numbers, case), fuzzy (words swapped)."""

    def __init__(self, rng: random.Random, bases: int = 10) -> None:
        self.rng = rng
        self.vocab = _words(rng, 400)
        self.bases = [self._sentence() for _ in range(bases)]

    def _sentence(self) -> str:
        words = self.rng.sample(self.vocab, self.rng.randint(10, 16))
        words.insert(self.rng.randint(1, len(words)), str(self.rng.randint(2, 99)))
        return " ".join(words).capitalize() + "."

    def variant(self) -> str:
        """A text like one of the bases: the same, other numbers or case, one to three words swapped, or new."""
        base, kind = self.rng.choice(self.bases), self.rng.random()
        if kind < 0.2:
            return base
        if kind < 0.4:
            return "".join(str((int(c) + 3) % 10) if c.isdigit() else c for c in base).upper()
        if kind < 0.9:
            words = base.split()
            for i in self.rng.sample(range(len(words)), self.rng.randint(1, 3)):
                words[i] = self.rng.choice(self.vocab)
            return " ".join(words)
        return self._sentence()


def _import(session: Session, texts: Texts, n: int, at: datetime) -> None:
    units = [
        NewUnit(
            "en", texts.variant(), f"Übersetzung {uuid.uuid4().hex[:8]}", at + timedelta(seconds=i), "bench"
        )
        for i in range(n)
    ]
    add_units(session, units)
    session.commit()


def _fresh(doc: dict, limit: int) -> dict[int, list[dict]]:
    """segment id → its matches by a fresh full lookup (no stored list involved), as JSON."""
    from app.db import get_engine

    wanted = [Wanted(s["id"], s["source_lang"], s["source_text"], s["id"]) for s in doc["segments"]]
    with Session(get_engine()) as session:
        found = lookup_many(session=session, wanted=wanted, min_score=75, limit=limit)
    return {key: [m.model_dump(mode="json") for m in matches] for key, matches in found.items()}


def _answer(client, doc_id: int, limit: int = 3) -> dict[int, list[dict] | None]:
    """One document read with matches: segment id → its matches (None: not computed yet)."""
    r = client.get(f"/api/documents/{doc_id}", params={"include": "matches", "match_limit": limit})
    assert r.status_code == 200, r.text
    return {s["id"]: s["matches"] for s in r.json()["segments"]}


def _read(client, doc_id: int, limit: int = 3) -> dict[int, list[dict]]:
    """The document's matches as the editor gets them: a read that finds lists to compute answers null
    for them and queues the document's precompute, which the tests' queue runs at once, so a second
    read serves every list."""
    found = _answer(client, doc_id, limit)
    if any(matches is None for matches in found.values()):
        found = _answer(client, doc_id, limit)
    assert all(matches is not None for matches in found.values()), found
    return found  # type: ignore[return-value]


def test_reads_equal_a_fresh_lookup_while_the_memory_changes(translator, editor, session, computed):
    rng = random.Random(13)
    texts = Texts(rng, bases=6)
    at = datetime(2026, 11, 1, tzinfo=UTC)
    _import(session, texts, 25, at)
    source = _doc(translator, [f"Quelle {uuid.uuid4().hex[:6]}"] + [texts.variant() for _ in range(8)])
    approve_all(translator, editor, source, {i: f"Fassung {i}" for i in range(1, 9)})
    reader = _doc(translator, [f"Leser {uuid.uuid4().hex[:6]}"] + [texts.variant() for _ in range(12)])
    assert _read(translator, reader["id"]) == _fresh(reader, 3)
    assert sum(1 for m in _fresh(reader, 3).values() if m) >= 6  # the comparison compares something
    merged_only, seen = 0, set()
    for step in range(14):
        computed.clear()
        op = rng.choice(["import", "import", "reopen", "reapprove", "own"])
        if op == "import":
            _import(session, texts, rng.randint(1, 4), at + timedelta(days=step + 1))
        else:
            seg = rng.choice(source["segments"][1:] if op != "own" else reader["segments"][1:])
            current = translator.get(f"/api/segments/{seg['id']}").json()
            if current["status"] == "approved":
                current = editor.post(
                    f"/api/segments/{seg['id']}/reopen", json={"version": current["version"]}
                )
                current = current.json()
            if op != "reopen":
                approve_all(translator, editor, {"segments": [current]}, {current["position"]: f"Neu {step}"})
        limit = 3 + step % 3
        assert _read(translator, reader["id"], limit) == _fresh(reader, limit), f"step {step}: {op}"
        merged_only += not computed
        seen.add(repr(_fresh(reader, 5)))
        for seg in rng.sample(reader["segments"][1:], 3):  # the segment endpoint serves the same lists
            assert _matches(translator, seg["id"]) == _fresh(reader, 5)[seg["id"]]
    assert len(seen) >= 6  # the lists did change
    assert merged_only >= 5  # most changes were merged in, not looked up afresh


def test_a_new_approval_elsewhere_is_merged_in_without_a_lookup(translator, editor, computed):
    reader = _doc(
        translator,
        [
            f"Leser {uuid.uuid4().hex[:6]}",
            "The ministry said on Monday that the talks in Geneva would go on.",
        ],
    )
    sid = reader["segments"][1]["id"]
    assert _read(translator, reader["id"])[sid] == []
    assert sid in computed  # the first read computes the lists
    computed.clear()
    other = _doc(translator, [f"Andere {uuid.uuid4().hex[:6]}", reader["segments"][1]["source_text"]])
    approve_all(
        translator, editor, other, {1: "Das Ministerium sagte am Montag, die Gespräche gingen weiter."}
    )
    got = _read(translator, reader["id"])[sid]
    assert [(m["score"], m["kind"], m["document_id"]) for m in got] == [(100, "exact", other["id"])]
    assert computed == []  # merged: no lookup of the memory


def test_a_removed_unit_is_never_served_and_the_next_one_takes_its_place(
    translator, editor, session, computed
):
    text = "The ministry said on Tuesday that the delegation would stay in Vienna for another week."
    at = datetime(2026, 11, 1, tzinfo=UTC)
    variants = [
        text.replace("Tuesday", day) for day in ("Monday", "Friday", "Sunday", "Saturday", "Thursday", "Weds")
    ]
    add_units(
        session, [NewUnit("en", v, f"Fassung {i}", at + timedelta(hours=i)) for i, v in enumerate(variants)]
    )
    session.commit()
    older = _doc(translator, [f"Alt {uuid.uuid4().hex[:6]}", text])
    approve_all(translator, editor, older, {1: "Genau diese Fassung."})
    reader = _doc(translator, [f"Leser {uuid.uuid4().hex[:6]}", text])
    sid = reader["segments"][1]["id"]
    first = _read(translator, reader["id"], limit=5)[sid]
    assert [m["target_text"] for m in first][:1] == ["Genau diese Fassung."] and len(first) == 5
    seg = older["segments"][1]
    current = translator.get(f"/api/segments/{seg['id']}").json()
    editor.post(f"/api/segments/{seg['id']}/reopen", json={"version": current["version"]}).raise_for_status()
    computed.clear()
    got = _read(translator, reader["id"], limit=5)[sid]
    assert "Genau diese Fassung." not in [m["target_text"] for m in got]
    assert got == first[1:] + got[4:] and len(got) == 5  # the sixth best moved up
    assert got == _fresh(reader, 5)[sid]
    assert sid in computed  # a full list that lost an entry is computed afresh
    stored = session.exec(select(SegmentMatch.unit_id).where(col(SegmentMatch.segment_id) == sid)).all()
    assert len(stored) == 5


def test_writers_of_the_memory_take_turns_on_the_clock(settings):
    """A unit numbered n is visible before any numbered above n: the second writer waits for the first."""
    import threading

    from app.db import get_engine
    from app.memory.stored import clock

    at, engine = datetime(2026, 11, 1, tzinfo=UTC), get_engine()
    with Session(engine) as first:
        add_units(first, [NewUnit("en", "The first text.", "Der erste Text.", at)])
        done: list[int] = []

        def second() -> None:
            with Session(engine) as other:
                add_units(other, [NewUnit("en", "The second text.", "Der zweite Text.", at)])
                other.commit()
                done.append(clock(other))

        thread = threading.Thread(target=second)
        thread.start()
        thread.join(0.5)
        with Session(engine) as reader:
            assert clock(reader) == 0 and not done  # nothing committed, the second writer waits
        first.commit()
    thread.join(10)
    assert done == [2]
    with Session(engine) as reader:
        from app.models import TmUnit

        seqs = dict(reader.exec(select(TmUnit.source_text, TmUnit.seq)).all())
    assert seqs == {"The first text.": 1, "The second text.": 2}


def test_too_many_changes_fall_back_to_the_lookup(translator, session, computed, monkeypatch):
    rng = random.Random(7)
    texts = Texts(rng, bases=4)
    reader = _doc(translator, [f"Leser {uuid.uuid4().hex[:6]}"] + texts.bases)
    _read(translator, reader["id"])
    monkeypatch.setattr(reads, "STALE_LIMIT", 5)
    _import(session, texts, 6, datetime(2026, 11, 1, tzinfo=UTC))
    computed.clear()
    assert _read(translator, reader["id"]) == _fresh(reader, 3)
    assert sorted(computed) == sorted(s["id"] for s in reader["segments"])


def test_lists_widen_for_lower_scores_and_longer_limits(translator, editor, session):
    texts = Texts(random.Random(3), bases=2)
    _import(session, texts, 30, datetime(2026, 11, 1, tzinfo=UTC))
    reader = _doc(translator, [f"Leser {uuid.uuid4().hex[:6]}", texts.bases[0]])
    sid = reader["segments"][1]["id"]
    _read(translator, reader["id"])
    state = session.get(SegmentMatchState, sid)
    assert (state.min_score, state.size) == (75, 5)
    wide = _matches(translator, sid, limit=12, min_score=40)
    wanted = [Wanted(sid, "en", texts.bases[0], sid)]
    assert wide == [
        m.model_dump(mode="json")
        for m in lookup_many(session=session, wanted=wanted, min_score=40, limit=12)[sid]
    ]
    session.expire_all()
    state = session.get(SegmentMatchState, sid)
    assert (state.min_score, state.size) == (40, 12)
    assert _read(translator, reader["id"]) == _fresh(reader, 3)  # served from the wider list


def test_german_sources_store_nothing(translator, session):
    german = _doc(
        translator, [f"Bericht {uuid.uuid4().hex[:6]}", "Die Gespräche in Genf dauerten lange."], lang="de"
    )
    assert all(m == [] for m in _read(translator, german["id"]).values())
    ids = [s["id"] for s in german["segments"]]
    assert (
        session.exec(select(SegmentMatchState).where(col(SegmentMatchState.segment_id).in_(ids))).all() == []
    )


def test_a_unit_rewritten_in_place_is_scored_again(translator, session, computed):
    """No code rewrites a unit today (re-approval replaces it); one that did would tick, and be rescored."""
    from sqlalchemy import update

    from app.memory.keys import exact_key, exact_text, near_key
    from app.memory.units import tick
    from app.models import TmUnit

    text = "The ministry said on Tuesday that the delegation would stay in Vienna for another week."
    at = datetime(2026, 11, 1, tzinfo=UTC)
    add_units(session, [NewUnit("en", text, "Genau.", at), NewUnit("en", text + " Really.", "Fast.", at)])
    session.commit()
    reader = _doc(translator, [f"Leser {uuid.uuid4().hex[:6]}", text])
    sid = reader["segments"][1]["id"]
    assert [m["target_text"] for m in _read(translator, reader["id"])[sid]] == ["Genau.", "Fast."]
    other = exact_text("Heavy snow closed the roads in the north over the weekend.")
    seq = tick(session)
    session.exec(
        update(TmUnit)
        .where(col(TmUnit.target_text) == "Genau.")
        .values(source_text=other, exact_key=exact_key(other), near_key=near_key(other), seq=seq)
    )
    session.commit()
    computed.clear()
    assert _read(translator, reader["id"]) == _fresh(reader, 3)
    assert [m["target_text"] for m in _read(translator, reader["id"])[sid]] == ["Fast."]
    assert sid in computed  # its best unit now scores otherwise: computed afresh
