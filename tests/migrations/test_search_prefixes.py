"""Migration 0016 on a populated database: the FTS5 table rebuilt with prefix indexes of 2 to 8 characters."""

import sqlite3

from sqlmodel import Session, col, select

from alembic import command
from app.db import alembic_config, make_engine
from tests.migrations.population import populate

QUERIES = [
    ("GENEV", [1]),  # 5 letters: the prefix index of 5
    ("geneva", [1]),  # a whole word, 6 letters
    ("resum", [1]),
    ("перег", [2]),
    ("ПЕРЕГОВОРЫ", [2]),  # 10 letters: longer than every prefix index
    ("продолжилис", [2]),  # 11 letters, a prefix of the stored word
    ("both met", [1]),
    ("zzz", []),
]


def _found(url: str) -> dict[str, list[int]]:
    from app.documents.search import search
    from app.models import Document

    engine = make_engine(url)
    try:
        with Session(engine) as session:
            out = {}
            for q, _ in QUERIES:
                query, key = search(select(col(Document.id)), dialect=engine.dialect.name, q=q)
                out[q] = list(session.exec(query.order_by(key.desc())))
            return out
    finally:
        engine.dispose()


def _fts_sql(url: str) -> str | None:
    with sqlite3.connect(url.split("///", 1)[1]) as conn:
        row = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'document_fts'").fetchone()
    return row[0] if row else None


def test_upgrade_rebuilds_the_index_with_every_document_and_downgrade_restores_it(db_url):
    populate(db_url, "0015")
    cfg = alembic_config(db_url)
    want = dict(QUERIES)
    assert _found(db_url) == want
    command.upgrade(cfg, "0016")
    assert _found(db_url) == want
    if db_url.startswith("sqlite"):
        assert "prefix='2 3 4 5 6 7 8'" in _fts_sql(db_url)
    command.downgrade(cfg, "0015")
    assert _found(db_url) == want
    if db_url.startswith("sqlite"):
        assert "prefix='2 3'" in _fts_sql(db_url)


def test_prefix_queries_use_the_index_after_the_upgrade(tmp_path):
    """FTS5 reads a prefix of 4 to 8 characters from its own index: same rows as the merged doclists."""
    url = f"sqlite:///{tmp_path / 'p.db'}"
    populate(url, "0015")
    command.upgrade(alembic_config(url), "0016")
    with sqlite3.connect(tmp_path / "p.db") as conn:
        # 'integrity-check' compares every prefix index with the terms it is built from.
        conn.execute("INSERT INTO document_fts(document_fts) VALUES ('integrity-check')")
        conn.execute(
            "INSERT INTO document(id, title, source_lang, lang_confidence, lang_method, input_kind, "
            "content_hash, search_text, status, created_by, created_at, updated_at) SELECT 3, title, "
            "source_lang, lang_confidence, lang_method, input_kind, 'x' || content_hash, "
            "'которые переговорщики', status, created_by, created_at, updated_at FROM document WHERE id = 2"
        )
        conn.execute("INSERT INTO document_fts(document_fts) VALUES ('integrity-check')")
        for prefix, want in [("кото", [3]), ("которые", [3]), ("переговор", [3, 2]), ("переговорщ", [3])]:
            got = conn.execute(
                "SELECT rowid FROM document_fts WHERE document_fts MATCH ? ORDER BY rowid DESC",
                (f'"{prefix}"*',),
            ).fetchall()
            assert [r[0] for r in got] == want, prefix
