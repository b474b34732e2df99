"""Translation jobs: one run of a translator over a document's segments."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Index, String, text
from sqlmodel import Field, SQLModel

from app.models.base import ts_field
from app.models.types import Timestamp


class JobStatus(StrEnum):
    queued = "queued"
    running = "running"
    done = "done"
    failed = "failed"


ACTIVE = "status IN ('queued', 'running')"


class TranslationJob(SQLModel, table=True):
    __tablename__ = "translation_job"
    # At most one queued or running job per document: a second "translate" click fails to insert.
    __table_args__ = (
        Index(
            "uq_translation_job_active_document",
            "document_id",
            unique=True,
            sqlite_where=text(ACTIVE),
            postgresql_where=text(ACTIVE),
        ),
    )
    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", index=True, ondelete="CASCADE")
    provider: str = Field(max_length=64)
    status: JobStatus = Field(default=JobStatus.queued, sa_type=String(16), index=True)
    only_failed: bool = False
    done: int = 0
    total: int = 0
    errors: int = 0
    tm_hits: int = 0  # segments drafted from the translation memory (exact matches) instead of MT
    error: str | None = Field(default=None, max_length=2000)
    # Tokens a language-model engine reported for this job (0 for other engines): what it cost.
    prompt_tokens: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    completion_tokens: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    attempts: int = 0
    worker: str | None = Field(default=None, max_length=200)
    created_by: str | None = Field(default=None, max_length=64)
    created_at: datetime = ts_field()
    started_at: datetime | None = ts_field(nullable=True, default_now=False)
    heartbeat_at: datetime | None = ts_field(nullable=True, default_now=False)
    finished_at: datetime | None = ts_field(nullable=True, default_now=False)


class JobPublic(SQLModel):
    id: int
    document_id: int
    provider: str
    status: JobStatus
    done: int
    total: int
    errors: int
    tm_hits: int = 0
    error: str | None
    prompt_tokens: int
    completion_tokens: int
    only_failed: bool
    attempts: int
    worker: str | None
    created_by: str | None
    created_at: Timestamp
    started_at: Timestamp | None
    finished_at: Timestamp | None
