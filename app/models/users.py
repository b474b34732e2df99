"""Users, roles and hashed auth tokens (browser sessions and API tokens)."""

from datetime import datetime
from enum import StrEnum

from pydantic import field_validator
from sqlalchemy import String
from sqlmodel import Field, SQLModel

from app.models.base import ts_field
from app.models.types import Timestamp


class Role(StrEnum):
    admin = "admin"
    editor = "editor"
    translator = "translator"


class UserBase(SQLModel):
    username: str = Field(min_length=1, max_length=64, unique=True, index=True)
    role: Role = Field(default=Role.translator, sa_type=String(16))


class User(UserBase, table=True):
    id: int | None = Field(default=None, primary_key=True)
    password_hash: str = Field(max_length=255)
    is_active: bool = True
    created_at: datetime = ts_field()


class UserCreate(UserBase):
    password: str = Field(min_length=8, max_length=256)

    @field_validator("username")
    @classmethod
    def _clean(cls, value: str) -> str:
        return value.strip()


class UserPublic(UserBase):
    id: int
    is_active: bool
    created_at: Timestamp


class AuthToken(SQLModel, table=True):
    __tablename__ = "auth_token"
    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True, ondelete="CASCADE")
    kind: str = Field(max_length=16)  # "session" or "api"
    name: str = Field(default="", max_length=128)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    created_at: datetime = ts_field()
    expires_at: datetime | None = ts_field(nullable=True, default_now=False)
