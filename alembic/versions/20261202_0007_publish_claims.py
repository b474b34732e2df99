"""publish claims

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 10:00:00.000000

Issue 10, finding 3: two concurrent publishes made two WordPress posts. The ledger row becomes the
post's lock (app/publishing/ledger.py): `state` ("publishing", "unpublishing" or "done"), the
holding request's `claim` token and `claimed_at`. Existing rows are "done" (nothing in progress).
Downgrade drops the three columns; the ledger's own data is untouched.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('publish_record', schema=None) as batch_op:
        batch_op.add_column(sa.Column(
            'state', sqlmodel.sql.sqltypes.AutoString(length=16), server_default='done', nullable=False
        ))
        batch_op.add_column(sa.Column('claim', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True))
        batch_op.add_column(sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('publish_record', schema=None) as batch_op:
        batch_op.drop_column('claimed_at')
        batch_op.drop_column('claim')
        batch_op.drop_column('state')
