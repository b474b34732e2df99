"""Publishing posts to the configured WordPress site: one request at a time per post, idempotently."""

from dataclasses import dataclass

import httpx
from sqlmodel import Session

from app.config import Settings
from app.exporters import html
from app.models import Post, PostStatus, PublishRecord
from app.publishing import ledger
from app.publishing.posts import get_post, render
from app.publishing.wordpress import WordPressClient, site_from_settings


@dataclass
class Published:
    """The post after publishing, and its ledger row for the site."""

    post: Post
    record: PublishRecord


def publish_post(
    *, session: Session, post_id: int, settings: Settings, transport: httpx.BaseTransport | None = None
) -> Published:
    """Create or update the post on WordPress; a retry never creates a second remote post.

    While another request publishes or unpublishes the post: Conflict(publish_in_progress).
    """
    post = get_post(session=session, post_id=post_id)
    site = site_from_settings(settings)
    rendered = render(session=session, post=post, settings=settings)
    held = ledger.claim(
        session=session,
        post_id=post_id,
        slug=post.slug,
        site=site.base_url,
        kind="publishing",
        settings=settings,
    )
    assert held is not None  # a publish always gets the row, or Conflict
    try:
        with WordPressClient(site, transport=transport) as client:
            body = html.render_post(rendered.view)
            entry = client.publish(post=rendered.view, html=body, ledger=held.known)
    except BaseException:
        ledger.release(session=session, held=held)
        raise
    done, record = ledger.finish(session=session, held=held, entry=entry, post_status=PostStatus.published)
    return Published(done, record)


def unpublish_post(
    *, session: Session, post_id: int, settings: Settings, transport: httpx.BaseTransport | None = None
) -> Post:
    """Turn the remote post back into a draft; the post, ready again.

    While another request publishes or unpublishes the post: Conflict(publish_in_progress).
    """
    post = get_post(session=session, post_id=post_id)
    site = site_from_settings(settings)
    held = ledger.claim(
        session=session,
        post_id=post_id,
        slug=post.slug,
        site=site.base_url,
        kind="unpublishing",
        settings=settings,
    )
    if held is None:  # never published to this site: nothing to take back
        done = ledger.set_post_status(session=session, post_id=post_id, status=PostStatus.ready)
        session.commit()
        return done
    entry = None
    if held.known is not None:
        try:
            with WordPressClient(site, transport=transport) as client:
                entry = client.unpublish(held.known)
        except BaseException:
            ledger.release(session=session, held=held)
            raise
    return ledger.finish(session=session, held=held, entry=entry, post_status=PostStatus.ready)[0]
