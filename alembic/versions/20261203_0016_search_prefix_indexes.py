"""search prefix indexes of 2 to 8 characters

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03 11:30:00.000000

Issue 11 (search growth for a common word on SQLite): every search word is a prefix query
(search-as-you-type), and FTS5 answers a prefix query from a prefix index only when the prefix has
exactly one of the index's lengths. Migration 0008 built indexes of 2 and 3 characters, so
`"которые"*` merged the doclists of every term starting with it before returning the first row:
1.3 ms at 100,000 documents against 0.07 ms for the exact term (and 5-10 ms for `"кото"*`,
`"котор"*`, `"которы"*` while the word is typed). With indexes of 2 to 8 characters such prefixes
are read from the index newest first and stop after one page (0.04-0.08 ms). Longer words merge
the few terms they match as before (0.1-0.5 ms for common 10-13-letter words).

The cost: the FTS5 data roughly doubles (63.8 → 133.7 MB for 20,000 documents of the scale
archive) and indexing a document takes longer (docs/benchmarks.md, scale and ingest_speed).
SQLite only: the FTS5 table is dropped and created again with the new option, then rebuilt from
`document.search_text` (external content; the triggers of 0008 name the table and keep working).
PostgreSQL is unchanged (its GIN index answers prefixes of any length). Downgrade rebuilds the
table with 0008's option.
"""

from collections.abc import Sequence

from alembic import op


revision: str = '0016'
down_revision: str | None = '0015'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FTS = 'document_fts'
PREFIXES = '2 3 4 5 6 7 8'
PREFIXES_0008 = '2 3'


def _rebuild(prefixes: str) -> None:
    if op.get_bind().dialect.name != 'sqlite':
        return
    op.execute(f"DROP TABLE IF EXISTS {FTS}")
    op.execute(
        f"CREATE VIRTUAL TABLE {FTS} USING fts5(search_text, content='document', content_rowid='id', "
        f"tokenize='unicode61 remove_diacritics 0', prefix='{prefixes}')"
    )
    op.execute(f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')")


def upgrade() -> None:
    _rebuild(PREFIXES)


def downgrade() -> None:
    _rebuild(PREFIXES_0008)
