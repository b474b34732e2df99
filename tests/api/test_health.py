"""/api/health (liveness: no database, the site's time zone) and /api/ready (readiness: the database)."""

import pytest
from sqlalchemy import event


def test_health_names_the_default_zone(anon):
    body = anon.get("/api/health").json()
    assert body["timezone"] == "Europe/Berlin"
    assert body["status"] == "ok" and body["version"] and "database" not in body


def test_health_names_the_configured_zone(anon, monkeypatch):
    from app.config import get_settings

    monkeypatch.setenv("WERKBANK_TIMEZONE", "America/New_York")
    get_settings.cache_clear()
    assert anon.get("/api/health").json()["timezone"] == "America/New_York"


def test_health_runs_no_sql_and_ready_does(anon):
    from app.db import get_engine

    statements: list[str] = []

    def seen(conn, cursor, statement, *args) -> None:  # noqa: ANN001 - SQLAlchemy event signature
        statements.append(statement)

    event.listen(get_engine(), "before_cursor_execute", seen)
    try:
        assert anon.get("/api/health").status_code == 200
        assert statements == []
        r = anon.get("/api/ready")
        assert r.status_code == 200 and r.json()["database"] == "ok" and r.json()["status"] == "ok"
        assert statements  # SELECT 1 (and the pool's ping) really went to the database
    finally:
        event.remove(get_engine(), "before_cursor_execute", seen)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_ready_is_503_and_health_200_when_the_database_fails(anon):
    from app import db

    class Broken:
        def connect(self):
            raise ConnectionRefusedError("no database")

    with pytest.MonkeyPatch.context() as patch:  # undone before the fixtures' teardown uses the engine
        patch.setattr(db, "get_engine", lambda: Broken())
        r = anon.get("/api/ready")
        assert r.status_code == 503
        assert r.json()["status"] == "degraded" and r.json()["database"] == "error: ConnectionRefusedError"
        assert anon.get("/api/health").status_code == 200
