"""Feed subscriptions: add, list, read, change, remove, poll now, and what each entry became."""

from fastapi import APIRouter, Response

from app.api.deps import CurrentUser, Id, Reviewer, SessionDep, SettingsDep
from app.feeds.polling import PollResult, poll_feed
from app.feeds.subscriptions import (
    create_feed,
    delete_feed,
    feed_public,
    get_feed,
    list_entries,
    list_feeds,
    update_feed,
)
from app.models import FeedCreate, FeedEntryPublic, FeedPublic, FeedUpdate

router = APIRouter(prefix="/api/feeds", tags=["feeds"])


@router.post("", response_model=FeedPublic, status_code=201)
def create(body: FeedCreate, session: SessionDep, user: Reviewer) -> FeedPublic:
    """Subscribe to an RSS/Atom feed (editors, admins); polled within a minute, then every interval."""
    feed = create_feed(session=session, payload=body, user=user)
    return feed_public(session=session, feed=feed)


@router.get("", response_model=list[FeedPublic])
def list_all(session: SessionDep, _: CurrentUser) -> list[FeedPublic]:
    """Every feed with its poll state and counts."""
    return list_feeds(session=session)


@router.get("/{feed_id}", response_model=FeedPublic)
def read(feed_id: Id, session: SessionDep, _: CurrentUser) -> FeedPublic:
    """One feed with its poll state and counts."""
    return feed_public(session=session, feed=get_feed(session=session, feed_id=feed_id))


@router.patch("/{feed_id}", response_model=FeedPublic)
def change(feed_id: Id, body: FeedUpdate, session: SessionDep, _: Reviewer) -> FeedPublic:
    """Change a feed's settings, pause or resume it (editors and admins)."""
    feed = update_feed(session=session, feed_id=feed_id, payload=body)
    return feed_public(session=session, feed=feed)


@router.delete("/{feed_id}", status_code=204)
def remove(feed_id: Id, session: SessionDep, _: Reviewer) -> Response:
    """Unsubscribe (editors and admins); the documents it brought in stay."""
    delete_feed(session=session, feed_id=feed_id)
    return Response(status_code=204)


@router.post("/{feed_id}/poll", response_model=PollResult)
def poll_now(feed_id: Id, session: SessionDep, _: Reviewer, settings: SettingsDep) -> PollResult:
    """Poll the feed now; 409 `poll_in_progress` while another poll of it runs."""
    return poll_feed(session=session, feed_id=feed_id, settings=settings)


@router.get("/{feed_id}/entries", response_model=list[FeedEntryPublic])
def entries(feed_id: Id, session: SessionDep, _: CurrentUser) -> list[FeedEntryPublic]:
    """The feed's entries, newest first: the document each became, or the error with its code."""
    return list_entries(session=session, feed_id=feed_id)
