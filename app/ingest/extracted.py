"""What extraction found in a page: metadata and blocks (no parser imports, so cheap to unpickle)."""

from dataclasses import dataclass, field
from datetime import datetime

from app.ingest.segment import Block


@dataclass
class Extracted:
    """What trafilatura found in a page."""

    title: str | None = None
    author: str | None = None
    published_at: datetime | None = None
    site_name: str | None = None
    blocks: list[Block] = field(default_factory=list)
