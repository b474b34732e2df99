"""Migration 0017 on a populated database: the redundant segment index dropped and restored; the
counters stay exact (against a recount) for every kind of segment write, up and down.
"""

from sqlalchemy import inspect, text
from sqlmodel import Session

from alembic import command
from app.db import alembic_config, make_engine
from testkit.samples import EN, RU
from tests.migrations.population import populate

COUNTERS = (
    "status, segments_total, segments_new, segments_draft, segments_edited, segments_approved, "
    "segments_error, segments_source_changed, segments_source_removed, words"
)


def _prepared(body: str):
    from app.config import Settings
    from app.ingest.pipeline import prepare, source_of
    from app.ingest.work import work_many
    from app.models import DocumentCreate

    settings = Settings()
    payload = DocumentCreate(text=body)
    (worked,) = work_many([source_of(payload, settings)])
    return prepare(payload=payload, user=None, settings=settings, url_key=None, worked=worked)


def _counters(session: Session) -> dict[int, tuple]:
    rows = session.execute(text(f"SELECT id, {COUNTERS} FROM document ORDER BY id"))
    return {row[0]: tuple(row[1:]) for row in rows}


def _writes_are_counted_exactly(url: str, body: str) -> int:
    """One transaction of every kind of segment write; the counters equal a recount. The new document."""
    from app.documents.counters import recount
    from app.ingest.store import insert_documents

    engine = make_engine(url)
    try:
        with Session(engine) as session:
            if engine.dialect.name == "postgresql":  # the population wrote explicit ids
                for table in ("document", "segment"):
                    session.execute(
                        text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), max(id)) FROM {table}")
                    )
            (new_id,) = insert_documents(session, [_prepared(body)])  # precounted on PostgreSQL
            position = session.execute(text("SELECT max(position) + 1 FROM segment WHERE document_id = 2"))
            session.execute(
                text(
                    "INSERT INTO segment (document_id, position, kind, source_text, source_lang, mixed, "
                    "status, version, updated_at) VALUES (2, :pos, 'paragraph', 'Ещё одна встреча.', 'ru', "
                    "false, 'new', 1, CURRENT_TIMESTAMP)"
                ),
                {"pos": position.scalar_one()},
            )
            first = session.execute(text("SELECT min(id) FROM segment WHERE document_id = 1")).scalar_one()
            session.execute(text("UPDATE segment SET status = 'approved' WHERE id = :id"), {"id": first})
            session.execute(text("DELETE FROM segment WHERE document_id = 1 AND id <> :id"), {"id": first})
            session.commit()
            kept = _counters(session)
            assert kept[new_id][1] > 2 and kept[1][1] == 1 and kept[2][1] >= 2
            recount(session=session)
            assert _counters(session) == kept
            return new_id
    finally:
        engine.dispose()


def _indexes(url: str) -> set[str]:
    """The segment table's plain indexes; and its unique (document_id, position) is still there."""
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            unique = [uq["column_names"] for uq in inspect(conn).get_unique_constraints("segment")]
            assert ["document_id", "position"] in unique
            return {ix["name"] for ix in inspect(conn).get_indexes("segment")}
    finally:
        engine.dispose()


def test_upgrade_and_downgrade_keep_counters_exact(db_url):
    populate(db_url, "0016")
    cfg = alembic_config(db_url)
    assert "ix_segment_document_id" in _indexes(db_url)

    command.upgrade(cfg, "0017")
    assert "ix_segment_document_id" not in _indexes(db_url)
    _writes_are_counted_exactly(db_url, EN)

    command.downgrade(cfg, "0016")
    assert "ix_segment_document_id" in _indexes(db_url)
    _writes_are_counted_exactly(db_url, RU)
