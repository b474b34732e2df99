"""Shared fixtures: a fresh migrated database per test (SQLite, and PostgreSQL when configured)."""

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlmodel import Session

from testkit.offline import OFFLINE_ENV
from testkit.services import IN_CI, PG_URL, REDIS_URL, skip_or_fail  # noqa: F401 - re-exported for fixtures

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(autouse=True)
def _no_internet(monkeypatch):
    """Online engines point at a closed loopback port in every test (no DNS, no traffic out)."""
    for key, value in OFFLINE_ENV.items():
        monkeypatch.setenv(key, value)
    from app.translators import reachability

    reachability.forget()


def _reset_caches() -> None:
    from app.config import get_settings
    from app.db import get_engine
    from app.drafting.providers import get_registry
    from app.queue import get_huey

    get_settings.cache_clear()
    get_engine.cache_clear()
    get_registry.cache_clear()
    get_huey.cache_clear()


@pytest.fixture(scope="session")
def pg_admin_url() -> str:
    if not PG_URL:
        skip_or_fail("WERKBANK_TEST_POSTGRES_URL not set")
    return PG_URL


def _pg_database(admin_url: str) -> Iterator[str]:
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


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request, tmp_path) -> Iterator[str]:
    """A database URL for this test: a SQLite file, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'werkbank.db'}"
        return
    if not PG_URL:
        skip_or_fail("WERKBANK_TEST_POSTGRES_URL not set")
    yield from _pg_database(PG_URL)


@pytest.fixture
def settings(db_url, tmp_path, monkeypatch):
    """Settings pointing at this test's database and data dir; migrations applied."""
    monkeypatch.setenv("WERKBANK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("WERKBANK_DATABASE_URL", db_url)
    monkeypatch.setenv("WERKBANK_ALLOW_PRIVATE_URLS", "1")
    monkeypatch.setenv("WERKBANK_FETCH_TIMEOUT", "5")
    _reset_caches()
    from app.config import get_settings
    from app.db import get_engine, upgrade
    from app.queue import get_huey

    upgrade()
    get_huey().immediate = True  # tasks run inline in API tests; subprocess tests use a real consumer
    yield get_settings()
    get_engine().dispose()
    _reset_caches()


@pytest.fixture
def session(settings) -> Iterator[Session]:
    from app.db import get_engine

    with Session(get_engine()) as s:
        yield s


def _make_user(session: Session, name: str, role: str) -> str:
    from app.accounts.users import create_user, issue_token
    from app.models import UserCreate

    user = create_user(
        session=session, payload=UserCreate(username=name, role=role, password="secret-pass-1")
    )
    return issue_token(session=session, user=user, kind="api", name="test")


@pytest.fixture
def app(settings):
    from app.main import create_app

    return create_app()


@pytest.fixture
def anon(app):
    from fastapi.testclient import TestClient

    with TestClient(app) as c:
        yield c


@pytest.fixture
def tokens(session) -> dict[str, str]:
    return {role: _make_user(session, role, role) for role in ("admin", "editor", "translator")}


def _client(app, token: str):
    from fastapi.testclient import TestClient

    c = TestClient(app)
    c.headers["Authorization"] = f"Bearer {token}"
    return c


@pytest.fixture
def admin(app, tokens):
    with _client(app, tokens["admin"]) as c:
        yield c


@pytest.fixture
def editor(app, tokens):
    with _client(app, tokens["editor"]) as c:
        yield c


@pytest.fixture
def translator(app, tokens):
    with _client(app, tokens["translator"]) as c:
        yield c


@pytest.fixture(scope="session")
def tiny_packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The tiny en→de and ru→en .argosmodel files, built once per session."""
    from testkit.tiny_model import build_tiny_argos_package

    folder = tmp_path_factory.mktemp("tiny-packages")
    return {code: build_tiny_argos_package(folder, *code.split("-")) for code in ("en-de", "ru-en")}
