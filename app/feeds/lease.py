"""The lease on a feed: one poll at a time (compare-and-set), renewed while working, taken over expired."""

import secrets
from datetime import timedelta

from sqlalchemy import or_, update
from sqlmodel import Session, col

from app.config import get_settings
from app.models import Feed, utcnow


def new_owner() -> str:
    """A token naming one poll (not a process: two threads of one worker are two owners)."""
    return secrets.token_hex(16)


def _until() -> object:
    return utcnow() + timedelta(seconds=get_settings().feed_lease_seconds)


def claim_feed(session: Session, feed_id: int, owner: str) -> bool:
    """Take the feed's lease if it is free or expired; one UPDATE, so of two racing polls one wins."""
    now = utcnow()
    stmt = (
        update(Feed)
        .where(
            col(Feed.id) == feed_id,
            or_(col(Feed.lease_until).is_(None), col(Feed.lease_until) < now),
        )
        .values(lease_owner=owner, lease_until=_until())
        .returning(Feed.id)
    )
    won = session.exec(stmt).first() is not None  # type: ignore[call-overload]
    session.commit()
    return won


def renew_lease(session: Session, feed_id: int, owner: str) -> bool:
    """Extend this poll's lease; False when it was taken over meanwhile (the poll should stop)."""
    stmt = (
        update(Feed)
        .where(col(Feed.id) == feed_id, col(Feed.lease_owner) == owner)
        .values(lease_until=_until())
        .returning(Feed.id)
    )
    kept = session.exec(stmt).first() is not None  # type: ignore[call-overload]
    session.commit()
    return kept


def release_lease(session: Session, feed_id: int, owner: str) -> None:
    """Give the lease back (only if this poll still holds it)."""
    session.rollback()
    session.exec(
        update(Feed)
        .where(col(Feed.id) == feed_id, col(Feed.lease_owner) == owner)
        .values(lease_owner=None, lease_until=None)
    )
    session.commit()
