"""stored matches

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03 07:30:00.000000

Issue 13 (the document read with matches): each segment's best memory matches are stored
(`segment_match_state.matches`, with what they were computed for: text, memory change count, lowest
score, length; `segment_match` names their units), so a read joins instead of searching. The memory counts its changes in
`tm_clock` (one row, made by the first write) and stamps every unit with the count it was written
at (`tm_unit.seq`); existing units get 0, the count before the first write. Downgrade drops exactly
these tables and the column.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0014'
down_revision: str | None = '0013'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('tm_clock',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('tm_unit', schema=None) as batch_op:
        batch_op.add_column(sa.Column('seq', sa.Integer(), server_default='0', nullable=False))
        batch_op.create_index('ix_tm_unit_seq', ['seq'], unique=False)

    op.create_table('segment_match_state',
    sa.Column('segment_id', sa.Integer(), nullable=False),
    sa.Column('text_key', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('min_score', sa.Integer(), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('stored', sa.Integer(), nullable=False),
    sa.Column('matches', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['segment_id'], ['segment.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('segment_id')
    )
    op.create_table('segment_match',
    sa.Column('segment_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('score', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.ForeignKeyConstraint(['segment_id'], ['segment.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['unit_id'], ['tm_unit.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('segment_id', 'unit_id')
    )
    with op.batch_alter_table('segment_match', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_segment_match_unit_id'), ['unit_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('segment_match', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_segment_match_unit_id'))

    op.drop_table('segment_match')
    op.drop_table('segment_match_state')
    with op.batch_alter_table('tm_unit', schema=None) as batch_op:
        batch_op.drop_index('ix_tm_unit_seq')
        batch_op.drop_column('seq')

    op.drop_table('tm_clock')
