"""Blog posts built from a document's approved segments, and their publishing ledger."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, Column, String, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.models.base import ts_field
from app.models.types import CLIENT_RULE, ClientDatetime, DbId, Timestamp


class PostStatus(StrEnum):
    draft = "draft"
    ready = "ready"
    published = "published"


class PostFields(SQLModel):
    """What an editor sets on a post; every field optional on update."""

    title: str | None = Field(default=None, max_length=1000)
    outlet: str | None = Field(default=None, max_length=200)
    source_url: str | None = Field(default=None, max_length=2000)
    source_label: str | None = Field(default=None, max_length=100, description='e.g. "Quelle:"')
    original_url: str | None = Field(default=None, max_length=2000)
    original_label: str | None = Field(default=None, max_length=100, description='e.g. "ENGLISH"')
    headline: str | None = Field(default=None, max_length=1000)
    subtitle: str | None = Field(default=None, max_length=2000)
    byline: str | None = Field(default=None, max_length=500)
    published_at: ClientDatetime | None = Field(default=None, description=CLIENT_RULE)
    read_more: bool | None = None
    read_more_url: str | None = Field(default=None, max_length=2000)
    full_original_line: str | None = Field(default=None, max_length=500)
    full_original_url: str | None = Field(default=None, max_length=2000)
    credit: str | None = Field(default=None, max_length=500)
    slug: str | None = Field(default=None, max_length=200)


class PostCreate(PostFields):
    document_id: DbId
    segment_ids: list[DbId] = Field(default_factory=list)
    categories: list[str] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)


class PostUpdate(PostFields):
    segment_ids: list[DbId] | None = None
    categories: list[str] | None = None
    tags: list[str] | None = None


class Post(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", index=True, ondelete="CASCADE")
    title: str = Field(max_length=1000)
    outlet: str | None = Field(default=None, max_length=200)
    source_url: str | None = Field(default=None, max_length=2000)
    source_label: str | None = Field(default=None, max_length=100)
    original_url: str | None = Field(default=None, max_length=2000)
    original_label: str | None = Field(default=None, max_length=100)
    headline: str | None = Field(default=None, max_length=1000)
    subtitle: str | None = Field(default=None, sa_column=Column(Text))
    byline: str | None = Field(default=None, max_length=500)
    published_at: datetime = ts_field(index=True)
    segment_ids: list[int] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    read_more: bool = False
    read_more_url: str | None = Field(default=None, max_length=2000)
    full_original_line: str | None = Field(default=None, max_length=500)
    full_original_url: str | None = Field(default=None, max_length=2000)
    credit: str | None = Field(default=None, max_length=500)
    categories: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    tags: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    slug: str = Field(max_length=200, unique=True, index=True)
    status: PostStatus = Field(default=PostStatus.draft, sa_type=String(16), index=True)
    created_by: str | None = Field(default=None, max_length=64)
    created_at: datetime = ts_field()
    updated_at: datetime = ts_field()


class PostPublic(SQLModel):
    id: int
    document_id: int
    title: str
    outlet: str | None
    source_url: str | None
    source_label: str | None
    original_url: str | None
    original_label: str | None
    headline: str | None
    subtitle: str | None
    byline: str | None
    published_at: Timestamp
    segment_ids: list[int]
    read_more: bool
    read_more_url: str | None
    full_original_line: str | None
    full_original_url: str | None
    credit: str | None
    categories: list[str]
    tags: list[str]
    slug: str
    status: PostStatus
    created_by: str | None
    created_at: Timestamp
    updated_at: Timestamp


class PublishRecord(SQLModel, table=True):
    """Ledger: where a post was published, under which remote id and content hash.

    The row is also the post's lock for one site: `state` is "publishing" or "unpublishing" while
    the request holding `claim` (since `claimed_at`) talks to WordPress, "done" otherwise. `status`
    is the remote post's status ("pending" until a first publish has finished).
    """

    __tablename__ = "publish_record"
    __table_args__ = (UniqueConstraint("post_id", "site"),)
    id: int | None = Field(default=None, primary_key=True)
    post_id: int = Field(foreign_key="post.id", index=True, ondelete="CASCADE")
    site: str = Field(max_length=500)
    remote_id: int | None = None
    slug: str = Field(max_length=200)
    content_hash: str = Field(max_length=64)
    status: str = Field(max_length=16)
    link: str | None = Field(default=None, max_length=2000)
    updated_at: datetime = ts_field()
    state: str = Field(default="done", max_length=16, sa_column_kwargs={"server_default": "done"})
    claim: str | None = Field(default=None, max_length=32)
    claimed_at: datetime | None = ts_field(nullable=True, default_now=False)
