"""precounted segment inserts not queued for the counter trigger

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-03 14:10:00.000000

Issue 11 (bulk ingest at the speed of its own work): since migration 0015 the counter trigger skips
the INSERT of a segment whose new document ingest counted already (`werkbank.precounted`), but it
skipped inside the function: every such row was still queued as a deferred trigger event and, at
COMMIT, ran the PL/pgSQL function to parse the setting and return (350 segments of a 50-article
batch: about 11 ms of a 130 ms store). A constraint trigger's WHEN is evaluated when the row is
written, not deferred, and a row it rejects is never queued. So the INSERT gets its own constraint
trigger, `segment_counts_insert`, whose WHEN rejects precounted documents' segments; `segment_counts`
keeps DELETE and UPDATE OF status. Both stay deferred to COMMIT and run the same function, so every
other write is counted exactly as before (a missing setting counts the row: COALESCE to false).
PostgreSQL only (SQLite's triggers count every row, ingest precounts nothing there). Downgrade
restores the single trigger of 0008.
"""

from collections.abc import Sequence

from alembic import op


revision: str = '0018'
down_revision: str | None = '0017'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PRECOUNTED = (
    "COALESCE(NEW.document_id = ANY("
    "string_to_array(current_setting('werkbank.precounted', true), ',', '')::int[]), false)"
)
DEFERRED = "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW"
FUNCTION = "EXECUTE FUNCTION werkbank_segment_counts()"


def upgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.execute("DROP TRIGGER segment_counts ON segment")
    op.execute(
        f"CREATE CONSTRAINT TRIGGER segment_counts AFTER DELETE OR UPDATE OF status ON segment "
        f"{DEFERRED} {FUNCTION}"
    )
    op.execute(
        f"CREATE CONSTRAINT TRIGGER segment_counts_insert AFTER INSERT ON segment "
        f"{DEFERRED} WHEN (NOT {PRECOUNTED}) {FUNCTION}"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.execute("DROP TRIGGER segment_counts_insert ON segment")
    op.execute("DROP TRIGGER segment_counts ON segment")
    op.execute(
        "CREATE CONSTRAINT TRIGGER segment_counts AFTER INSERT OR DELETE OR UPDATE OF status "
        f"ON segment {DEFERRED} {FUNCTION}"
    )
