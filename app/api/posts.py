"""Posts: create from approved segments, edit, ready, preview, export, publish."""

from datetime import date, datetime

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel

from app.api.deps import CurrentUser, Id, IdFilter, Reviewer, SessionDep, SettingsDep
from app.api.exports import as_response
from app.api.paging import Cursor, announce_next, limit_query
from app.models import PostCreate, PostPublic, PostStatus, PostUpdate
from app.models.paging import decode_cursor, encode_cursor
from app.publishing import exports, posts, publish
from app.publishing.preview import PostPreview, preview_post

router = APIRouter(prefix="/api/posts", tags=["posts"])


class PublishResult(BaseModel):
    post: PostPublic
    site: str
    remote_id: int | None
    remote_status: str
    link: str | None


@router.post("", response_model=PostPublic, status_code=201)
def create(body: PostCreate, session: SessionDep, user: CurrentUser, settings: SettingsDep) -> PostPublic:
    """A draft post from a document's approved segments (unapproved → 422 segment_not_approved)."""
    return PostPublic.model_validate(
        posts.create_post(session=session, payload=body, user=user, settings=settings)
    )


@router.get("", response_model=list[PostPublic])
def list_all(
    session: SessionDep,
    _: CurrentUser,
    settings: SettingsDep,
    request: Request,
    response: Response,
    date: date | None = None,  # noqa: A002
    status: PostStatus | None = None,
    document_id: IdFilter = None,
    cursor: Cursor = None,
    limit: int = limit_query(500),
) -> list[PostPublic]:
    """Posts of a calendar day in the site's time zone, a status and/or a document, oldest first.

    Keyset-paged on (publication time, id): the next page's cursor is in `X-Next-Cursor`.
    """
    found = posts.list_posts(
        session=session,
        day=date,
        status=status,
        document_id=document_id,
        zone=settings.zone,
        after=decode_cursor(cursor, datetime, int),
        limit=limit + 1,
    )
    last = found[limit - 1] if len(found) > limit else None
    announce_next(request, response, encode_cursor(last.published_at, last.id) if last else None)
    return [PostPublic.model_validate(p) for p in found[:limit]]


@router.get("/{post_id}", response_model=PostPublic)
def read(post_id: Id, session: SessionDep, _: CurrentUser) -> PostPublic:
    """One post."""
    return PostPublic.model_validate(posts.get_post(session=session, post_id=post_id))


@router.patch("/{post_id}", response_model=PostPublic)
def edit(
    post_id: Id, body: PostUpdate, session: SessionDep, _: CurrentUser, settings: SettingsDep
) -> PostPublic:
    """Change fields or the excerpt selection."""
    return PostPublic.model_validate(
        posts.update_post(session=session, post_id=post_id, payload=body, settings=settings)
    )


@router.post("/{post_id}/ready", response_model=PostPublic)
def ready(post_id: Id, session: SessionDep, _: Reviewer, settings: SettingsDep) -> PostPublic:
    """Mark a post ready to publish (editors and admins); its excerpt must still be valid."""
    return PostPublic.model_validate(posts.mark_ready(session=session, post_id=post_id, settings=settings))


@router.get("/{post_id}/preview", response_model=PostPreview)
def preview(post_id: Id, session: SessionDep, _: CurrentUser, settings: SettingsDep) -> PostPreview:
    """The HTML exactly as it will be published, the quoted share and the typography changes."""
    return preview_post(session=session, post_id=post_id, settings=settings)


@router.get("/{post_id}/export", response_class=Response)
def export(
    post_id: Id,
    session: SessionDep,
    _: CurrentUser,
    settings: SettingsDep,
    format: str = "html",  # noqa: A002
) -> Response:
    """One post as html, markdown, text, json or wxr."""
    return as_response(exports.export_post(session=session, post_id=post_id, fmt=format, settings=settings))


@router.post("/{post_id}/publish", response_model=PublishResult)
def publish_now(post_id: Id, session: SessionDep, _: Reviewer, settings: SettingsDep) -> PublishResult:
    """Create or update the post on WordPress (idempotent: retries never duplicate it)."""
    done = publish.publish_post(session=session, post_id=post_id, settings=settings)
    return PublishResult(
        post=PostPublic.model_validate(done.post),
        site=done.record.site,
        remote_id=done.record.remote_id,
        remote_status=done.record.status,
        link=done.record.link,
    )


@router.post("/{post_id}/unpublish", response_model=PostPublic)
def unpublish(post_id: Id, session: SessionDep, _: Reviewer, settings: SettingsDep) -> PostPublic:
    """Turn the WordPress post back into a draft; the post is ready again."""
    post = publish.unpublish_post(session=session, post_id=post_id, settings=settings)
    return PostPublic.model_validate(post)
