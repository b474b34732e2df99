"""Revision 0006 on a populated database: existing URLs keyed, duplicates kept, the index holds (both databases)."""

import importlib.util

import pytest
from sqlalchemy import MetaData, select
from sqlalchemy.exc import IntegrityError

from alembic import command
from app.db import alembic_config, make_engine
from app.ingest.urls import source_url_key
from testkit.live import ROOT
from tests.migrations.population import BASE, at, populate
from tests.migrations.snapshot import assert_kept, assert_same, snapshot

MIGRATION = ROOT / "alembic" / "versions" / "20261202_0006_unique_source_url.py"

URLS = [
    "HTTP://Example.COM:80/a?utm_source=x#frag",
    "http://example.com/a",
    "https://EXAMPLE.com:443",
    "https://example.com:8443/A/?b=2&a=1&fbclid=zz&utm_Medium=q#x",
    "http://münchen.de/straße?q=ä b",
    "http://x.com/%c3%a4",
    "tass.com/x",
    "  ",
    "http://[::1]:80/x",
    "http://u:p@Host/x",
    "https://x.com/#!/a/b",
    "http://x.com:abc/",
    "https://x.com/" + "ж" * 500,
    "mailto:a@b.c",
]


def _frozen_rule():
    spec = importlib.util.spec_from_file_location("migration_0006", MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module._key


def test_the_migrations_frozen_rule_is_the_apps_rule():
    """When app.ingest.urls changes, stored keys need a new migration that re-keys them."""
    frozen = _frozen_rule()
    assert [frozen(u) for u in URLS] == [source_url_key(u) for u in URLS]


def _document(doc_id: int, url: str | None, minutes: int) -> dict:
    row = dict(
        BASE["document"][1],
        id=doc_id,
        source_url=url,
        content_hash=f"{doc_id:064d}",
        created_at=at(minutes),
        updated_at=at(minutes),
    )
    row.pop("source_text")
    return row


# id 1 (BASE, created at minute 10) is https://tass.com/politics/1.
EXTRA = [
    _document(3, "HTTPS://TASS.com:443/politics/1?utm_source=tg#top", 5),  # older than 1: it keeps the key
    _document(4, "https://Example.com/b?b=2&a=1&fbclid=x", 20),
    _document(5, "https://example.com/b?a=1&b=2", 21),  # another order: another page
    _document(6, "https://example.com/b?b=2&a=1", 30),  # a later duplicate of 4
    _document(7, None, 31),
]


def test_upgrade_keys_every_url_and_keeps_every_duplicate_row(db_url):
    populate(db_url, "0004")
    engine = make_engine(db_url)
    try:
        with engine.begin() as conn:
            meta = MetaData()
            meta.reflect(conn)
            conn.execute(meta.tables["document"].insert(), EXTRA)
        before = snapshot(db_url)
        cfg = alembic_config(db_url)
        command.upgrade(cfg, "0006")
        after = snapshot(db_url)
        assert_kept(before, after, "upgrade to 0006")  # source_url and every other column unchanged
        keys = {key[0]: row["source_url_key"] for key, row in after["document"].rows.items()}
        assert keys == {
            1: None,
            2: None,
            3: "https://tass.com/politics/1",
            4: "https://example.com/b?b=2&a=1",
            5: "https://example.com/b?a=1&b=2",
            6: None,
            7: None,
        }

        with engine.connect() as conn:
            meta = MetaData()
            meta.reflect(conn)
            document = meta.tables["document"]
            with pytest.raises(IntegrityError):
                conn.execute(document.insert(), [dict(_document(8, "x", 40), source_url_key=keys[4])])
            conn.rollback()
            conn.execute(
                document.insert(), [_document(8, "x", 40), _document(9, "y", 41)]
            )  # NULL keys repeat
            assert conn.execute(select(document.c.id).where(document.c.source_url_key.is_(None))).all()
            conn.rollback()

        command.downgrade(cfg, "-1")
        assert_same(before, snapshot(db_url), "0006 stepped down")
    finally:
        engine.dispose()
