"""SQLite writers queue on the process's writer lock and give it back whenever their transaction ends."""

import threading
import time

import pytest
from sqlalchemy import text

from app.db import make_engine
from app.sqlite_writer import writer_lock


@pytest.fixture
def engine(tmp_path):
    eng = make_engine(f"sqlite:///{tmp_path / 'w.db'}")
    with eng.begin() as conn:
        conn.execute(text("CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)"))
        conn.execute(text("INSERT INTO counter VALUES (1, 0)"))
    yield eng
    eng.dispose()


def _lock(engine):
    return writer_lock(engine.url.database)


def test_a_write_holds_the_lock_until_commit_and_reads_never_take_it(engine):
    with engine.connect() as conn:
        conn.execute(text("SELECT n FROM counter")).all()
        assert not _lock(engine).locked()
        conn.execute(text("UPDATE counter SET n = n + 1"))
        assert _lock(engine).locked()
        conn.commit()
        assert not _lock(engine).locked()


def test_rollback_and_a_failed_statement_give_the_lock_back(engine):
    with engine.connect() as conn:
        conn.execute(text("UPDATE counter SET n = 5"))
        with pytest.raises(Exception, match="UNIQUE"):
            conn.execute(text("INSERT INTO counter VALUES (1, 0)"))
        conn.rollback()
    assert not _lock(engine).locked()
    with engine.connect() as conn:
        assert conn.execute(text("SELECT n FROM counter")).scalar_one() == 0


def test_a_connection_returned_to_the_pool_mid_transaction_gives_the_lock_back(engine):
    conn = engine.connect()
    conn.execute(text("UPDATE counter SET n = 7"))
    assert _lock(engine).locked()
    conn.close()  # the pool resets it with a rollback
    assert not _lock(engine).locked()


def test_autocommit_writes_do_not_keep_the_lock(engine):
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("UPDATE counter SET n = 3"))
        assert not _lock(engine).locked()


def test_a_second_writer_waits_for_the_first_commit_and_then_goes_on(engine):
    order = []
    first_wrote = threading.Event()

    def first():
        with engine.connect() as conn:
            conn.execute(text("UPDATE counter SET n = n + 1"))
            first_wrote.set()
            time.sleep(0.3)  # the second writer is waiting meanwhile
            order.append("first commits")
            conn.commit()

    def second():
        first_wrote.wait()
        with engine.connect() as conn:
            conn.execute(text("UPDATE counter SET n = n * 10"))
            order.append("second wrote")
            conn.commit()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert order == ["first commits", "second wrote"]
    with engine.connect() as conn:
        assert conn.execute(text("SELECT n FROM counter")).scalar_one() == 10


def test_many_threads_writing_at_once_lose_no_increment(engine):
    def work():
        for _ in range(40):
            with engine.begin() as conn:
                conn.execute(text("UPDATE counter SET n = n + 1"))
                conn.execute(text("SELECT n FROM counter")).scalar_one()

    threads = [threading.Thread(target=work) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with engine.connect() as conn:
        total = conn.execute(text("SELECT n FROM counter")).scalar_one()
    assert not _lock(engine).locked()
    assert total == 240
