"""Revision 0005 on a populated database (SQLite and PostgreSQL): one active job per document."""

import pytest
from sqlalchemy import MetaData, select
from sqlalchemy.exc import IntegrityError

from alembic import command
from app.db import alembic_config, make_engine
from tests.migrations.population import at, populate
from tests.migrations.snapshot import assert_kept, snapshot


def _job(job_id: int, document_id: int, status: str, minutes: int) -> dict:
    return dict(
        id=job_id,
        document_id=document_id,
        provider="libretranslate",
        status=status,
        only_failed=False,
        done=0,
        total=3,
        errors=0,
        error=None,
        attempts=int(status == "running"),
        worker=None,
        created_by="admin",
        created_at=at(minutes),
        started_at=None,
        heartbeat_at=None,
        finished_at=None,
    )


# Document 1 got four active jobs from a double click before the constraint existed, document 2 one.
DUPLICATES = [
    _job(10, 1, "queued", 100),
    _job(11, 1, "running", 101),
    _job(12, 1, "queued", 102),
    _job(13, 1, "queued", 103),
    _job(14, 2, "queued", 104),
]


def _insert(url: str, rows: list[dict]) -> None:
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            meta = MetaData()
            meta.reflect(conn, only=["translation_job"])
            conn.execute(meta.tables["translation_job"].insert(), rows)
    finally:
        engine.dispose()


def _jobs(url: str) -> dict[int, dict]:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            meta = MetaData()
            meta.reflect(conn, only=["translation_job"])
            return {
                row["id"]: dict(row)
                for row in conn.execute(select(meta.tables["translation_job"])).mappings()
            }
    finally:
        engine.dispose()


def test_0005_keeps_the_running_or_newest_active_job_and_fails_the_rest(db_url):
    populate(db_url, "0004")
    _insert(db_url, DUPLICATES)
    before = snapshot(db_url)
    command.upgrade(alembic_config(db_url), "0005")
    jobs = _jobs(db_url)
    assert {i: jobs[i]["status"] for i in range(10, 15)} == {
        10: "failed",
        11: "running",
        12: "failed",
        13: "failed",
        14: "queued",
    }
    for i in (10, 12, 13):
        assert (
            jobs[i]["error"] == "Superseded by job 11: one active translation per document (migration 0005)"
        )
        assert jobs[i]["finished_at"] is not None
    after = snapshot(db_url)
    for i in (10, 12, 13):  # the only rows the upgrade may change
        del before["translation_job"].rows[(i,)], after["translation_job"].rows[(i,)]
    assert_kept(before, after, "upgrade 0004→0005")
    assert_kept(after, before, "upgrade 0004→0005")  # nothing added either

    with pytest.raises(IntegrityError):
        _insert(db_url, [_job(20, 2, "running", 110)])
    _insert(db_url, [_job(21, 2, "done", 111), _job(22, 2, "failed", 112), _job(23, 1, "done", 113)])

    command.downgrade(alembic_config(db_url), "0004")
    _insert(db_url, [_job(24, 2, "running", 114)])  # no constraint below 0005
    command.upgrade(alembic_config(db_url), "0005")
    jobs = _jobs(db_url)
    assert (jobs[14]["status"], jobs[24]["status"]) == ("failed", "running")
    assert jobs[14]["error"].startswith("Superseded by job 24")
