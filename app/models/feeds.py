"""Feed subscriptions, what each feed entry became, and the recorded source changes of documents."""

from datetime import datetime
from typing import Any

from pydantic import field_validator
from sqlalchemy import JSON, Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.models.base import ts_field
from app.models.types import Timestamp

MIN_INTERVAL = 5
MAX_INTERVAL = 7 * 24 * 60


class FeedSettings(SQLModel):
    """What an editor chooses for a feed (shared by create, update and the table)."""

    outlet: str = Field(min_length=1, max_length=200)
    source_lang: str | None = Field(default=None, max_length=8)
    provider: str | None = Field(default=None, max_length=64)
    auto_translate: bool = False
    interval_minutes: int = Field(default=15, ge=MIN_INTERVAL, le=MAX_INTERVAL)


class FeedCreate(FeedSettings):
    url: str = Field(min_length=1, max_length=2000)
    categories: list[str] = Field(default_factory=list, max_length=20)

    @field_validator("categories")
    @classmethod
    def _short(cls, value: list[str]) -> list[str]:
        if any(len(c) > 100 for c in value):
            raise ValueError("a category has at most 100 characters")
        return value


class FeedUpdate(SQLModel):
    outlet: str | None = Field(default=None, min_length=1, max_length=200)
    source_lang: str | None = Field(default=None, max_length=8)
    provider: str | None = Field(default=None, max_length=64)
    auto_translate: bool | None = None
    interval_minutes: int | None = Field(default=None, ge=MIN_INTERVAL, le=MAX_INTERVAL)
    categories: list[str] | None = Field(default=None, max_length=20)
    paused: bool | None = None


class Feed(FeedSettings, table=True):
    # One subscription per feed URL (the key is the URL spelled by app.ingest.urls).
    id: int | None = Field(default=None, primary_key=True)
    url: str = Field(max_length=2000)
    url_key: str = Field(max_length=2000, unique=True)
    categories: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    paused: bool = False
    etag: str | None = Field(default=None, max_length=500)
    last_modified: str | None = Field(default=None, max_length=200)
    last_polled_at: datetime | None = ts_field(default_now=False, nullable=True)
    last_status: str = Field(default="never", max_length=32)  # never | ok | partial | not_modified | error
    last_error: str | None = Field(default=None, max_length=1000)
    last_error_code: str | None = Field(default=None, max_length=64)
    failures: int = 0
    next_poll_at: datetime | None = ts_field(default_now=False, nullable=True, index=True)
    # The lease: the poll holding it (a random token) and until when; an expired lease is taken over.
    lease_owner: str | None = Field(default=None, max_length=64)
    lease_until: datetime | None = ts_field(default_now=False, nullable=True)
    created_by: str | None = Field(default=None, max_length=64)
    created_at: datetime = ts_field()
    updated_at: datetime = ts_field()


class FeedPublic(FeedSettings):
    id: int
    url: str
    categories: list[str]
    paused: bool
    last_polled_at: Timestamp | None
    last_status: str
    last_error: str | None
    last_error_code: str | None
    failures: int
    next_poll_at: Timestamp | None
    created_by: str | None
    created_at: Timestamp
    entries_total: int = 0
    documents_total: int = 0
    errors_total: int = 0


class FeedEntry(SQLModel, table=True):
    """One item of a feed, stored once per feed (unique key), and what it became."""

    __tablename__ = "feed_entry"
    __table_args__ = (
        UniqueConstraint("feed_id", "entry_key", name="uq_feed_entry_key"),
        Index("ix_feed_entry_document_id", "document_id"),
    )
    id: int | None = Field(default=None, primary_key=True)
    feed_id: int = Field(foreign_key="feed.id", index=True, ondelete="CASCADE")
    entry_key: str = Field(max_length=2000)
    link: str | None = Field(default=None, max_length=2000)
    title: str | None = Field(default=None, max_length=1000)
    published_at: datetime | None = ts_field(default_now=False, nullable=True)
    outcome: str = Field(default="pending", max_length=16)  # pending | new | existing | error
    error_code: str | None = Field(default=None, max_length=64)
    error_message: str | None = Field(default=None, max_length=1000)
    attempts: int = 0
    document_id: int | None = Field(default=None, foreign_key="document.id", ondelete="SET NULL")
    listed: bool = True  # still in the feed at its last successful read
    first_seen_at: datetime = ts_field()
    last_seen_at: datetime = ts_field()


class FeedEntryPublic(SQLModel):
    id: int
    feed_id: int
    link: str | None
    title: str | None
    published_at: Timestamp | None
    outcome: str
    error_code: str | None
    error_message: str | None
    attempts: int
    document_id: int | None
    listed: bool
    first_seen_at: Timestamp
    last_seen_at: Timestamp


class SourceChange(SQLModel, table=True):
    """One refetch that found the article's text changed: the paragraph-level diff."""

    __tablename__ = "source_change"
    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", index=True, ondelete="CASCADE")
    changes: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    summary: str | None = Field(default=None, sa_column=Column(Text))
    created_by: str | None = Field(default=None, max_length=64)
    created_at: datetime = ts_field()


class SourceChangePublic(SQLModel):
    id: int
    document_id: int
    changes: list[dict[str, Any]]
    created_by: str | None
    created_at: Timestamp
