"""feeds and source changes

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 13:43:04.336588
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0012'
down_revision: str | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('feed',
    sa.Column('outlet', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('source_lang', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=True),
    sa.Column('provider', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('auto_translate', sa.Boolean(), nullable=False),
    sa.Column('interval_minutes', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('url', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.Column('url_key', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.Column('categories', sa.JSON(), nullable=False),
    sa.Column('paused', sa.Boolean(), nullable=False),
    sa.Column('etag', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
    sa.Column('last_modified', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('last_polled_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_status', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('last_error', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
    sa.Column('last_error_code', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('next_poll_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('lease_owner', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('lease_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('url_key')
    )
    with op.batch_alter_table('feed', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_feed_next_poll_at'), ['next_poll_at'], unique=False)

    op.create_table('feed_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('feed_id', sa.Integer(), nullable=False),
    sa.Column('entry_key', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.Column('link', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('outcome', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('error_code', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('error_message', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=True),
    sa.Column('listed', sa.Boolean(), nullable=False),
    sa.Column('first_seen_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_seen_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['document.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['feed_id'], ['feed.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('feed_id', 'entry_key', name='uq_feed_entry_key')
    )
    with op.batch_alter_table('feed_entry', schema=None) as batch_op:
        batch_op.create_index('ix_feed_entry_document_id', ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_feed_entry_feed_id'), ['feed_id'], unique=False)

    op.create_table('source_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('changes', sa.JSON(), nullable=False),
    sa.Column('summary', sa.Text(), nullable=True),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['document.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('source_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_source_change_document_id'), ['document_id'], unique=False)

    with op.batch_alter_table('document', schema=None) as batch_op:
        batch_op.add_column(sa.Column('source_checked_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('source_changed_at', sa.DateTime(timezone=True), nullable=True))

    with op.batch_alter_table('segment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('previous_source_text', sa.Text(), nullable=True))



def downgrade() -> None:
    op.execute(
        "UPDATE segment SET status = CASE WHEN target_text IS NULL THEN 'new' ELSE 'edited' END "
        "WHERE status IN ('source_changed', 'source_removed')"
    )
    # Not in batch mode: a SQLite batch rebuild of segment or document would drop 0008's counter
    # and search triggers with the old table; SQLite (≥ 3.35) and PostgreSQL drop a column in place.
    op.drop_column('segment', 'previous_source_text')
    op.drop_column('document', 'source_changed_at')
    op.drop_column('document', 'source_checked_at')

    with op.batch_alter_table('source_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_source_change_document_id'))

    op.drop_table('source_change')
    with op.batch_alter_table('feed_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_feed_entry_feed_id'))
        batch_op.drop_index('ix_feed_entry_document_id')

    op.drop_table('feed_entry')
    with op.batch_alter_table('feed', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_feed_next_poll_at'))

    op.drop_table('feed')
