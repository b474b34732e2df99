"""A feed's entries: stored once per feed, marked while listed, and each new one ingested as a URL."""

import logging
from urllib.parse import urlsplit

from pydantic import ValidationError
from sqlalchemy import update
from sqlmodel import Session, col, select

from app.config import Settings
from app.drafting.dispatch import start_job
from app.errors import WerkbankError
from app.feeds.parsing import FeedItem
from app.ingest.pipeline import ingest
from app.models import Document, DocumentCreate, Feed, FeedEntry, utcnow

log = logging.getLogger("werkbank.feeds")
MAX_ATTEMPTS = 3
"""An entry whose ingest failed is tried again at the next polls, this many times in all."""


def record_items(*, session: Session, feed: Feed, items: list[FeedItem]) -> list[FeedEntry]:
    """Store the entries not seen before (unique per feed and key), mark which are listed now.

    Returns the entries to ingest: the new ones, and failed ones with attempts left. A feed that
    republishes an entry with a new date keeps its key (the link), so it is not ingested again.
    """
    now = utcnow()
    keys = [item.key for item in items]
    known = {
        e.entry_key: e
        for e in session.exec(
            select(FeedEntry).where(FeedEntry.feed_id == feed.id, col(FeedEntry.entry_key).in_(keys))
        )
    }
    session.exec(
        update(FeedEntry)
        .where(col(FeedEntry.feed_id) == feed.id, col(FeedEntry.entry_key).not_in(keys))
        .values(listed=False)
    )
    todo: list[FeedEntry] = []
    for item in items:
        entry = known.get(item.key)
        if entry is None:
            entry = FeedEntry(
                feed_id=feed.id,
                entry_key=item.key,
                link=item.link,
                title=item.title,
                published_at=item.published_at,
                first_seen_at=now,
                last_seen_at=now,
            )
            session.add(entry)
            todo.append(entry)
        else:
            entry.listed, entry.last_seen_at = True, now
            session.add(entry)
            if entry.outcome in ("pending", "error") and entry.attempts < MAX_ATTEMPTS:
                todo.append(entry)
    session.commit()  # the unique (feed_id, entry_key) index makes each entry exactly once
    return todo


def _fail(entry: FeedEntry, code: str, message: str) -> None:
    entry.outcome, entry.error_code, entry.error_message = "error", code, message[:1000]


def ingest_entry(*, session: Session, feed: Feed, entry: FeedEntry, settings: Settings) -> None:
    """Ingest one entry's link; whatever goes wrong is recorded on the entry, never raised."""
    attempts, link = entry.attempts + 1, entry.link
    try:
        if not link:
            _fail(entry, "entry_without_link", "The entry has no link")
        elif urlsplit(link).scheme not in ("http", "https"):
            _fail(entry, "invalid_url", f"Not an http(s) link: {link[:200]}")
        else:
            _ingest_link(session=session, feed=feed, entry=entry, link=link, settings=settings)
    except WerkbankError as exc:
        session.rollback()
        _fail(entry, exc.code, exc.message)
    except ValidationError as exc:
        session.rollback()
        _fail(entry, "invalid_entry", str(exc.errors()[0].get("msg")))
    except Exception as exc:  # noqa: BLE001 - one broken entry never stops the others
        session.rollback()
        log.exception("Feed %s entry %s failed", feed.id, entry.id)
        _fail(entry, "internal_error", f"{type(exc).__name__}: {exc}")
    entry.attempts = attempts  # set last: a rollback above forgets changes made before it
    session.add(entry)
    session.commit()


def _ingest_link(*, session: Session, feed: Feed, entry: FeedEntry, link: str, settings: Settings) -> None:
    # The outlet is the editor's name for it ("TASS"), as `ingest --outlet` gives it; extraction
    # would fall back to the host name. The date comes from the page, else from the feed.
    payload = DocumentCreate(url=link, outlet=feed.outlet, source_lang=feed.source_lang)
    outcome = ingest(session=session, payload=payload, user=None, settings=settings)
    doc = outcome.document
    entry.document_id, entry.error_code, entry.error_message = doc.id, None, None
    entry.outcome = "new" if outcome.created else "existing"
    if not outcome.created:
        return
    _fill_from_feed(session, doc, entry)
    if feed.auto_translate and doc.source_lang != "de":
        provider = feed.provider or settings.default_provider
        try:
            start_job(session=session, document_id=doc.id, provider=provider, user=None)
        except WerkbankError as exc:  # the document stays; the editor sees why no draft came
            session.rollback()
            entry.error_code, entry.error_message = exc.code, f"Not translated: {exc.message}"[:1000]


def _fill_from_feed(session: Session, doc: Document, entry: FeedEntry) -> None:
    """The date from the feed where the page named none."""
    if doc.published_at is None and entry.published_at is not None:
        doc.published_at = entry.published_at
        session.add(doc)
        session.commit()
        session.refresh(doc)
