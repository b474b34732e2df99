"""User management (admins only)."""

from fastapi import APIRouter

from app.accounts import users as accounts
from app.api.deps import Admin, SessionDep
from app.models import UserCreate, UserPublic

router = APIRouter(prefix="/api/users", tags=["users"])


@router.get("", response_model=list[UserPublic])
def list_users(session: SessionDep, _: Admin) -> list[UserPublic]:
    """Every user."""
    return [UserPublic.model_validate(u) for u in accounts.list_users(session=session)]


@router.post("", response_model=UserPublic, status_code=201)
def add_user(body: UserCreate, session: SessionDep, _: Admin) -> UserPublic:
    """Create a user with a role."""
    return UserPublic.model_validate(accounts.create_user(session=session, payload=body))
