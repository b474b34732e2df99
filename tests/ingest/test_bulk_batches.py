"""Bulk ingest: batched commits, multi-row INSERTs per batch, indexed duplicate checks, parallel fetches."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlalchemy import event, text
from sqlmodel import select

from testkit.articles import article, articles
from testkit.database import make_user
from testkit.samples import DE, FR


@pytest.fixture(autouse=True)
def _in_processes(settings, monkeypatch):
    """These tests run ingest's work in the child processes, as `werkbank serve` does by default."""
    monkeypatch.setattr(settings, "ingest_processes", 1)


@pytest.fixture(autouse=True, scope="module")
def _stop_processes():
    yield
    from app.ingest import procs

    procs.shutdown()


@pytest.fixture
def user(session):
    from app.models import User

    make_user(session, "bulky", "editor")
    return session.exec(select(User).where(User.username == "bulky")).one()


class _Statements:
    """Every SQL statement the engine runs while the context is open."""

    def __init__(self, engine):
        self.engine, self.seen = engine, []

    def _record(self, _conn, _cursor, statement, _params, _context, executemany):
        self.seen.append((statement.split()[0].upper(), statement, executemany))

    def __enter__(self):
        event.listen(self.engine, "before_cursor_execute", self._record)
        return self

    def __exit__(self, *exc):
        event.remove(self.engine, "before_cursor_execute", self._record)

    def count(self, verb: str, table: str | None = None) -> int:
        return sum(1 for v, s, _ in self.seen if v == verb and (table is None or f"INTO {table} " in s))


def _ingest(session, settings, user, items):
    from app.ingest.bulk import ingest_many

    return ingest_many(session=session, items=items, user=user, settings=settings)


def test_documents_and_segments_go_in_one_statement_per_batch(session, settings, user, monkeypatch):
    from app.db import get_engine
    from app.models import Document, Segment

    monkeypatch.setattr(settings, "ingest_batch_size", 4)
    items = articles(10)
    with _Statements(get_engine()) as sql:
        results = _ingest(session, settings, user, items)
    assert [r["result"] for r in results] == ["created"] * 10
    assert [r["index"] for r in results] == list(range(10))
    # One multi-row INSERT of documents and one of segments per batch (10 items in batches of 4).
    assert sql.count("INSERT", "segment") == 3
    assert sql.count("INSERT", "document") == 3
    docs = session.exec(select(Document).order_by(Document.id)).all()
    assert [d.id for d in docs] == [r["document_id"] for r in results]
    assert {d.source_lang for d in docs} == {"en", "ru"}
    for doc in docs:
        segs = session.exec(
            select(Segment).where(Segment.document_id == doc.id).order_by(Segment.position)
        ).all()
        assert [s.position for s in segs] == list(range(7)) and segs[0].kind == "title"
        assert all(s.status == "new" and s.version == 1 and s.updated_by == "bulky" for s in segs)
        assert all(s.updated_at.tzinfo is not None for s in segs)


def test_batches_commit_three_times_for_ten_items_of_four(session, settings, user, monkeypatch):
    from app.db import get_engine

    monkeypatch.setattr(settings, "ingest_batch_size", 4)
    commits = []

    def count(_conn):
        commits.append(1)

    event.listen(get_engine(), "commit", count)
    try:
        _ingest(session, settings, user, articles(10))
    finally:
        event.remove(get_engine(), "commit", count)
    assert len(commits) == 3  # 4 + 4 + 2 documents, one transaction each


def test_duplicates_errors_and_kept_languages_in_one_batch(session, settings, user):
    from app.models import Revision, Segment

    first = _ingest(session, settings, user, [article(1)])
    items = [
        article(1),  # stored by an earlier request
        {"text": DE, "source_url": "https://example.org/a?utm_source=x"},
        article(2),
        {"text": FR},  # a language Werkbank does not route → error, the batch goes on
        article(2),  # the same text twice in one batch
        {"html": "<p>x</p>", "source_url": "HTTPS://EXAMPLE.org/a"},  # the same URL, other spelling
        7,
    ]
    results = _ingest(session, settings, user, items)
    assert [r["result"] for r in results] == [
        "existing",
        "created",
        "created",
        "error",
        "existing",
        "existing",
        "error",
    ]
    assert results[0]["document_id"] == first[0]["document_id"]
    assert results[4]["document_id"] == results[2]["document_id"]
    assert results[5]["document_id"] == results[1]["document_id"]
    assert results[3]["error"]["code"] == "unsupported_language"
    assert results[6]["error"]["code"] == "invalid_input"
    german = results[1]["document_id"]
    segs = session.exec(select(Segment).where(Segment.document_id == german).order_by(Segment.position)).all()
    assert segs and all(s.status == "approved" and s.target_text == s.source_text for s in segs)
    revisions = session.exec(select(Revision).where(Revision.segment_id.in_([s.id for s in segs]))).all()
    assert sorted((r.segment_id, r.kind, r.text) for r in revisions) == sorted(
        (s.id, "ingest", s.source_text) for s in segs
    )


def test_a_batch_racing_another_ingest_falls_back_to_one_at_a_time(session, settings, user, monkeypatch):
    """Another request stores an item between the duplicate check and the commit: nothing is lost."""
    from app.ingest import bulk, store
    from app.models import Document

    real = store.known_by_digest
    sneaky = article(3)
    raced = []

    def known_then_raced(s, digests):
        found = real(s, digests)
        if not raced:
            raced.append(1)
            with session.__class__(s.get_bind()) as other:  # a concurrent request
                _ingest(other, settings, other.get(type(user), user.id), [sneaky])
        return found

    monkeypatch.setattr(bulk, "known_by_digest", known_then_raced)
    results = _ingest(session, settings, user, [article(4), sneaky, article(5)])
    assert raced and [r["result"] for r in results] == ["created", "existing", "created"]
    assert len(session.exec(select(Document)).all()) == 3


def test_duplicate_checks_use_the_unique_indexes(session, settings, db_url):
    """The query plans of both lookups name an index, not a scan of the document table."""
    conn = session.connection()
    queries = {
        "uq_document_source_url_key": "SELECT id FROM document WHERE source_url_key = :v",
        "ix_document_content_hash": "SELECT id FROM document WHERE content_hash = :v",
    }
    for index, query in queries.items():
        if db_url.startswith("sqlite"):
            plan = " ".join(
                str(row[-1]) for row in conn.execute(text("EXPLAIN QUERY PLAN " + query), {"v": "x"})
            )
        else:
            conn.execute(text("SET LOCAL enable_seqscan = off"))  # an empty table: force the planner's hand
            plan = " ".join(row[0] for row in conn.execute(text("EXPLAIN " + query), {"v": "x"}))
        assert index in plan, plan
    in_list = "SELECT id FROM document WHERE source_url_key IN (:a, :b)"
    if db_url.startswith("sqlite"):
        plan = " ".join(
            str(row[-1]) for row in conn.execute(text("EXPLAIN QUERY PLAN " + in_list), {"a": "x", "b": "y"})
        )
        assert "uq_document_source_url_key" in plan, plan


class _SlowPages(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, delay: float) -> None:
        self.delay, self.active, self.peak, self.bound = delay, 0, 0, 1
        self.lock = threading.Condition()
        super().__init__(("127.0.0.1", 0), _SlowPage)
        threading.Thread(target=self.serve_forever, daemon=True).start()


class _SlowPage(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802
        server = self.server
        with server.lock:
            server.active += 1
            server.peak = max(server.peak, server.active)
            server.lock.notify_all()
            # Hold each request until `bound` are in flight, so a loaded machine that starts the
            # fetch threads late still shows their overlap; fetches one after another time out here.
            server.lock.wait_for(lambda: server.active >= server.bound, timeout=10)
        time.sleep(server.delay)
        with server.lock:
            server.active -= 1
        n = self.path.rsplit("/", 1)[1]
        paragraphs = "".join(f"<p>{p}</p>" for p in article(int(n))["text"].split("\n\n")[1:])
        body = f"<html><head><title>Page {n}</title></head><body><article><h1>Page {n} talks</h1>{paragraphs}</article></body></html>".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def test_url_items_are_fetched_concurrently_with_a_bound(session, settings, user, monkeypatch):
    monkeypatch.setattr(settings, "ingest_fetch_threads", 3)
    pages = _SlowPages(delay=0.4)
    try:
        # Untimed: the ingest process starts and loads its page reader (seconds on a loaded machine).
        _ingest(session, settings, user, [{"url": f"http://127.0.0.1:{pages.server_port}/news/99"}])
        pages.peak, pages.bound = 0, 3
        items = [{"url": f"http://127.0.0.1:{pages.server_port}/news/{n}"} for n in range(9)]
        results = _ingest(session, settings, user, items)
    finally:
        pages.shutdown()
    assert [r["result"] for r in results] == ["created"] * 9, results
    assert pages.peak == 3  # parallel, never more than the setting
    from app.models import Document

    # Fetched on threads while earlier batches committed: the author read once, on the request's thread.
    docs = session.exec(select(Document).where(Document.id.in_([r["document_id"] for r in results]))).all()
    assert {d.created_by for d in docs} == {"bulky"}


class _Readiness:
    """Stands in for the started work: which items have finished, and which were waited for."""

    def __init__(self, done: set[int]):
        self.done, self.waited = done, []

    def ready(self, i: int) -> bool:
        return i in self.done

    def wait(self, i: int) -> None:
        self.waited.append(i)
        self.done.add(i)


def test_a_batch_is_what_has_finished_up_to_the_batch_size(settings, monkeypatch):
    """Full batches while a full batch more follows; then storing keeps pace with the work: the next
    item is waited for and every finished one joins it (at most `ingest_batch_size`), so the last
    batch is what the last chunk brought, not a whole batch."""
    from app.ingest.bulk import _Bulk

    monkeypatch.setattr(settings, "ingest_batch_size", 4)
    bulk = _Bulk(articles(10) + [7], user=None, settings=settings)  # item 10 is an error: no batch
    bulk.work = _Readiness({0, 1, 2, 3, 4, 5, 8})
    batches = list(bulk.batches())
    assert batches == [[0, 1, 2, 3], [4, 5], [6], [7, 8], [9]]
    assert bulk.work.waited == [0, 1, 2, 3, 4, 6, 7, 9]  # the full batch's items, then each first one


def test_each_transaction_inserts_documents_and_segments_once(session, settings, user):
    """However the items fall into batches, a commit follows one INSERT per table (no per-row SQL)."""
    from app.db import get_engine

    with _Statements(get_engine()) as sql:
        results = _ingest(session, settings, user, articles(25))
    assert [r["result"] for r in results] == ["created"] * 25
    inserts = [s for v, s, _ in sql.seen if v == "INSERT"]
    writes = [s.split()[2] for s in inserts]
    assert writes == ["document", "segment"] * (len(writes) // 2)
    # Per transaction: the hash lookup, the new ids (and on PostgreSQL the precounted documents).
    assert sum(1 for v, _, _ in sql.seen if v == "SELECT") <= 4 * len(writes) // 2 + 1
