"""job token usage

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02 14:00:00.000000

Issue 14: a language-model engine reports the tokens it used; a job keeps their sums
(`prompt_tokens`, `completion_tokens`) so a newsroom sees what a hosted model costs. Existing
jobs get 0 (no engine before this one reported tokens). Downgrade drops the two columns.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0013'
down_revision: str | None = '0012'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('translation_job', schema=None) as batch_op:
        batch_op.add_column(sa.Column('prompt_tokens', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('completion_tokens', sa.Integer(), server_default='0', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('translation_job', schema=None) as batch_op:
        batch_op.drop_column('completion_tokens')
        batch_op.drop_column('prompt_tokens')
