"""document counters and full-text search

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 14:00:00.000000

Issue 11, items 1 and 3: lists and search that do not grow with the archive, edits in few statements.

Counters. `document` gets `segments_total`, `segments_new`, `segments_draft`, `segments_edited`,
`segments_approved`, `segments_error`, `segments_source_changed`, `segments_source_removed` and
`words` (whitespace-separated words of the source
segments; segments are stored collapsed to single spaces, so words = spaces + 1). The upgrade
backfills them from the stored segments. From then on triggers keep them, by delta, in the
transaction of every write: a segment inserted, deleted or changing status adds or subtracts its
own share, then the document's status is derived from the counters and the active jobs (the rule
of app/documents/counters.py). No write path can forget them, raw SQL included.
On PostgreSQL the trigger is a constraint trigger deferred to COMMIT: the document row is locked
last, after every segment row the transaction writes, so a job writing many segments and an
editor saving one never wait for each other in opposite orders (deadlock).

Search. SQLite: an FTS5 table over `document.search_text` (external content, unicode61 tokens,
prefix indexes of 2 and 3 characters) kept in sync by triggers on document. PostgreSQL: a stored
generated column `search_vector` = `to_tsvector('simple', search_text)` with a GIN index (not in
the models: the app names it in SQL only). `search_text` is already case-folded by ingest.

The status of existing documents is not re-derived here (it was kept by the same rule); only the
new columns are written. Downgrade drops triggers, the search index and the columns.

A later migration that rebuilds `document` or `segment` in SQLite batch mode drops their triggers
with the old table and must create them again (see `_sqlite_triggers`).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# source_changed / source_removed: set by a refetch (migration 0012) when the source article changed.
STATUSES = ('new', 'draft', 'edited', 'approved', 'error', 'source_changed', 'source_removed')
COUNTERS = ('segments_total', *(f'segments_{s}' for s in STATUSES), 'words')
FTS = 'document_fts'
PG_INDEX = 'ix_document_search'
PG_VECTOR = 'search_vector'


def _words(text: str) -> str:
    spaces = f"length({text}) - length(replace({text}, ' ', ''))"
    return f"(CASE WHEN {text} = '' THEN 0 ELSE {spaces} + 1 END)"


def _is(expr: str, dialect: str) -> str:
    return f"({expr})::int" if dialect == 'postgresql' else f"({expr})"


def _shares(row: str, sign: str, dialect: str) -> str:
    """`counter = counter ± share` for every counter, for one segment row (NEW or OLD)."""
    parts = [f"segments_total = segments_total {sign} 1"]
    parts += [f"segments_{s} = segments_{s} {sign} {_is(f'{row}.status = {s!r}', dialect)}" for s in STATUSES]
    parts.append(f"words = words {sign} {_words(row + '.source_text')}")
    return ", ".join(parts)


def _derived(doc: str) -> str:
    """The status rule over the counters and the active jobs (app/documents/counters.py)."""
    active = (
        f"EXISTS (SELECT 1 FROM translation_job j WHERE j.document_id = {doc}.id "
        "AND j.status IN ('queued', 'running'))"
    )
    return (
        f"CASE WHEN {doc}.segments_total > 0 "
        f"AND {doc}.segments_approved + {doc}.segments_source_removed = {doc}.segments_total "
        f"THEN 'approved' WHEN {active} THEN 'translating' "
        f"WHEN {doc}.segments_total > {doc}.segments_new THEN 'in_review' ELSE 'ingested' END"
    )


def _set_status(doc_id: str, now: str) -> str:
    derived = _derived('document')
    return (
        f"UPDATE document SET status = {derived}, updated_at = {now} "
        f"WHERE id = {doc_id} AND status <> {derived}"
    )


SQLITE_NOW = "strftime('%Y-%m-%d %H:%M:%f000', 'now')"


def _sqlite_triggers() -> list[str]:
    def body(*steps: str) -> str:
        return "BEGIN " + " ".join(f"{s};" for s in steps) + " END"

    def touch(row: str) -> str:
        return _set_status(f"{row}.document_id", SQLITE_NOW)

    add = f"UPDATE document SET {_shares('NEW', '+', 'sqlite')} WHERE id = NEW.document_id"
    sub = f"UPDATE document SET {_shares('OLD', '-', 'sqlite')} WHERE id = OLD.document_id"
    fts_add = f"INSERT INTO {FTS}(rowid, search_text) VALUES (NEW.id, NEW.search_text)"
    fts_del = f"INSERT INTO {FTS}({FTS}, rowid, search_text) VALUES ('delete', OLD.id, OLD.search_text)"
    return [
        f"CREATE TRIGGER segment_counts_insert AFTER INSERT ON segment {body(add, touch('NEW'))}",
        f"CREATE TRIGGER segment_counts_delete AFTER DELETE ON segment {body(sub, touch('OLD'))}",
        "CREATE TRIGGER segment_counts_update AFTER UPDATE OF status ON segment "
        f"WHEN OLD.status IS NOT NEW.status {body(sub, add, touch('NEW'))}",
        f"CREATE TRIGGER document_fts_insert AFTER INSERT ON document {body(fts_add)}",
        f"CREATE TRIGGER document_fts_delete AFTER DELETE ON document {body(fts_del)}",
        f"CREATE TRIGGER document_fts_update AFTER UPDATE OF search_text ON document {body(fts_del, fts_add)}",
    ]


SQLITE_TRIGGER_NAMES = (
    'segment_counts_insert', 'segment_counts_delete', 'segment_counts_update',
    'document_fts_insert', 'document_fts_delete', 'document_fts_update',
)


def _pg_function() -> str:
    add = f"UPDATE document SET {_shares('NEW', '+', 'postgresql')} WHERE id = NEW.document_id"
    sub = f"UPDATE document SET {_shares('OLD', '-', 'postgresql')} WHERE id = OLD.document_id"
    # Each statement of a volatile function takes a new snapshot: the status is derived after the
    # counter UPDATE holds the row lock, so it sees every transaction that committed before.
    return f"""
CREATE FUNCTION werkbank_segment_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.status IS NOT DISTINCT FROM NEW.status THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    {sub};
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    {add};
  END IF;
  {_set_status('COALESCE(NEW.document_id, OLD.document_id)', 'now()')};
  RETURN NULL;
END $$"""


def _backfill() -> str:
    shares = ", ".join(
        ["count(*)"]
        + [f"COALESCE(sum(CASE WHEN s.status = {st!r} THEN 1 ELSE 0 END), 0)" for st in STATUSES]
        + [f"COALESCE(sum({_words('s.source_text')}), 0)"]
    )
    return (
        f"UPDATE document SET ({', '.join(COUNTERS)}) = "
        f"(SELECT {shares} FROM segment s WHERE s.document_id = document.id)"
    )


def upgrade() -> None:
    with op.batch_alter_table('document', schema=None) as batch_op:
        for name in COUNTERS:
            batch_op.add_column(sa.Column(name, sa.Integer(), server_default='0', nullable=False))
    op.execute(_backfill())
    if op.get_bind().dialect.name == 'postgresql':
        op.execute(_pg_function())
        op.execute(
            "CREATE CONSTRAINT TRIGGER segment_counts AFTER INSERT OR DELETE OR UPDATE OF status "
            "ON segment DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION werkbank_segment_counts()"
        )
        # Stored, so a plan that filters rows (newest first, a common word) reads the vector
        # instead of parsing each row's text again.
        op.execute(
            f"ALTER TABLE document ADD COLUMN {PG_VECTOR} tsvector "
            "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_text)) STORED"
        )
        op.execute(f"CREATE INDEX {PG_INDEX} ON document USING gin ({PG_VECTOR})")
        return
    op.execute(
        f"CREATE VIRTUAL TABLE {FTS} USING fts5(search_text, content='document', content_rowid='id', "
        "tokenize='unicode61 remove_diacritics 0', prefix='2 3')"
    )
    op.execute(f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')")
    for statement in _sqlite_triggers():
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        op.execute(f"DROP INDEX IF EXISTS {PG_INDEX}")
        op.execute(f"ALTER TABLE document DROP COLUMN IF EXISTS {PG_VECTOR}")
        op.execute("DROP TRIGGER IF EXISTS segment_counts ON segment")
        op.execute("DROP FUNCTION IF EXISTS werkbank_segment_counts()")
    else:
        for name in SQLITE_TRIGGER_NAMES:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute(f"DROP TABLE IF EXISTS {FTS}")
    with op.batch_alter_table('document', schema=None) as batch_op:
        for name in reversed(COUNTERS):
            batch_op.drop_column(name)
