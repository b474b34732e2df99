"""drop the segment index that repeats the unique index's leading column

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-03 14:00:00.000000

Issue 11 (bulk ingest at the speed of its own work): `ix_segment_document_id` indexes
`segment.document_id`, which the unique index of (document_id, position) already leads with. Every
lookup by document (reads, the foreign key's cascade, the counters' recount) can use the unique index;
the plain one was only maintained, on every segment insert (7 of every ingested article's rows).
Both databases; no table is rebuilt (SQLite drops an index in place, so the triggers of 0008 stay).
Downgrade creates the index again.
"""

from collections.abc import Sequence

from alembic import op


revision: str = '0017'
down_revision: str | None = '0016'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = 'ix_segment_document_id'


def upgrade() -> None:
    op.drop_index(INDEX, table_name='segment')


def downgrade() -> None:
    op.create_index(INDEX, 'segment', ['document_id'], unique=False)
