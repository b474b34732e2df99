"""A document read with matches never searches the memory: segments without a usable stored list are sent
with `matches` null and the document's precompute is queued, once while it is queued or running
(SQLite and PostgreSQL)."""

import uuid

from tests.memory.conftest import approve_all
from tests.memory.test_matches import GERMAN, OLD, _doc
from tests.memory.test_precompute import NEW, _states
from tests.memory.test_stored_matches import _answer, _fresh


def test_a_read_without_lists_sends_null_and_queues_its_document_once(translator, editor, computed):
    from app.queue import get_huey

    approve_all(translator, editor, _doc(translator, OLD), GERMAN)
    huey = get_huey()
    huey.immediate = False  # a real queue: the task waits for a worker
    new = _doc(translator, [f"Report {uuid.uuid4().hex[:6]}", *NEW])
    computed.clear()
    for _ in range(3):
        assert set(map(type, _answer(translator, new["id"]).values())) == {type(None)}
    assert computed == [] and huey.pending_count() == 1  # nothing looked up; queued once
    task = huey.dequeue()
    assert task.args == (new["id"],)
    huey.execute(task)  # as the worker runs it: lists stored, the mark cleared
    assert set(_states(new["id"])) == {s["id"] for s in new["segments"]}
    assert _answer(translator, new["id"]) == _fresh(new, 3)
    assert huey.pending_count() == 0 and huey.get(f"werkbank.memory.warm.{new['id']}", peek=True) is None


def test_a_lost_task_is_queued_again_after_its_mark_expires(translator, monkeypatch):
    import app.memory.tasks
    from app.queue import get_huey

    huey = get_huey()
    huey.immediate = False
    new = _doc(translator, [f"Report {uuid.uuid4().hex[:6]}", NEW[1]])
    _answer(translator, new["id"])
    _answer(translator, new["id"])
    assert huey.pending_count() == 1
    huey.storage.flush_queue()  # the queue lost it: its mark stays
    _answer(translator, new["id"])
    assert huey.pending_count() == 0  # the mark holds
    monkeypatch.setattr(app.memory.tasks, "MARK_SECONDS", 0)
    _answer(translator, new["id"])
    assert huey.pending_count() == 1
