"""Feed subscriptions: add, list, read, change, remove; each shown with its poll state and counts."""

from sqlalchemy import case, func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from app.detection.detector import KEPT_LANGS, TRANSLATED_LANGS
from app.errors import Conflict, InvalidInput, NotFound
from app.ingest.fetch import check_url
from app.ingest.urls import source_url_key
from app.models import Feed, FeedCreate, FeedEntry, FeedEntryPublic, FeedPublic, FeedUpdate, User, utcnow

_LANGS = frozenset(KEPT_LANGS) | frozenset(TRANSLATED_LANGS)


def get_feed(*, session: Session, feed_id: int) -> Feed:
    """The feed, or 404."""
    feed = session.get(Feed, feed_id)
    if feed is None:
        raise NotFound(f"No feed {feed_id}", code="feed_not_found")
    return feed


def _check_lang(lang: str | None) -> None:
    if lang is not None and lang not in _LANGS:
        raise InvalidInput(
            f"source_lang must be one of {', '.join(sorted(_LANGS))}",
            code="unsupported_language",
            source_lang=lang,
        )


def _counts(session: Session, feed_ids: list[int]) -> dict[int, tuple[int, int, int]]:
    if not feed_ids:
        return {}
    query = (
        select(
            FeedEntry.feed_id,
            func.count(),
            func.count(col(FeedEntry.document_id)),
            func.sum(case((col(FeedEntry.outcome) == "error", 1), else_=0)),
        )
        .where(col(FeedEntry.feed_id).in_(feed_ids))
        .group_by(FeedEntry.feed_id)
    )
    return {fid: (total, docs, int(errs or 0)) for fid, total, docs, errs in session.exec(query)}


def feed_public(*, session: Session, feed: Feed) -> FeedPublic:
    """The feed as the API shows it, with its entry counts."""
    total, docs, errors = _counts(session, [feed.id]).get(feed.id, (0, 0, 0))
    return FeedPublic.model_validate(
        feed, update={"entries_total": total, "documents_total": docs, "errors_total": errors}
    )


def list_feeds(*, session: Session) -> list[FeedPublic]:
    """Every feed, oldest first, with counts."""
    feeds = list(session.exec(select(Feed).order_by(col(Feed.id))))
    counts = _counts(session, [f.id for f in feeds])
    names = ("entries_total", "documents_total", "errors_total")
    return [
        FeedPublic.model_validate(f, update=dict(zip(names, counts.get(f.id, (0, 0, 0)), strict=True)))
        for f in feeds
    ]


def create_feed(*, session: Session, payload: FeedCreate, user: User | None) -> Feed:
    """Subscribe to a feed URL (polled at once, then every interval); the same URL twice is a 409."""
    url = payload.url.strip()
    check_url(url)
    _check_lang(payload.source_lang)
    key = source_url_key(url) or url
    feed = Feed(
        **payload.model_dump(exclude={"url"}),
        url=url,
        url_key=key,
        next_poll_at=utcnow(),
        created_by=user.username if user else None,
    )
    session.add(feed)
    try:
        session.commit()
    except IntegrityError as exc:
        session.rollback()
        other = session.exec(select(Feed.id).where(Feed.url_key == key)).first()
        raise Conflict("This feed is already subscribed", code="feed_exists", feed_id=other) from exc
    session.refresh(feed)
    return feed


def update_feed(*, session: Session, feed_id: int, payload: FeedUpdate) -> Feed:
    """Change a feed's settings; unpausing (or a new interval) makes it due now."""
    feed = get_feed(session=session, feed_id=feed_id)
    values = payload.model_dump(exclude_unset=True)
    if "outlet" in values and values["outlet"] is None:
        raise InvalidInput("outlet cannot be empty", code="invalid_input")
    _check_lang(values.get("source_lang"))
    for name, value in values.items():
        if name in ("paused", "auto_translate", "interval_minutes", "categories") and value is None:
            continue
        setattr(feed, name, value)
    if values.get("paused") is False or "interval_minutes" in values:
        feed.next_poll_at = utcnow()
    feed.updated_at = utcnow()
    session.add(feed)
    session.commit()
    session.refresh(feed)
    return feed


def delete_feed(*, session: Session, feed_id: int) -> None:
    """Unsubscribe; its entries go, the documents it brought in stay."""
    feed = get_feed(session=session, feed_id=feed_id)
    session.delete(feed)
    session.commit()


def list_entries(*, session: Session, feed_id: int, limit: int = 200) -> list[FeedEntryPublic]:
    """A feed's entries, newest first, with what each became."""
    get_feed(session=session, feed_id=feed_id)
    query = (
        select(FeedEntry).where(FeedEntry.feed_id == feed_id).order_by(col(FeedEntry.id).desc()).limit(limit)
    )
    return [FeedEntryPublic.model_validate(e) for e in session.exec(query)]
