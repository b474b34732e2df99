"""Post-edit figures of machine (and memory) drafts, stored when such a segment is approved."""

from datetime import datetime

from sqlmodel import Field, SQLModel

from app.models.base import ts_field
from app.models.types import Timestamp


class PostEdit(SQLModel, table=True):
    """How far the approved text moved from the draft: one row per segment, its latest approval."""

    __tablename__ = "post_edit"
    id: int | None = Field(default=None, primary_key=True)
    segment_id: int = Field(foreign_key="segment.id", unique=True, ondelete="CASCADE")
    document_id: int = Field(index=True)
    provider: str = Field(max_length=64, index=True)
    source_lang: str = Field(max_length=8)
    outlet: str | None = Field(default=None, max_length=200)
    chrf: float  # chrF++ (sacrebleu, 0–100) of the draft against the approved text
    edit_rate: float  # character edits (Levenshtein) per character of the approved text
    unchanged: bool
    seconds: float | None = None  # from the draft's revision to the approval
    approved_at: datetime = ts_field(index=True)
    approved_by: str | None = Field(default=None, max_length=64)


class EngineStats(SQLModel):
    provider: str
    segments: int
    mean_chrf: float | None
    unchanged_share: float | None
    mean_edit_rate: float | None
    median_seconds: float | None


class EngineReport(SQLModel):
    providers: list[EngineStats]
    totals: EngineStats


class ActivityFigures(SQLModel):
    documents_ingested: int = 0
    segments_approved: int = 0
    posts_published: int = 0


class UserActivity(ActivityFigures):
    user: str


class DayActivity(ActivityFigures):
    day: str
    users: list[UserActivity] = []


class ActivityReport(SQLModel):
    since: Timestamp
    until: Timestamp
    timezone: str
    days: list[DayActivity]
    totals: ActivityFigures
