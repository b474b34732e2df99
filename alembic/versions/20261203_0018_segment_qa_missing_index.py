"""index the segments whose QA is still to be computed (rows from before 0011)

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-03 21:00:00.000000

Issue 13 (QA on the document read): after an upgrade, the segments that hold a German text but no
stored QA are computed by a background backfill (app.documents.qa_backfill), which serve queues on
start when any is left. A partial index of just those rows makes that probe and the backfill's keyset
walk cost what is left to do, not a scan of every segment; it is empty once the backlog is done, as
every write since 0011 stores its QA. Both databases; downgrade drops it.
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op


revision: str = '0018'
down_revision: str | None = '0017'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = 'ix_segment_qa_missing'
WHERE = sa.text('qa IS NULL AND target_text IS NOT NULL')


def upgrade() -> None:
    op.create_index(INDEX, 'segment', ['id'], unique=False, sqlite_where=WHERE, postgresql_where=WHERE)


def downgrade() -> None:
    op.drop_index(INDEX, table_name='segment')
