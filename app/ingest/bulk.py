"""Bulk ingest: many items, one result each, every item processed even when some fail."""

import json
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from app.config import Settings
from app.errors import InvalidInput, WerkbankError
from app.ingest.pipeline import ingest, prepare
from app.ingest.started import Started
from app.ingest.store import Prepared, insert_documents, known_by_digest, known_by_url_key, store
from app.ingest.urls import source_url_key
from app.memory.tasks import warm_later
from app.memory.units import KEPT_LANG
from app.models import Document, DocumentCreate, User


@dataclass
class BulkOutcome:
    """One result per item, and how many were created, already known, or refused."""

    results: list[dict[str, Any]]
    created: int
    existing: int
    errors: int


def parse_items(body: bytes, *, ndjson: bool) -> list[Any]:
    """A JSON array or NDJSON lines; a line that is not JSON becomes an error item."""
    text = body.decode("utf-8", errors="replace")
    if ndjson:
        items: list[Any] = []
        for line in text.splitlines():
            if not line.strip():
                continue
            try:
                items.append(json.loads(line))
            except json.JSONDecodeError:
                items.append(InvalidInput("Line is not valid JSON", code="malformed_json"))
        return items
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInput("Request body is not valid JSON", code="malformed_json") from exc
    if not isinstance(data, list):
        raise InvalidInput("Expected a JSON array of documents", code="invalid_input")
    return data


def _payload(item: Any) -> DocumentCreate:
    if isinstance(item, WerkbankError):
        raise item
    if not isinstance(item, dict):
        raise InvalidInput("Each item must be a JSON object", code="invalid_input")
    try:
        return DocumentCreate.model_validate(item)
    except ValidationError as exc:
        raise InvalidInput(str(exc.errors()[0].get("msg")), code="invalid_input") from exc


def _result(doc: Document, *, created: bool) -> dict[str, Any]:
    return {
        "result": "created" if created else "existing",
        "document_id": doc.id,
        "status": doc.status,
        "source_lang": doc.source_lang,
        "title": doc.title,
    }


def _created(doc_id: int, prep: Prepared) -> dict[str, Any]:
    row = prep.row
    return {
        "result": "created",
        "document_id": doc_id,
        "status": row["status"],
        "source_lang": row["source_lang"],
        "title": row["title"],
    }


def _error(exc: WerkbankError) -> dict[str, Any]:
    return {"result": "error", "error": exc.to_dict(), "status_code": exc.status}


class _Bulk:
    """One request's items by index: parsed, their work started early (text and HTML in the ingest
    processes, URLs fetched on threads), then stored in batches of what has finished, one commit each.
    """

    def __init__(self, items: list[Any], *, user: User | None, settings: Settings) -> None:
        self.user, self.settings = user, settings
        self.results: list[dict[str, Any] | None] = [None] * len(items)
        self.payloads: dict[int, DocumentCreate] = {}
        self.keys: dict[int, str | None] = {}
        self.same_url: dict[int, int] = {}  # item → the earlier item with the same URL key or text
        for i, item in enumerate(items):
            try:
                self.payloads[i] = _payload(item)
            except WerkbankError as exc:
                self.results[i] = _error(exc)
            else:
                self.keys[i] = source_url_key(self.payloads[i].source_url or self.payloads[i].url)
        self.work = Started(user=user, settings=settings)

    def batches(self) -> Iterator[list[int]]:
        """The items in order, at most `ingest_batch_size` at a time. While a full batch more of work
        follows, a batch is full (a big transaction costs least per document: SQLite's FTS5 index
        flushes at every commit); after that, a batch is the next item (waited for) and every one
        after it whose work has finished, so storing keeps pace with the ingest processes and what is
        left to store once their last chunk arrives is that chunk, not a whole batch.
        """
        todo, size, start = list(self.payloads), self.settings.ingest_batch_size, 0
        while start < len(todo):
            if len(todo) - start >= 2 * size:
                for i in todo[start : start + size]:
                    self.work.wait(i)
                end = start + size
            else:
                self.work.wait(todo[start])
                end = start + 1
                while end < len(todo) and end - start < size and self.work.ready(todo[end]):
                    end += 1
            yield todo[start:end]
            start = end

    def drop_known_urls(self, session: Session, batch: list[int]) -> list[int]:
        """The batch less items whose URL is stored, or comes earlier in the batch (answered later)."""
        known = known_by_url_key(session, [k for i in batch if (k := self.keys[i])])
        earlier: dict[str, int] = {}
        rest = []
        for i in batch:
            key = self.keys[i]
            if key in known:
                self.results[i] = _result(known[key], created=False)
            elif key in earlier:
                self.same_url[i] = earlier[key]
            else:
                if key:
                    earlier[key] = i
                rest.append(i)
        return rest

    def answer_same_urls(self, session: Session) -> None:
        """An item repeating an earlier item's URL gets its document; when that one failed, its own try."""
        for i, j in self.same_url.items():
            done = self.results[j] or {}
            if done.get("result") in ("created", "existing"):
                self.results[i] = {**done, "result": "existing"}
                continue
            try:
                outcome = ingest(
                    session=session, payload=self.payloads[i], user=self.user, settings=self.settings
                )
                self.results[i] = _result(outcome.document, created=outcome.created)
            except WerkbankError as exc:
                session.rollback()
                self.results[i] = _error(exc)
        self.same_url.clear()

    def prepared(self, batch: list[int]) -> dict[int, Prepared]:
        """The prepared rows of the batch's items, in item order; failures become error results."""
        ready: dict[int, Prepared] = {}
        for i in batch:
            try:
                if i in self.work.fetches:
                    ready[i] = self.work.fetches.pop(i).result()
                    continue
                done = self.work.worked(i)
                if isinstance(done, Exception):
                    raise done
                ready[i] = prepare(
                    payload=self.payloads[i], user=self.user, settings=self.settings, url_key=self.keys[i],
                    worked=done,
                )  # fmt: skip
            except WerkbankError as exc:
                self.results[i] = _error(exc)
        return ready

    def store(self, session: Session, ready: dict[int, Prepared]) -> None:
        """Insert the new documents in one transaction; on a race with another ingest, one at a time."""
        known = known_by_digest(session, [p.row["content_hash"] for p in ready.values()])
        first: dict[str, int] = {}  # URL key or hash → the batch item that inserts it
        new: dict[int, Prepared] = {}
        for i, prep in ready.items():
            marks = [m for m in (prep.row["source_url_key"], prep.row["content_hash"]) if m]
            earlier = next((first[m] for m in marks if m in first), None)
            if prep.row["content_hash"] in known:
                self.results[i] = _result(known[prep.row["content_hash"]], created=False)
            elif earlier is not None:
                self.same_url[i] = earlier  # answered with the earlier item's result once stored
            else:
                new[i] = prep
                first.update(dict.fromkeys(marks, i))
        try:
            ids = insert_documents(session, list(new.values()))
            session.commit()
        except IntegrityError:  # a concurrent request stored one of these meanwhile
            session.rollback()
            for i, prep in new.items():
                outcome = store(session, prep)
                self.results[i] = _result(outcome.document, created=outcome.created)
            return
        for (i, prep), doc_id in zip(new.items(), ids, strict=True):
            self.results[i] = _created(doc_id, prep)
        warm_later(
            doc_id
            for prep, doc_id in zip(new.values(), ids, strict=True)
            if prep.row["source_lang"] != KEPT_LANG
        )


def ingest_many(
    *, session: Session, items: list[Any], user: User | None, settings: Settings
) -> list[dict[str, Any]]:
    """Ingest every item, committing at most `ingest_batch_size` documents at a time; created /
    existing / error, one result per item in order.

    The work of all items starts at once (in the ingest processes) and the batches are stored as
    their work arrives, so storing one batch overlaps with the work on the next.
    """
    bulk = _Bulk(items, user=user, settings=settings)
    stored = set(known_by_url_key(session, [k for k in bulk.keys.values() if k]))
    session.rollback()  # end the read transaction: no snapshot held while the work runs
    with ThreadPoolExecutor(settings.ingest_fetch_threads, thread_name_prefix="ingest-fetch") as threads:
        bulk.work.start(bulk.payloads, bulk.keys, threads, skip=stored)
        for batch in bulk.batches():
            bulk.store(session, bulk.prepared(bulk.drop_known_urls(session, batch)))
            bulk.answer_same_urls(session)
            bulk.work.release(batch[-1])
    return [{"index": i, **(r or {})} for i, r in enumerate(bulk.results)]


def ingest_body(
    *, session: Session, body: bytes, ndjson: bool, user: User, settings: Settings
) -> BulkOutcome:
    """Ingest every item of a JSON array or NDJSON body; one result each, with the counts."""
    items = parse_items(body, ndjson=ndjson)
    results = ingest_many(session=session, items=items, user=user, settings=settings)
    count = {k: sum(1 for r in results if r["result"] == k) for k in ("created", "existing", "error")}
    return BulkOutcome(results, created=count["created"], existing=count["existing"], errors=count["error"])
