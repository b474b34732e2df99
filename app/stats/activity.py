"""Activity per day in the site's zone: documents ingested, segments approved, posts published."""

from collections import defaultdict
from datetime import UTC, date, datetime, timedelta

from sqlmodel import Session, col, select

from app.errors import InvalidInput
from app.models import Document, Post, PostStatus, Revision
from app.times import local, site_zone, utcnow

DEFAULT_DAYS = 30
MAX_DAYS = 731
FIGURES = ("documents_ingested", "segments_approved", "posts_published")


def _events(session: Session, since: datetime, until: datetime) -> list[tuple[str, datetime, str | None]]:
    """(figure, when, who) of every counted event in [since, until)."""
    queries = {
        "documents_ingested": select(Document.created_at, Document.created_by).where(
            col(Document.created_at) >= since, col(Document.created_at) < until
        ),
        "segments_approved": select(Revision.created_at, Revision.user).where(
            Revision.kind == "approve", col(Revision.created_at) >= since, col(Revision.created_at) < until
        ),
        "posts_published": select(Post.published_at, Post.created_by).where(
            Post.status == PostStatus.published,
            col(Post.published_at) >= since,
            col(Post.published_at) < until,
        ),
    }
    return [(figure, when, who) for figure, query in queries.items() for when, who in session.exec(query)]


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)] if last >= first else []


def activity(*, session: Session, since: datetime | None = None, until: datetime | None = None) -> dict:
    """Every day of the range with its three figures, in total and per user; an empty range is zeros.

    Default range: the last 30 days. A range over 731 days is a 422 `range_too_long`.
    """
    until = until or utcnow()
    try:
        since = since or until - timedelta(days=DEFAULT_DAYS)
    except OverflowError:  # an `until` in the first days of year 1
        since = datetime.min.replace(tzinfo=UTC)
    zone = site_zone()
    first, last = local(since, zone).date(), local(until - timedelta(microseconds=1), zone).date()
    count = (last - first).days + 1 if since < until else 0
    if count > MAX_DAYS:  # refused before a single day is listed
        raise InvalidInput(f"At most {MAX_DAYS} days at once", code="range_too_long", days=count)
    days = _days(first, last) if count else []
    per_day: dict[date, dict[str, int]] = {d: dict.fromkeys(FIGURES, 0) for d in days}
    per_user: dict[date, dict[str, dict[str, int]]] = defaultdict(dict)
    for figure, when, who in _events(session, since, until) if days else []:
        day = local(when, zone).date()
        if day not in per_day:
            continue
        per_day[day][figure] += 1
        user = per_user[day].setdefault(who or "", dict.fromkeys(FIGURES, 0))
        user[figure] += 1
    return {
        "since": since,
        "until": until,
        "timezone": zone.key,
        "days": [
            {
                "day": day.isoformat(),
                **per_day[day],
                "users": [{"user": name, **figs} for name, figs in sorted(per_user[day].items())],
            }
            for day in days
        ],
        "totals": {figure: sum(per_day[d][figure] for d in days) for figure in FIGURES},
    }
