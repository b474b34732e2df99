"""Annotated dependencies shared by every router: database session, current user, roles, ids."""

from collections.abc import AsyncIterator, Callable
from typing import Annotated

from fastapi import Depends, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from sqlmodel import Session

from app.accounts.users import user_for_token
from app.config import Settings, get_settings
from app.db import get_session
from app.errors import Forbidden, Unauthorized
from app.models import Role, User
from app.models.types import ID_RULE, MAX_ID

SESSION_COOKIE = "werkbank_session"
Id = Annotated[int, Path(ge=1, le=MAX_ID, description=ID_RULE)]
"""Every `{…_id}` path parameter: out of the id columns' range is a 422 before any query runs."""
IdFilter = Annotated[int | None, Query(ge=1, le=MAX_ID, description=ID_RULE)]
"""An optional id query parameter (e.g. `?document_id=`), bounded the same way."""
SettingsDep = Annotated[Settings, Depends(get_settings)]


async def request_session() -> AsyncIterator[Session]:
    """One session per request (app.db.get_session), opened and closed on the event loop if no I/O.

    A session holds no connection before its first statement nor after its commit, so the usual
    write route is spared the two hand-offs to a worker thread a sync dependency costs (each a wait
    for the scheduler on a busy machine). A session still in a transaction (reads, errors) is
    closed in a worker thread: closing rolls back on its connection.
    """
    sessions = get_session()
    session = next(sessions)
    try:
        yield session
    finally:
        if session.in_transaction():
            await run_in_threadpool(sessions.close)
        else:
            sessions.close()


SessionDep = Annotated[Session, Depends(request_session)]


def request_token(request: Request) -> str | None:
    """The bearer token or the session cookie of a request."""
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip() or None
    return request.cookies.get(SESSION_COOKIE)


def current_user(request: Request, session: SessionDep) -> User:
    """The authenticated user, or 401."""
    token = request_token(request)
    user = user_for_token(session=session, token=token) if token else None
    if user is None:
        raise Unauthorized("Log in or send a bearer token", code="unauthorized")
    return user


CurrentUser = Annotated[User, Depends(current_user)]


def require_role(*roles: Role) -> Callable[[User], User]:
    """Dependency factory: the current user must hold one of the roles."""

    def check(user: CurrentUser) -> User:
        if user.role not in roles:
            allowed = ", ".join(r.value for r in roles)
            raise Forbidden(f"Needs role {allowed}", code="forbidden", role=user.role)
        return user

    return check


Reviewer = Annotated[User, Depends(require_role(Role.admin, Role.editor))]
Admin = Annotated[User, Depends(require_role(Role.admin))]
