"""segment qa

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 14:00:00.000000

Issue 13, part 2 (quality checks): every segment stores the QA issues of its current text in
`segment.qa` (JSON; NULL means "not computed yet": rows from before this revision get theirs the
first time they are read, or all at once with `werkbank qa backfill`), and a revision records
why a segment was approved despite QA errors in `revision.reason`. Both columns are nullable, so
the upgrade rewrites no row; the downgrade drops exactly these two columns.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0011'
down_revision: str | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('segment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('qa', sa.JSON(), nullable=True))
    with op.batch_alter_table('revision', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('revision', schema=None) as batch_op:
        batch_op.drop_column('reason')
    # Not in batch mode: a SQLite batch rebuild of segment would drop 0008's counter triggers with
    # the old table; SQLite (≥ 3.35) and PostgreSQL drop a plain column in place.
    op.drop_column('segment', 'qa')
