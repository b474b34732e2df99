"""Tables and their Create/Update/Public families."""

from app.models.documents import (
    Document,
    DocumentCreate,
    DocumentPublic,
    DocumentStatus,
    DocumentSummary,
    Revision,
    RevisionPublic,
    Segment,
    SegmentPublic,
    SegmentStatus,
)
from app.models.jobs import JobPublic, JobStatus, TranslationJob
from app.models.memory import TmImportResult, TmMatch, TmPosting, TmUnit, TmWord
from app.models.posts import (
    Post,
    PostCreate,
    PostPublic,
    PostStatus,
    PostUpdate,
    PublishRecord,
)
from app.models.stats import ActivityReport, EngineReport, EngineStats, PostEdit
from app.models.terms import Term, TermCreate, TermPublic, TermUpdate
from app.models.users import AuthToken, Role, User, UserCreate, UserPublic
from app.times import utcnow

__all__ = [
    "ActivityReport",
    "AuthToken",
    "Document",
    "DocumentCreate",
    "DocumentPublic",
    "DocumentStatus",
    "DocumentSummary",
    "EngineReport",
    "EngineStats",
    "JobPublic",
    "JobStatus",
    "Post",
    "PostEdit",
    "PostCreate",
    "PostPublic",
    "PostStatus",
    "PostUpdate",
    "PublishRecord",
    "Revision",
    "RevisionPublic",
    "Role",
    "Segment",
    "SegmentPublic",
    "SegmentStatus",
    "Term",
    "TermCreate",
    "TermPublic",
    "TermUpdate",
    "TmImportResult",
    "TmMatch",
    "TmPosting",
    "TmUnit",
    "TmWord",
    "TranslationJob",
    "User",
    "UserCreate",
    "UserPublic",
    "utcnow",
]
