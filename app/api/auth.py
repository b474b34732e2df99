"""Login, logout, who am I, API tokens."""

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field

from app.accounts.throttle import LoginThrottle
from app.accounts.users import authenticate, issue_token, revoke_token
from app.api.deps import SESSION_COOKIE, CurrentUser, SessionDep, SettingsDep, request_token
from app.models import UserPublic

router = APIRouter(prefix="/api/auth", tags=["auth"])


class LoginRequest(BaseModel):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=256)


class TokenRequest(BaseModel):
    name: str = Field(default="api", max_length=128)


class TokenResponse(BaseModel):
    token: str
    user: UserPublic


@router.post(
    "/login", response_model=TokenResponse, responses={429: {"description": "Too many failed logins"}}
)
def login(
    body: LoginRequest, request: Request, response: Response, session: SessionDep, settings: SettingsDep
) -> TokenResponse:
    """Check the password; set an HttpOnly session cookie and return the session token."""
    throttle: LoginThrottle = request.app.state.login_throttle
    keys = (f"user:{body.username.casefold()}", f"ip:{request.client.host if request.client else '-'}")
    throttle.attempt(*keys)  # counted before the password is checked: parallel guesses cannot race
    user = authenticate(session=session, username=body.username, password=body.password)
    throttle.succeeded(*keys)
    token = issue_token(session=session, user=user, kind="session", hours=settings.session_hours)
    response.set_cookie(
        SESSION_COOKIE,
        token,
        httponly=True,
        samesite="lax",
        secure=settings.cookie_secure,
        max_age=settings.session_hours * 3600,
        path="/",
    )
    return TokenResponse(token=token, user=UserPublic.model_validate(user))


@router.post("/logout", status_code=204)
def logout(request: Request, response: Response, session: SessionDep, user: CurrentUser) -> None:
    """Forget this session or token."""
    token = request_token(request)
    if token:
        revoke_token(session=session, token=token)
    response.delete_cookie(SESSION_COOKIE, path="/")


@router.get("/me", response_model=UserPublic)
def me(user: CurrentUser) -> UserPublic:
    """The logged-in user."""
    return UserPublic.model_validate(user)


@router.post("/tokens", response_model=TokenResponse, status_code=201)
def create_token(body: TokenRequest, session: SessionDep, user: CurrentUser) -> TokenResponse:
    """A new API token for the current user (shown once)."""
    token = issue_token(session=session, user=user, kind="api", name=body.name)
    return TokenResponse(token=token, user=UserPublic.model_validate(user))
