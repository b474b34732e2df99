"""The publish ledger row as a per-post lock: claim it, talk to WordPress, then finish or release it.

A publish first claims the post's (post_id, site) row in a transaction of its own — inserting it
with state "publishing" when the post was never published (the unique pair lets only one insert
win), or switching an existing row from "done" by compare-and-set. Only then does it call
WordPress, and it finishes by writing the result where its claim still holds. Whoever finds the
row claimed gets Conflict(publish_in_progress). A claim older than `publish_claim_seconds` is
taken as crashed and may be taken over; the retry finds the remote post through the ledger or by
slug (wordpress.py), so it never creates a second one.
"""

import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import delete, insert, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from app.config import Settings
from app.errors import Conflict
from app.models import Post, PostStatus, PublishRecord, utcnow
from app.publishing.wordpress import LedgerEntry

_LEDGER = PublishRecord.__table__
_POST = Post.__table__


@dataclass(frozen=True)
class Claim:
    """A held ledger row: its id, our token, what we do, and what the ledger knew before."""

    record_id: int
    token: str
    kind: str
    known: LedgerEntry | None


def _entry(row: Any) -> LedgerEntry | None:
    """The ledger row as the WordPress client sees it (None: nothing published yet)."""
    if row.remote_id is None:
        return None
    return LedgerEntry(
        site=row.site,
        remote_id=row.remote_id,
        slug=row.slug,
        content_hash=row.content_hash,
        status=row.status,
        link=row.link,
    )


def _in_progress(post_id: int) -> Conflict:
    return Conflict(
        f"Post {post_id} is being published or unpublished by another request; try again when it is done",
        code="publish_in_progress",
        post_id=post_id,
    )


def _take(session: Session, *, post_id: int, site: str, kind: str, token: str, settings: Settings) -> Any:
    """Compare-and-set an existing row that is done (or whose claim went stale) to ours."""
    now = utcnow()
    stale = now - timedelta(seconds=settings.publish_claim_seconds)
    return session.execute(
        update(_LEDGER)
        .where(_LEDGER.c.post_id == post_id, _LEDGER.c.site == site)
        .where(or_(_LEDGER.c.state == "done", _LEDGER.c.claimed_at.is_(None), _LEDGER.c.claimed_at < stale))
        .values(state=kind, claim=token, claimed_at=now)
        .returning(*_LEDGER.c)
    ).first()


def claim(
    *, session: Session, post_id: int, slug: str, site: str, kind: str, settings: Settings
) -> Claim | None:
    """Hold the post's ledger row for one publish or unpublish, committed before WordPress is called.

    Conflict(publish_in_progress) while another request holds it; None for an unpublish of a post
    that has no ledger row (nothing to claim).
    """
    token = secrets.token_hex(16)
    session.rollback()  # the claim is the first statement of its own transaction
    for _ in range(2):
        row = _take(session, post_id=post_id, site=site, kind=kind, token=token, settings=settings)
        if row is not None:
            session.commit()
            return Claim(row.id, token, kind, _entry(row))
        exists = session.execute(
            select(_LEDGER.c.id).where(_LEDGER.c.post_id == post_id, _LEDGER.c.site == site)
        ).first()
        if exists is not None:
            session.rollback()
            raise _in_progress(post_id)
        if kind != "publishing":
            session.rollback()
            return None
        values = dict(
            post_id=post_id,
            site=site,
            slug=slug,
            content_hash="",
            status="pending",
            updated_at=utcnow(),
            state=kind,
            claim=token,
            claimed_at=utcnow(),
        )
        try:
            record_id = session.execute(insert(_LEDGER).values(**values).returning(_LEDGER.c.id)).scalar_one()
            session.commit()
            return Claim(record_id, token, kind, None)
        except IntegrityError:  # another request inserted the row first: try to take it once more
            session.rollback()
    raise _in_progress(post_id)


def _mine(held: Claim) -> Any:
    return (_LEDGER.c.id == held.record_id) & (_LEDGER.c.claim == held.token) & (_LEDGER.c.state == held.kind)


def set_post_status(*, session: Session, post_id: int, status: PostStatus) -> Post:
    """Change the post's status in the open transaction; the post as written."""
    stmt = update(_POST).where(_POST.c.id == post_id).values(status=status, updated_at=utcnow())
    row = session.execute(stmt.returning(*_POST.c)).one()
    return Post(**row._mapping)


def finish(
    *, session: Session, held: Claim, entry: LedgerEntry | None, post_status: PostStatus
) -> tuple[Post, PublishRecord]:
    """Write WordPress's answer (None: nothing changed there) and the post's status, where our claim holds.

    Conflict(publish_in_progress) when another request took the claim over meanwhile.
    """
    result = (
        {}
        if entry is None
        else dict(
            remote_id=entry.remote_id,
            slug=entry.slug,
            status=entry.status,
            content_hash=entry.content_hash,
            link=entry.link,
            updated_at=utcnow(),
        )
    )
    row = session.execute(
        update(_LEDGER).where(_mine(held)).values(state="done", **result).returning(*_LEDGER.c)
    ).first()
    if row is None:
        session.rollback()
        raise Conflict(
            "This publish took too long and another request took it over; its result counts",
            code="publish_in_progress",
        )
    record = PublishRecord(**row._mapping)
    post = set_post_status(session=session, post_id=record.post_id, status=post_status)
    session.commit()
    return post, record


def release(*, session: Session, held: Claim) -> None:
    """Give the row back after a failed call: a row that records no remote post goes, others are done."""
    session.rollback()
    session.execute(delete(_LEDGER).where(_mine(held), _LEDGER.c.remote_id.is_(None)))
    session.execute(update(_LEDGER).where(_mine(held)).values(state="done"))
    session.commit()
