"""Feed schedules on the job queue: a periodic task finds due feeds, one task per feed polls it."""

import logging
import threading
from weakref import WeakKeyDictionary

from huey import Huey, crontab
from huey.api import TaskWrapper
from sqlalchemy import or_
from sqlmodel import Session, col, select

from app.config import get_settings
from app.db import get_engine
from app.errors import Conflict
from app.models import Feed, utcnow
from app.queue import get_huey

log = logging.getLogger("werkbank.feeds")
_lock = threading.Lock()
_poll_tasks: WeakKeyDictionary[Huey, TaskWrapper] = WeakKeyDictionary()


def poll_feed_task(feed_id: int) -> None:
    """Poll one feed if it is due; a feed another worker is polling (its lease held) is left to it."""
    from app.feeds.polling import poll_feed

    with Session(get_engine()) as session:
        feed = session.get(Feed, feed_id)
        if feed is None or feed.paused or (feed.next_poll_at is not None and feed.next_poll_at > utcnow()):
            return  # polled meanwhile by an earlier task of the same schedule, paused or removed
        try:
            result = poll_feed(session=session, feed_id=feed_id, settings=get_settings())
        except Conflict:
            log.info("Feed %s is being polled elsewhere", feed_id)
            return
    log.info("Feed %s polled: %s", feed_id, result.model_dump())


def due_feeds() -> list[int]:
    """Feeds not paused whose next poll is due and whose lease is free or expired."""
    now = utcnow()
    query = select(Feed.id).where(
        col(Feed.paused).is_(False),
        or_(col(Feed.next_poll_at).is_(None), col(Feed.next_poll_at) <= now),
        or_(col(Feed.lease_until).is_(None), col(Feed.lease_until) < now),
    )
    with Session(get_engine()) as session:
        return list(session.exec(query.order_by(col(Feed.next_poll_at))))


def enqueue_due_feeds() -> list[int]:
    """Put a poll of every due feed on the queue (the periodic task; the lease keeps polls single)."""
    ids = due_feeds()
    task = register_feed_tasks(get_huey())
    for feed_id in ids:
        task(feed_id)
    return ids


def register_feed_tasks(huey: Huey) -> TaskWrapper:
    """Register the poll task and the every-minute schedule on `huey` once (producer and consumers)."""
    with _lock:
        task = _poll_tasks.get(huey)
        if task is None:
            task = _poll_tasks[huey] = huey.task()(poll_feed_task)
            huey.periodic_task(crontab())(enqueue_due_feeds)
    return task
