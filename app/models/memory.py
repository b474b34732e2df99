"""Translation memory: approved (or imported) source/German units and the word index that finds them."""

from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, WithJsonSchema
from sqlalchemy import Column, Index, Text
from sqlmodel import Field, SQLModel

from app.models.base import ts_field
from app.models.types import Timestamp


class TmUnit(SQLModel, table=True):
    """One remembered translation: from an approved segment (segment_id set) or a TMX import."""

    __tablename__ = "tm_unit"
    __table_args__ = (
        Index("ix_tm_unit_lang_exact", "source_lang", "exact_key"),
        Index("ix_tm_unit_lang_near", "source_lang", "near_key"),
        Index("ix_tm_unit_seq", "seq"),
    )
    id: int | None = Field(default=None, primary_key=True)
    segment_id: int | None = Field(
        default=None, foreign_key="segment.id", unique=True, nullable=True, ondelete="SET NULL"
    )
    document_id: int | None = Field(default=None, index=True)
    source_lang: str = Field(max_length=8)
    source_text: str = Field(sa_column=Column(Text, nullable=False))
    target_text: str = Field(sa_column=Column(Text, nullable=False))
    exact_key: str = Field(max_length=64)  # sha256 of the text after Unicode/whitespace normalisation
    near_key: str = Field(max_length=64)  # sha256 with case, digits and punctuation folded away
    outlet: str | None = Field(default=None, max_length=200)
    origin: str = Field(default="review", max_length=16)  # review | import
    approved_at: datetime = ts_field()
    approved_by: str | None = Field(default=None, max_length=64)
    # the memory's change count when the unit was written (tm_clock): what stored matches are stamped with
    seq: int = Field(default=0, sa_column_kwargs={"server_default": "0"})


class TmClock(SQLModel, table=True):
    """The memory's change count (one row): every write of units takes the next value, holding the row
    until commit, so units become visible in the order of their numbers."""

    __tablename__ = "tm_clock"
    id: int = Field(default=1, primary_key=True)
    seq: int = 0


class SegmentMatchState(SQLModel, table=True):
    """A segment's stored matches (`matches`: as the API shows them, with `unit_id`, best first) and what
    they were computed for: the text, the memory's change count, the lowest score and the list's length.
    `stored` entries were written to segment_match; fewer there now means a unit was removed."""

    __tablename__ = "segment_match_state"
    segment_id: int = Field(foreign_key="segment.id", primary_key=True, ondelete="CASCADE")
    text_key: str = Field(max_length=64)  # sha256 of language and source text
    seq: int
    min_score: int
    size: int
    stored: int
    matches: str = Field(sa_column=Column(Text, nullable=False))  # JSON: read as one value, not 5 joined rows


class SegmentMatch(SQLModel, table=True):
    """Which units a segment's stored matches show: a unit's removal removes its rows (and so tells)."""

    __tablename__ = "segment_match"
    segment_id: int = Field(foreign_key="segment.id", primary_key=True, ondelete="CASCADE")
    unit_id: int = Field(foreign_key="tm_unit.id", primary_key=True, index=True, ondelete="CASCADE")
    score: int
    kind: str = Field(max_length=8)


class TmWord(SQLModel, table=True):
    """How many units hold a word: the lookup probes the rarest words of a text first."""

    __tablename__ = "tm_word"
    word: str = Field(max_length=64, primary_key=True)
    units: int = 0


class TmPosting(SQLModel, table=True):
    """A word of a unit (each distinct word once): the candidate pre-filter of fuzzy lookups."""

    __tablename__ = "tm_posting"
    word: str = Field(max_length=64, primary_key=True)
    unit_id: int = Field(foreign_key="tm_unit.id", primary_key=True, index=True, ondelete="CASCADE")


# A plain pydantic model, not an SQLModel one: a document read validates a hundred of them, and
# SQLModel's construction hooks (for tables; this is none) tripled that cost.
class TmMatch(BaseModel):
    """A match for a segment: 100 exact, 99 near-exact (numbers, punctuation, case), else fuzzy."""

    score: int
    kind: str  # exact | near | fuzzy
    source_text: str
    target_text: str
    document_id: int | None
    outlet: str | None
    approved_at: Timestamp
    approved_by: str | None
    differences: list[dict[str, str]] = []


MatchForms = Annotated[
    list[dict[str, Any]],
    WithJsonSchema({"type": "array", "items": {"$ref": "#/components/schemas/TmMatch"}}),
]
"""Matches as the API shows TmMatch, already in their JSON form (app.memory.reads keeps them so): a
document read passes its segments' stored lists through instead of parsing, validating and writing
every match again (that round trip cost more than the read without matches did)."""


class TmImportResult(SQLModel):
    units: int
    skipped: int
    languages: dict[str, int]
