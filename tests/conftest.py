"""Shared fixtures: a fresh migrated database per test (SQLite, and PostgreSQL when configured)."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import Session

from testkit.database import make_user, pg_database, reset_caches
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


@pytest.fixture(scope="session")
def pg_admin_url() -> str:
    if not PG_URL:
        skip_or_fail("WERKBANK_TEST_POSTGRES_URL not set")
    return PG_URL


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request, tmp_path) -> Iterator[str]:
    """A database URL for this test: a SQLite file, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'werkbank.db'}"
        return
    if not PG_URL:
        skip_or_fail("WERKBANK_TEST_POSTGRES_URL not set")
    yield from pg_database(PG_URL)


@pytest.fixture
def settings(db_url, tmp_path, monkeypatch):
    """Settings pointing at this test's database and data dir; migrations applied."""
    monkeypatch.setenv("WERKBANK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("WERKBANK_DATABASE_URL", db_url)
    monkeypatch.setenv("WERKBANK_ALLOW_PRIVATE_URLS", "1")
    monkeypatch.setenv("WERKBANK_FETCH_TIMEOUT", "5")
    # Ingest works in the test's thread: an app's lifespan stops the ingest processes, and spawning
    # them for every API test costs seconds. Tests of the process pool set it (tests/ingest).
    monkeypatch.setenv("WERKBANK_INGEST_PROCESSES", "0")
    # The queue runs tasks inline in tests: match lists precomputed at every ingest would be part of
    # each test's reads. Tests of the precompute set it (tests/memory/test_precompute.py).
    monkeypatch.setenv("WERKBANK_TM_PRECOMPUTE", "0")
    reset_caches()
    from app.config import get_settings
    from app.db import get_engine, upgrade
    from app.queue import get_huey

    upgrade()
    get_huey().immediate = True  # tasks run inline in API tests; subprocess tests use a real consumer
    yield get_settings()
    get_engine().dispose()
    reset_caches()


@pytest.fixture
def session(settings) -> Iterator[Session]:
    from app.db import get_engine

    with Session(get_engine()) as s:
        yield s


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
    return {role: make_user(session, role, role) for role in ("admin", "editor", "translator")}


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
