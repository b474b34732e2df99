"""Publishing posts to the configured WordPress site, idempotently, through the ledger."""

from dataclasses import dataclass

import httpx
from sqlmodel import Session, select

from app.config import Settings
from app.exporters import html
from app.models import Post, PostStatus, PublishRecord, utcnow
from app.publishing.posts import get_post, render
from app.publishing.wordpress import LedgerEntry, WordPressClient, site_from_settings


@dataclass
class Published:
    """The post after publishing, and its ledger row for the site."""

    post: Post
    record: PublishRecord


def _ledger(session: Session, post_id: int, site: str) -> PublishRecord | None:
    return session.exec(
        select(PublishRecord).where(PublishRecord.post_id == post_id, PublishRecord.site == site)
    ).first()


def _entry(record: PublishRecord) -> LedgerEntry:
    """The ledger row as the WordPress client sees it."""
    return LedgerEntry(
        site=record.site,
        remote_id=record.remote_id,
        slug=record.slug,
        content_hash=record.content_hash,
        status=record.status,
        link=record.link,
    )


def _store(session: Session, post: Post, record: PublishRecord | None, entry: LedgerEntry) -> PublishRecord:
    record = record or PublishRecord(
        post_id=post.id,
        site=entry.site,
        slug=entry.slug,
        content_hash=entry.content_hash,
        status=entry.status,
    )
    record.sqlmodel_update(
        {
            "remote_id": entry.remote_id,
            "slug": entry.slug,
            "status": entry.status,
            "content_hash": entry.content_hash,
            "link": entry.link,
            "updated_at": utcnow(),
        }
    )
    session.add(record)
    return record


def publish_post(
    *, session: Session, post_id: int, settings: Settings, transport: httpx.BaseTransport | None = None
) -> Published:
    """Create or update the post on WordPress; a retry never creates a second remote post."""
    post = get_post(session=session, post_id=post_id)
    site = site_from_settings(settings)
    rendered = render(session=session, post=post, settings=settings)
    record = _ledger(session, post.id, site.base_url)
    known = _entry(record) if record is not None else None
    with WordPressClient(site, transport=transport) as client:
        entry = client.publish(post=rendered.view, html=html.render_post(rendered.view), ledger=known)
    record = _store(session, post, record, entry)
    post.status = PostStatus.published
    post.updated_at = utcnow()
    session.add(post)
    session.commit()
    session.refresh(record)
    return Published(get_post(session=session, post_id=post_id), record)


def unpublish_post(
    *, session: Session, post_id: int, settings: Settings, transport: httpx.BaseTransport | None = None
) -> Post:
    """Turn the remote post back into a draft; the post, ready again."""
    post = get_post(session=session, post_id=post_id)
    site = site_from_settings(settings)
    record = _ledger(session, post.id, site.base_url)
    if record is not None and record.remote_id is not None:
        with WordPressClient(site, transport=transport) as client:
            record = _store(session, post, record, client.unpublish(_entry(record)))
    post.status = PostStatus.ready
    post.updated_at = utcnow()
    session.add(post)
    session.commit()
    return get_post(session=session, post_id=post_id)
