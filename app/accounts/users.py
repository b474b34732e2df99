"""Users, logins, sessions and API tokens."""

from datetime import timedelta

from sqlalchemy import delete, or_
from sqlmodel import Session, col, select

from app.accounts.security import hash_password, hash_token, new_password, new_token, verify_password
from app.accounts.throttle import LoginThrottle
from app.errors import Conflict, NotFound, Unauthorized
from app.models import AuthToken, Role, User, UserCreate, utcnow


def create_user(*, session: Session, payload: UserCreate) -> User:
    """Create a user; usernames are unique."""
    if session.exec(select(User).where(User.username == payload.username)).first():
        raise Conflict(f"User {payload.username!r} exists", code="user_exists")
    user = User(username=payload.username, role=payload.role, password_hash=hash_password(payload.password))
    session.add(user)
    session.commit()
    session.refresh(user)
    return user


def list_users(*, session: Session) -> list[User]:
    """Every user, oldest first."""
    return list(session.exec(select(User).order_by(User.id)))


def get_user(*, session: Session, username: str) -> User:
    """The user of that name, or 404."""
    user = session.exec(select(User).where(User.username == username)).first()
    if user is None:
        raise NotFound(f"No user {username!r}", code="user_not_found")
    return user


def authenticate(*, session: Session, username: str, password: str) -> User:
    """The active user whose password matches, or 401."""
    user = session.exec(select(User).where(User.username == username)).first()
    ok = verify_password(password, user.password_hash if user else None)
    if not ok or user is None or not user.is_active:
        raise Unauthorized("Wrong username or password", code="bad_credentials")
    return user


def log_in(
    *, session: Session, throttle: LoginThrottle, username: str, password: str, client: str, hours: int
) -> tuple[User, str]:
    """Check the password under the throttle (per name and client address); the user and a session token."""
    keys = (f"user:{username.casefold()}", f"ip:{client}")
    throttle.attempt(*keys)  # counted before the password is checked: parallel guesses cannot race
    user = authenticate(session=session, username=username, password=password)
    throttle.succeeded(*keys)
    return user, issue_token(session=session, user=user, kind="session", hours=hours)


def issue_token(*, session: Session, user: User, kind: str, name: str = "", hours: int | None = None) -> str:
    """Store a new token's hash and return the token itself (shown once)."""
    token = new_token()
    expires = utcnow() + timedelta(hours=hours) if hours else None
    session.add(
        AuthToken(user_id=user.id, kind=kind, name=name, token_hash=hash_token(token), expires_at=expires)
    )
    session.commit()
    return token


def user_for_token(*, session: Session, token: str) -> User | None:
    """The active user a token belongs to, if the token is known and not expired: one query."""
    unexpired = or_(col(AuthToken.expires_at).is_(None), col(AuthToken.expires_at) >= utcnow())
    query = (
        select(User)
        .join(AuthToken, col(AuthToken.user_id) == col(User.id))
        .where(col(AuthToken.token_hash) == hash_token(token), col(User.is_active), unexpired)
    )
    return session.exec(query).first()


def revoke_token(*, session: Session, token: str) -> None:
    """Forget a token (logout)."""
    session.exec(delete(AuthToken).where(AuthToken.token_hash == hash_token(token)))
    session.commit()


def ensure_first_admin(*, session: Session) -> str | None:
    """Create `admin` with a one-time password when there are no users; return that password."""
    if session.exec(select(User.id)).first() is not None:
        return None
    password = new_password()
    create_user(session=session, payload=UserCreate(username="admin", role=Role.admin, password=password))
    return password
