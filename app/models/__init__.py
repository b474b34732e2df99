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
from app.models.feeds import (
    Feed,
    FeedCreate,
    FeedEntry,
    FeedEntryPublic,
    FeedPublic,
    FeedUpdate,
    SourceChange,
    SourceChangePublic,
)
from app.models.jobs import JobPublic, JobStatus, TranslationJob
from app.models.posts import (
    Post,
    PostCreate,
    PostPublic,
    PostStatus,
    PostUpdate,
    PublishRecord,
)
from app.models.terms import Term, TermCreate, TermPublic, TermUpdate
from app.models.users import AuthToken, Role, User, UserCreate, UserPublic
from app.times import utcnow

__all__ = [
    "AuthToken",
    "Document",
    "DocumentCreate",
    "DocumentPublic",
    "DocumentStatus",
    "DocumentSummary",
    "Feed",
    "FeedCreate",
    "FeedEntry",
    "FeedEntryPublic",
    "FeedPublic",
    "FeedUpdate",
    "JobPublic",
    "JobStatus",
    "Post",
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
    "SourceChange",
    "SourceChangePublic",
    "Term",
    "TermCreate",
    "TermPublic",
    "TermUpdate",
    "TranslationJob",
    "User",
    "UserCreate",
    "UserPublic",
    "utcnow",
]
