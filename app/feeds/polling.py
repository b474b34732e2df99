"""Polling a feed: conditional GET under the lease, entries ingested one by one, back-off on failure."""

import logging
from dataclasses import dataclass
from datetime import timedelta

from pydantic import BaseModel
from sqlmodel import Session

from app.config import Settings
from app.errors import Conflict, InvalidInput, WerkbankError
from app.feeds.entries import ingest_entry, record_items
from app.feeds.lease import claim_feed, new_owner, release_lease, renew_lease
from app.feeds.parsing import FEED_TYPES, parse_feed
from app.feeds.refetch import refetch_listed
from app.feeds.subscriptions import get_feed
from app.ingest.fetch import Fetched, fetch_resource
from app.models import Feed, FeedEntry, utcnow

log = logging.getLogger("werkbank.feeds")


class PollResult(BaseModel):
    """What one poll did: entries read, documents created, already known, entries that failed."""

    feed_id: int
    status: str
    entries: int = 0
    new_documents: int = 0
    existing: int = 0
    errors: int = 0
    refetched: int = 0
    error_code: str | None = None


@dataclass
class _Tally:
    new: int = 0
    existing: int = 0
    errors: int = 0


def _conditional(feed: Feed) -> dict[str, str]:
    headers = {"Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5"}
    if feed.etag:
        headers["If-None-Match"] = feed.etag
    if feed.last_modified:
        headers["If-Modified-Since"] = feed.last_modified
    return headers


def _schedule(feed: Feed, settings: Settings, *, failed: bool) -> None:
    now = utcnow()
    feed.last_polled_at = now
    feed.failures = feed.failures + 1 if failed else 0
    minutes = feed.interval_minutes * (2 ** min(feed.failures, 16))
    longest = max(settings.feed_max_backoff_minutes, feed.interval_minutes)
    feed.next_poll_at = now + timedelta(minutes=min(minutes, longest))
    feed.updated_at = now


def poll_feed(*, session: Session, feed_id: int, settings: Settings, owner: str | None = None) -> PollResult:
    """Poll one feed now; 409 `poll_in_progress` while another poll holds its lease."""
    get_feed(session=session, feed_id=feed_id)
    owner = owner or new_owner()
    if not claim_feed(session, feed_id, owner):
        raise Conflict("This feed is being polled right now", code="poll_in_progress", feed_id=feed_id)
    try:
        return _poll(session, feed_id, settings, owner)
    finally:
        release_lease(session, feed_id, owner)


def _poll(session: Session, feed_id: int, settings: Settings, owner: str) -> PollResult:
    feed = get_feed(session=session, feed_id=feed_id)
    try:
        fetched = fetch_resource(feed.url, settings=settings, types=FEED_TYPES, headers=_conditional(feed))
        parsed = (
            None
            if fetched.status == 304
            else parse_feed(
                fetched.body,
                url=fetched.url,
                content_type=fetched.content_type,
                limit=settings.feed_max_entries,
            )
        )
    except WerkbankError as exc:
        return _failed(session, feed, settings, exc)
    except Exception as exc:  # noqa: BLE001 - a parser crash on hostile input is this feed's problem only
        log.exception("Feed %s could not be read", feed_id)
        return _failed(session, feed, settings, InvalidInput(f"Unreadable feed: {exc}", code="invalid_feed"))
    if parsed is None:
        result = PollResult(feed_id=feed_id, status="not_modified")
    else:
        todo = record_items(session=session, feed=feed, items=parsed.items)
        tally = _ingest_all(session, feed, todo, settings, owner)
        result = PollResult(
            feed_id=feed_id,
            status="ok",
            entries=len(parsed.items),
            new_documents=tally.new,
            existing=tally.existing,
            errors=tally.errors,
        )
        if parsed.total > len(parsed.items) and parsed.total > settings.feed_max_entries:
            result.error_code = "too_many_entries"
    result.refetched = refetch_listed(session=session, feed_id=feed_id, settings=settings)
    _succeeded(session, feed_id, settings, fetched, result, parsed.total if parsed else 0)
    return result


def _ingest_all(
    session: Session, feed: Feed, todo: list[FeedEntry], settings: Settings, owner: str
) -> _Tally:
    tally = _Tally()
    for entry in todo:
        if not renew_lease(session, feed.id, owner):  # taken over after a stall: stop writing
            log.warning("Feed %s: lease lost, stopping this poll", feed.id)
            break
        ingest_entry(session=session, feed=feed, entry=entry, settings=settings)
        if entry.outcome == "new":
            tally.new += 1
        elif entry.outcome == "existing":
            tally.existing += 1
        else:
            tally.errors += 1
    return tally


def _failed(session: Session, feed: Feed, settings: Settings, exc: WerkbankError) -> PollResult:
    session.rollback()
    feed = get_feed(session=session, feed_id=feed.id)
    feed.last_status, feed.last_error_code, feed.last_error = "error", exc.code, exc.message[:1000]
    _schedule(feed, settings, failed=True)
    session.add(feed)
    session.commit()
    return PollResult(feed_id=feed.id, status="error", errors=1, error_code=exc.code)


def _succeeded(
    session: Session, feed_id: int, settings: Settings, fetched: Fetched, result: PollResult, total: int
) -> None:
    feed = get_feed(session=session, feed_id=feed_id)
    if fetched.status == 200:
        feed.etag = (fetched.etag or "")[:500] or None
        feed.last_modified = (fetched.last_modified or "")[:200] or None
    if result.error_code == "too_many_entries":
        feed.last_status, feed.last_error_code = "partial", "too_many_entries"
        feed.last_error = f"The feed lists {total} entries; the first {settings.feed_max_entries} were read"
    elif result.errors:
        feed.last_status, feed.last_error_code = "partial", "entry_errors"
        feed.last_error = f"{result.errors} entries could not be ingested (see the entries)"
    else:
        feed.last_status = "not_modified" if fetched.status == 304 else "ok"
        feed.last_error_code = feed.last_error = None
    _schedule(feed, settings, failed=False)
    session.add(feed)
    session.commit()
