"""one active job per document

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 08:00:00.000000

A partial unique index allows one queued or running job per document. Duplicates made before it
existed (a double click) are settled first: the running job is kept (its worker may still be
at it), else the newest; the others are marked failed with a note naming the kept job. The
downgrade drops the index and leaves those notes: the duplicates were never going to run twice.
"""

from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op


revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ACTIVE = "status IN ('queued', 'running')"
INDEX = 'uq_translation_job_active_document'
job = sa.table(
    'translation_job',
    sa.column('id', sa.Integer()),
    sa.column('document_id', sa.Integer()),
    sa.column('status', sa.String()),
    sa.column('error', sa.String()),
    sa.column('finished_at', sa.DateTime(timezone=True)),
)


def _supersede_duplicates() -> None:
    conn = op.get_bind()
    active = conn.execute(
        sa.select(job.c.id, job.c.document_id, job.c.status).where(job.c.status.in_(['queued', 'running']))
    ).all()
    by_document: dict[int, list] = defaultdict(list)
    for row in active:
        by_document[row.document_id].append(row)
    now = datetime.now(UTC)
    for rows in by_document.values():
        if len(rows) < 2:
            continue
        kept = max(rows, key=lambda r: (r.status == 'running', r.id))
        note = f'Superseded by job {kept.id}: one active translation per document (migration 0005)'
        conn.execute(
            sa.update(job)
            .where(job.c.id.in_([r.id for r in rows if r.id != kept.id]))
            .values(status='failed', error=note, finished_at=now)
        )


def upgrade() -> None:
    _supersede_duplicates()
    op.create_index(
        INDEX,
        'translation_job',
        ['document_id'],
        unique=True,
        sqlite_where=sa.text(ACTIVE),
        postgresql_where=sa.text(ACTIVE),
    )


def downgrade() -> None:
    op.drop_index(INDEX, table_name='translation_job')
