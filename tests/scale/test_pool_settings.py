"""The PostgreSQL connection pool is sized by WERKBANK_DB_POOL_* settings; SQLite ignores them."""

import pytest
import sqlalchemy.exc

from testkit.database import reset_caches


@pytest.fixture
def pool_env(monkeypatch, tmp_path):
    monkeypatch.setenv("WERKBANK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("WERKBANK_DB_POOL_SIZE", "2")
    monkeypatch.setenv("WERKBANK_DB_MAX_OVERFLOW", "1")
    monkeypatch.setenv("WERKBANK_DB_POOL_TIMEOUT", "0.5")
    monkeypatch.setenv("WERKBANK_DB_POOL_RECYCLE", "600")
    monkeypatch.setenv("WERKBANK_DB_POOL_PRE_PING", "false")
    reset_caches()
    yield monkeypatch
    reset_caches()


def test_postgres_pool_follows_the_settings(pool_env, pg_admin_url):
    from app.db import get_engine

    pool_env.setenv("WERKBANK_DATABASE_URL", pg_admin_url)
    engine = get_engine()
    try:
        assert engine.pool.size() == 2 and engine.pool._recycle == 600 and engine.pool._pre_ping is False
        held = [engine.connect() for _ in range(3)]  # pool size + overflow
        with pytest.raises(sqlalchemy.exc.TimeoutError):
            engine.connect()  # a fourth waits WERKBANK_DB_POOL_TIMEOUT, then gives up
        for conn in held:
            conn.close()
    finally:
        engine.dispose()


def test_sqlite_ignores_the_pool_settings(pool_env, tmp_path):
    from app.db import get_engine

    pool_env.setenv("WERKBANK_DATABASE_URL", f"sqlite:///{tmp_path / 'w.db'}")
    engine = get_engine()
    held = [engine.connect() for _ in range(5)]
    assert len(held) == 5
    for conn in held:
        conn.close()
    engine.dispose()
