"""Migration 0008 on a populated database: counters backfilled, search index built, both kept by triggers."""

from sqlalchemy import text
from sqlmodel import Session, col, select

from alembic import command
from app.db import alembic_config, make_engine
from tests.migrations.population import populate

COUNTERS = (
    "segments_total, segments_new, segments_draft, segments_edited, segments_approved, segments_error, words"
)


def _counters(url: str) -> dict[int, tuple]:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(text(f"SELECT id, {COUNTERS} FROM document ORDER BY id")).all()
    finally:
        engine.dispose()
    return {row[0]: tuple(row[1:]) for row in rows}


def test_upgrade_backfills_counters_and_indexes_stored_text(db_url):
    populate(db_url, "0007")
    command.upgrade(alembic_config(db_url), "0008")
    # Document 1: approved, edited, new segments of 4 + 3 + 4 words; document 2: one failed segment.
    assert _counters(db_url) == {1: (3, 1, 0, 1, 1, 0, 11), 2: (1, 0, 0, 0, 0, 1, 2)}

    from app.documents.search import search
    from app.models import Document

    engine = make_engine(db_url)
    try:
        with Session(engine) as session:
            for q, want in [
                ("GENEV", [1]),
                ("перег", [2]),
                ("ПЕРЕГОВОРЫ", [2]),
                ("both met", [1]),
                ("zzz", []),
            ]:
                query, _ = search(select(col(Document.id)), dialect=engine.dialect.name, q=q)
                assert list(session.exec(query)) == want, q
            # A segment inserted after the upgrade is counted by the trigger, in its transaction.
            session.exec(
                text(
                    "INSERT INTO segment (id, document_id, position, kind, source_text, source_lang, mixed, status, "
                    "version, updated_at) VALUES (5, 2, 1, 'paragraph', 'Новые переговоры в Женеве.', 'ru', false, "
                    "'edited', 1, CURRENT_TIMESTAMP)"
                )
            )
            session.commit()
    finally:
        engine.dispose()
    assert _counters(db_url)[2] == (2, 0, 0, 1, 0, 1, 6)
