"""translation memory and post-edit figures

Revision ID: 0010
Revises: 0008
Create Date: 2026-12-02 13:40:04.492833

Issue 13 (translator productivity): the translation memory (`tm_unit`, with the word index
`tm_word`/`tm_posting` that pre-filters fuzzy lookups), the post-edit figures of approved machine
drafts (`post_edit`), and `translation_job.tm_hits`. Existing jobs get tm_hits 0. Downgrade drops
exactly these tables and the column; no other row is touched.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0010'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('tm_word',
    sa.Column('word', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('units', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('word')
    )
    op.create_table('post_edit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('segment_id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('provider', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('source_lang', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('outlet', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('chrf', sa.Float(), nullable=False),
    sa.Column('edit_rate', sa.Float(), nullable=False),
    sa.Column('unchanged', sa.Boolean(), nullable=False),
    sa.Column('seconds', sa.Float(), nullable=True),
    sa.Column('approved_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('approved_by', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.ForeignKeyConstraint(['segment_id'], ['segment.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('segment_id')
    )
    with op.batch_alter_table('post_edit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_post_edit_approved_at'), ['approved_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_post_edit_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_post_edit_provider'), ['provider'], unique=False)

    op.create_table('tm_unit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('segment_id', sa.Integer(), nullable=True),
    sa.Column('document_id', sa.Integer(), nullable=True),
    sa.Column('source_lang', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('source_text', sa.Text(), nullable=False),
    sa.Column('target_text', sa.Text(), nullable=False),
    sa.Column('exact_key', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('near_key', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('outlet', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('origin', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('approved_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('approved_by', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.ForeignKeyConstraint(['segment_id'], ['segment.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('segment_id')
    )
    with op.batch_alter_table('tm_unit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tm_unit_document_id'), ['document_id'], unique=False)
        batch_op.create_index('ix_tm_unit_lang_exact', ['source_lang', 'exact_key'], unique=False)
        batch_op.create_index('ix_tm_unit_lang_near', ['source_lang', 'near_key'], unique=False)

    op.create_table('tm_posting',
    sa.Column('word', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['tm_unit.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('word', 'unit_id')
    )
    with op.batch_alter_table('tm_posting', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tm_posting_unit_id'), ['unit_id'], unique=False)

    with op.batch_alter_table('translation_job', schema=None) as batch_op:
        batch_op.add_column(sa.Column('tm_hits', sa.Integer(), server_default='0', nullable=False))



def downgrade() -> None:
    with op.batch_alter_table('translation_job', schema=None) as batch_op:
        batch_op.drop_column('tm_hits')

    with op.batch_alter_table('tm_posting', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tm_posting_unit_id'))

    op.drop_table('tm_posting')
    with op.batch_alter_table('tm_unit', schema=None) as batch_op:
        batch_op.drop_index('ix_tm_unit_lang_near')
        batch_op.drop_index('ix_tm_unit_lang_exact')
        batch_op.drop_index(batch_op.f('ix_tm_unit_document_id'))

    op.drop_table('tm_unit')
    with op.batch_alter_table('post_edit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_post_edit_provider'))
        batch_op.drop_index(batch_op.f('ix_post_edit_document_id'))
        batch_op.drop_index(batch_op.f('ix_post_edit_approved_at'))

    op.drop_table('post_edit')
    op.drop_table('tm_word')
