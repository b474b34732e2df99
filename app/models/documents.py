"""Documents, their segments and every segment's revisions."""

from datetime import datetime
from enum import StrEnum

from pydantic import field_validator, model_validator
from sqlalchemy import JSON, Column, Index, String, Text, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from app.models.base import counter_field, ts_field
from app.models.memory import MatchForms
from app.models.types import CLIENT_RULE, ClientDatetime, Timestamp, UTCDateTime
from app.qa.base import QAIssue


class DocumentStatus(StrEnum):
    ingested = "ingested"
    translating = "translating"
    in_review = "in_review"
    approved = "approved"


class SegmentStatus(StrEnum):
    new = "new"
    draft = "draft"
    edited = "edited"
    approved = "approved"
    error = "error"
    source_changed = "source_changed"  # its source paragraph changed after ingest (refetch)
    source_removed = "source_removed"  # its source paragraph is gone from the article (refetch)


class DocumentMeta(SQLModel):
    title: str | None = Field(default=None, max_length=1000)
    outlet: str | None = Field(default=None, max_length=200)
    source_url: str | None = Field(default=None, max_length=2000)
    original_url: str | None = Field(default=None, max_length=2000)
    author: str | None = Field(default=None, max_length=500)
    published_at: datetime | None = Field(default=None, sa_type=UTCDateTime())


class DocumentCreate(DocumentMeta):
    """Ingest payload: exactly one of text, html, url."""

    published_at: ClientDatetime | None = Field(default=None, description=CLIENT_RULE)
    text: str | None = None
    html: str | None = None
    url: str | None = Field(default=None, max_length=2000)
    source_lang: str | None = Field(default=None, max_length=8)
    force: bool = Field(default=False, description="Ingest an HTML page or URL even if it is not an article")

    @model_validator(mode="after")
    def _exactly_one_source(self) -> "DocumentCreate":
        given = [k for k in ("text", "html", "url") if getattr(self, k) is not None]
        if len(given) != 1:
            from app.errors import InvalidInput

            raise InvalidInput(
                "Give exactly one of text, html, url",
                code="ambiguous_source" if given else "missing_source",
                given=given,
            )
        return self


class Document(DocumentMeta, table=True):
    # One document per source URL: the key is the URL spelled by app.ingest.urls (partial: NULL repeats).
    __table_args__ = (
        Index(
            "uq_document_source_url_key",
            "source_url_key",
            unique=True,
            sqlite_where=text("source_url_key IS NOT NULL"),
            postgresql_where=text("source_url_key IS NOT NULL"),
        ),
    )
    id: int | None = Field(default=None, primary_key=True)
    source_url_key: str | None = Field(default=None, max_length=2000)
    site_name: str | None = Field(default=None, max_length=200)
    source_lang: str = Field(max_length=8, index=True)
    lang_confidence: float = 1.0
    lang_method: str = Field(default="", max_length=32)
    input_kind: str = Field(max_length=8)
    content_hash: str = Field(max_length=64, unique=True, index=True)
    search_text: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    status: DocumentStatus = Field(default=DocumentStatus.ingested, sa_type=String(16), index=True)
    provider: str | None = Field(default=None, max_length=64)
    created_by: str | None = Field(default=None, max_length=64)
    created_at: datetime = ts_field(index=True)
    updated_at: datetime = ts_field()
    source_checked_at: datetime | None = ts_field(default_now=False, nullable=True)
    source_changed_at: datetime | None = ts_field(default_now=False, nullable=True)
    # Kept by database triggers in the transaction of every segment write (migration 0008);
    # `werkbank db recount` rebuilds them.
    segments_total: int = counter_field()
    segments_new: int = counter_field()
    segments_draft: int = counter_field()
    segments_edited: int = counter_field()
    segments_approved: int = counter_field()
    segments_error: int = counter_field()
    segments_source_changed: int = counter_field()
    segments_source_removed: int = counter_field()
    words: int = counter_field()


QA_MISSING = "qa IS NULL AND target_text IS NOT NULL"  # rows from before QA (app.documents.qa_backfill)


class Segment(SQLModel, table=True):
    __table_args__ = (
        UniqueConstraint("document_id", "position"),
        Index(
            "ix_segment_qa_missing", "id", sqlite_where=text(QA_MISSING), postgresql_where=text(QA_MISSING)
        ),
    )
    id: int | None = Field(default=None, primary_key=True)
    # No index of its own: the unique (document_id, position) index leads with it (migration 0017).
    document_id: int = Field(foreign_key="document.id", ondelete="CASCADE")
    position: int
    kind: str = Field(max_length=16)  # title | heading | paragraph
    source_text: str = Field(sa_column=Column(Text, nullable=False))
    source_lang: str = Field(max_length=8)
    mixed: bool = False
    draft_text: str | None = Field(default=None, sa_column=Column(Text))
    draft_provider: str | None = Field(default=None, max_length=64)
    draft_job_id: int | None = Field(default=None, index=True)
    target_text: str | None = Field(default=None, sa_column=Column(Text))
    status: SegmentStatus = Field(default=SegmentStatus.new, sa_type=String(16))
    error: str | None = Field(default=None, max_length=1000)
    notes: str | None = Field(default=None, sa_column=Column(Text))
    # The QA issues of the current text (app.qa), written with every change; NULL: not computed yet
    # (rows from before QA existed), filled in when read (app.documents.quality).
    qa: list[dict] | None = Field(default=None, sa_column=Column(JSON(none_as_null=True)))
    previous_source_text: str | None = Field(default=None, sa_column=Column(Text))
    version: int = 1
    updated_at: datetime = ts_field()
    updated_by: str | None = Field(default=None, max_length=64)


class Revision(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    segment_id: int = Field(foreign_key="segment.id", index=True, ondelete="CASCADE")
    version: int
    kind: str = Field(max_length=16)  # machine | edit | approve | reopen | revert | ingest
    text: str | None = Field(default=None, sa_column=Column(Text))
    provider: str | None = Field(default=None, max_length=64)
    user: str | None = Field(default=None, max_length=64)
    reason: str | None = Field(default=None, max_length=1000)  # why it was approved despite QA errors
    created_at: datetime = ts_field()


class SegmentPublic(SQLModel):
    id: int
    document_id: int
    position: int
    kind: str
    source_text: str
    source_lang: str
    mixed: bool
    draft_text: str | None
    draft_provider: str | None
    target_text: str | None
    status: SegmentStatus
    error: str | None
    notes: str | None = None
    qa: list[QAIssue] = []
    previous_source_text: str | None = None
    version: int
    updated_at: Timestamp
    updated_by: str | None
    # Only with GET /api/documents/{id}?include=matches: the best memory matches (else null; null there
    # too while the segment's list is not computed yet), each a TmMatch in its JSON form
    matches: MatchForms | None = None

    @field_validator("qa", mode="before")
    @classmethod
    def _not_computed_is_empty(cls, value: object) -> object:
        return [] if value is None else value


class RevisionPublic(SQLModel):
    id: int
    segment_id: int
    version: int
    kind: str
    text: str | None
    provider: str | None
    user: str | None
    reason: str | None = None
    created_at: Timestamp


class DocumentSummary(DocumentMeta):
    id: int
    published_at: Timestamp | None = None
    site_name: str | None
    source_lang: str
    lang_confidence: float
    input_kind: str
    status: DocumentStatus
    provider: str | None
    created_by: str | None
    created_at: Timestamp
    updated_at: Timestamp
    source_checked_at: Timestamp | None = None
    source_changed_at: Timestamp | None = None
    segments_total: int = 0
    segments_new: int = 0
    segments_draft: int = 0
    segments_edited: int = 0
    segments_approved: int = 0
    segments_error: int = 0
    segments_source_changed: int = 0
    segments_source_removed: int = 0
    words: int = Field(default=0, description="Words of the source text (whitespace-separated).")


class DocumentPublic(DocumentSummary):
    segments: list[SegmentPublic] = []


class SegmentQA(SQLModel):
    """The QA issues of one segment, as GET /api/documents/{id}/qa lists them."""

    segment_id: int
    position: int
    status: SegmentStatus
    version: int
    qa: list[QAIssue]


class DocumentQA(SQLModel):
    """Every segment's QA issues, counted by severity."""

    document_id: int
    errors: int
    warnings: int
    segments: list[SegmentQA]
