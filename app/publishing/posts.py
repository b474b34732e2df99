"""Posts: built from a document's approved segments; views for preview, export and publishing."""

from dataclasses import dataclass
from datetime import date, tzinfo

from sqlalchemy import and_, or_
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from app.config import Settings
from app.documents.reading import get_document, segments_of
from app.errors import Conflict, InvalidInput, NotFound
from app.exporters.types import PostView
from app.models import (
    Document,
    Post,
    PostCreate,
    PostStatus,
    PostUpdate,
    Segment,
    SegmentStatus,
    User,
    utcnow,
)
from app.publishing.excerpt import Excerpt, ExcerptSource, build_excerpt
from app.text.typography import slugify_de
from app.times import day_bounds


@dataclass
class PostRender:
    """A post as the exporters see it, plus the excerpt's quote statistics."""

    view: PostView
    excerpt: Excerpt


def get_post(*, session: Session, post_id: int) -> Post:
    """The post, or 404."""
    post = session.get(Post, post_id)
    if post is None:
        raise NotFound(f"No post {post_id}", code="post_not_found")
    return post


def _sources(segments: list[Segment]) -> list[ExcerptSource]:
    # A segment whose source changed after approval keeps its German in a post (with a warning,
    # see source_warnings) until it is approved again.
    return [ExcerptSource(s.id, s.position, s.kind, s.target_text or "", _usable(s)) for s in segments]


def _usable(seg: Segment) -> bool:
    if seg.status == SegmentStatus.approved:
        return True
    updated = seg.status in (SegmentStatus.source_changed, SegmentStatus.source_removed)
    return updated and bool((seg.target_text or "").strip())


def source_warnings(*, session: Session, post: Post) -> list[str]:
    """Warnings for selected segments whose source paragraph changed or went away after ingest."""
    chosen = set(post.segment_ids)
    segs = [s for s in segments_of(session=session, document_id=post.document_id) if s.id in chosen]
    changed = [s.position + 1 for s in segs if s.status == SegmentStatus.source_changed]
    removed = [s.position + 1 for s in segs if s.status == SegmentStatus.source_removed]
    out = []
    if changed:
        out.append(
            "Die Quelle wurde nach der Übernahme geändert (Absätze "
            f"{', '.join(map(str, changed))}): bitte prüfen und erneut freigeben."
        )
    if removed:
        out.append(f"Absätze {', '.join(map(str, removed))} stehen nicht mehr in der Quelle.")
    return out


def _excerpt(session: Session, post: Post, settings: Settings) -> Excerpt:
    segs = segments_of(session=session, document_id=post.document_id)
    return build_excerpt(
        segments=_sources(segs),
        selected_ids=list(post.segment_ids),
        continues=False if post.read_more else None,
        quote_budget=settings.quote_budget,
    )


def _default_title(session: Session, doc: Document) -> str:
    title = next((s for s in segments_of(session=session, document_id=doc.id) if s.kind == "title"), None)
    if title is None or title.status != SegmentStatus.approved or not (title.target_text or "").strip():
        raise InvalidInput(
            "Give a title or approve the document's German title segment", code="title_missing"
        )
    return title.target_text.strip()


def _unique_slug(session: Session, wanted: str, *, own_id: int | None = None) -> str:
    slug, n = wanted, 2
    while True:
        other = session.exec(select(Post.id).where(Post.slug == slug)).first()
        if other is None or other == own_id:
            return slug
        slug, n = f"{wanted[:190]}-{n}", n + 1


def create_post(*, session: Session, payload: PostCreate, user: User, settings: Settings) -> Post:
    """A draft post; unset fields default to the document's (title from its German title segment)."""
    doc = get_document(session=session, document_id=payload.document_id)
    data = payload.model_dump(exclude_unset=True, exclude={"document_id"})
    title = (data.get("title") or "").strip() or _default_title(session, doc)
    post = Post(
        document_id=doc.id,
        title=title,
        outlet=data.get("outlet", doc.outlet),
        source_url=data.get("source_url", doc.source_url),
        original_url=data.get("original_url", doc.original_url),
        slug=_unique_slug(session, data.get("slug") or slugify_de(title)),
        published_at=data.get("published_at") or utcnow(),
        created_by=user.username,
        **{
            k: v
            for k, v in data.items()
            if k not in {"title", "outlet", "source_url", "original_url", "slug", "published_at"}
            and v is not None
        },
    )
    _excerpt(session, post, settings)  # unapproved or foreign segments fail here with 422
    return _save(session, post)


def update_post(*, session: Session, post_id: int, payload: PostUpdate, settings: Settings) -> Post:
    """Change fields of a post; the excerpt selection is re-validated."""
    post = get_post(session=session, post_id=post_id)
    data = payload.model_dump(exclude_unset=True)
    if "title" in data and not (data["title"] or "").strip():
        raise InvalidInput("A post needs a title", code="title_missing")
    if data.get("slug"):
        data["slug"] = _unique_slug(session, slugify_de(data["slug"]), own_id=post.id)
    if "published_at" in data:
        data["published_at"] = data["published_at"] or post.published_at
    post.sqlmodel_update({k: v for k, v in data.items() if v is not None or k in _NULLABLE})
    post.updated_at = utcnow()
    _excerpt(session, post, settings)
    return _save(session, post)


_NULLABLE = {
    "outlet",
    "source_url",
    "source_label",
    "original_url",
    "original_label",
    "headline",
    "subtitle",
    "byline",
    "read_more_url",
    "full_original_line",
    "full_original_url",
    "credit",
}


def _save(session: Session, post: Post) -> Post:
    session.add(post)
    try:
        session.commit()
    except IntegrityError as exc:
        session.rollback()
        raise Conflict(f"Slug {post.slug!r} is taken", code="slug_taken") from exc
    session.refresh(post)
    return post


def set_status(*, session: Session, post_id: int, status: PostStatus) -> Post:
    """Move a post to ready (or back to draft)."""
    post = get_post(session=session, post_id=post_id)
    post.status = status
    post.updated_at = utcnow()
    return _save(session, post)


def mark_ready(*, session: Session, post_id: int, settings: Settings) -> Post:
    """Mark a post ready to publish; its excerpt must still be valid."""
    render(session=session, post=get_post(session=session, post_id=post_id), settings=settings)
    return set_status(session=session, post_id=post_id, status=PostStatus.ready)


def render(*, session: Session, post: Post, settings: Settings) -> PostRender:
    """The post as exporters and the publisher see it."""
    excerpt = _excerpt(session, post, settings)
    fields = {
        name: getattr(post, name)
        for name in (
            "id",
            "title",
            "outlet",
            "source_url",
            "source_label",
            "original_url",
            "original_label",
            "subtitle",
            "byline",
            "read_more",
            "read_more_url",
            "full_original_line",
            "credit",
            "slug",
            "document_id",
            "headline",
            "full_original_url",
        )
    }
    view = PostView(
        **fields,
        published_at=post.published_at,
        zone=settings.zone,
        blocks=excerpt.blocks,
        categories=list(post.categories),
        tags=list(post.tags),
        status=str(post.status),
    )
    return PostRender(view, excerpt)


def list_posts(
    *,
    session: Session,
    day: date | None = None,
    status: str | None = None,
    document_id: int | None = None,
    zone: tzinfo | None = None,
    after: tuple | None = None,
    limit: int | None = None,
) -> list[Post]:
    """Posts by publication time (a day in ``zone``, default the site's), oldest first.

    Keyset-paged on (published_at, id): `after` is the key of the last post of the previous page;
    `limit` rows at most (all when None).
    """
    query = select(Post)
    if document_id is not None:
        query = query.where(Post.document_id == document_id)
    if day:
        start, end = day_bounds(day, zone)
        query = query.where(col(Post.published_at) >= start, col(Post.published_at) < end)
    if status:
        query = query.where(Post.status == status)
    if after:
        at, post_id = after
        later = col(Post.published_at) > at
        query = query.where(or_(later, and_(col(Post.published_at) == at, col(Post.id) > post_id)))
    query = query.order_by(col(Post.published_at), col(Post.id))
    return list(session.exec(query if limit is None else query.limit(limit)))
