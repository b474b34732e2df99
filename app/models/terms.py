"""Termbase entries that drive glossary protection in machine drafts."""

from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from app.models.base import ts_field
from app.models.types import Timestamp


class TermBase(SQLModel):
    source_lang: str = Field(min_length=2, max_length=8)
    source_term: str = Field(min_length=1, max_length=200)
    target_term: str = Field(min_length=1, max_length=200)
    note: str | None = Field(default=None, max_length=1000)
    case_sensitive: bool = False


class Term(TermBase, table=True):
    __table_args__ = (UniqueConstraint("source_lang", "source_term"),)
    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = ts_field()
    updated_at: datetime = ts_field()


class TermCreate(TermBase):
    pass


class TermUpdate(SQLModel):
    source_lang: str | None = Field(default=None, min_length=2, max_length=8)
    source_term: str | None = Field(default=None, min_length=1, max_length=200)
    target_term: str | None = Field(default=None, min_length=1, max_length=200)
    note: str | None = None
    case_sensitive: bool | None = None


class TermPublic(TermBase):
    id: int
    created_at: Timestamp
    updated_at: Timestamp
