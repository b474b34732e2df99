"""Test databases and users: fresh PostgreSQL databases, cache resets, users with tokens."""

import uuid
from collections.abc import Iterator

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlmodel import Session


def reset_caches() -> None:
    """Forget the process-wide settings, engine, registry and queue (after changing the environment)."""
    from app.config import get_settings
    from app.db import get_engine
    from app.drafting.providers import get_registry
    from app.queue import get_huey

    get_settings.cache_clear()
    get_engine.cache_clear()
    get_registry.cache_clear()
    get_huey.cache_clear()


def pg_database(admin_url: str) -> Iterator[str]:
    """A fresh PostgreSQL database on the server of admin_url; its URL, dropped afterwards."""
    name = f"wbtest_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        from app.db import get_engine

        get_engine.cache_clear()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def make_user(session: Session, name: str, role: str) -> str:
    """A user with that role; returns an API token for it."""
    from app.accounts.users import create_user, issue_token
    from app.models import UserCreate

    user = create_user(
        session=session, payload=UserCreate(username=name, role=role, password="secret-pass-1")
    )
    return issue_token(session=session, user=user, kind="api", name="test")
