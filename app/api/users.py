"""User management (admins only)."""

from fastapi import APIRouter
from sqlmodel import select

from app.accounts.users import create_user
from app.api.deps import Admin, SessionDep
from app.models import User, UserCreate, UserPublic

router = APIRouter(prefix="/api/users", tags=["users"])


@router.get("", response_model=list[UserPublic])
def list_users(session: SessionDep, _: Admin) -> list[UserPublic]:
    """Every user."""
    return [UserPublic.model_validate(u) for u in session.exec(select(User).order_by(User.id))]


@router.post("", response_model=UserPublic, status_code=201)
def add_user(body: UserCreate, session: SessionDep, _: Admin) -> UserPublic:
    """Create a user with a role."""
    return UserPublic.model_validate(create_user(session=session, payload=body))
