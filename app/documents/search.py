"""Full-text search over documents: SQLite FTS5 or a PostgreSQL tsvector index, prefix matching."""

import re

from sqlalchemy import ColumnElement, Select, column, false, func, literal_column, table, text
from sqlmodel import col

from app.models import Document

SEARCH_RULE = (
    "Full-text search over title and text. Words are matched case-insensitively (Latin, Cyrillic "
    "and every other script: 'путин' finds 'Путин') and as prefixes, for search-as-you-type: "
    "'geneva talk' finds documents containing a word starting with 'geneva' and one starting with "
    "'talk', anywhere in the text. Punctuation separates words; nothing else is an operator. "
    "A query without letters or digits finds nothing. Newest first."
)
_WORD = re.compile(r"[^\W_]+")
MAX_TERMS = 12
FTS = table("document_fts", column("rowid"))


def terms(q: str) -> list[str]:
    """The words of a query, case-folded as ingest folds the stored text."""
    return _WORD.findall(q.casefold())[:MAX_TERMS]


def search(query: Select, *, dialect: str, q: str) -> tuple[Select, ColumnElement[int]]:
    """`query` narrowed to documents matching `q`, and the column to page on (the document id)."""
    words = terms(q)
    if not words:
        return query.where(false()), col(Document.id)
    if dialect == "postgresql":
        prefixes = " & ".join(f"'{w}':*" for w in words)
        tsquery = func.to_tsquery(literal_column("'simple'::regconfig"), prefixes)
        vector = literal_column("document.search_vector")  # stored, GIN-indexed (migration 0008)
        return query.where(vector.op("@@")(tsquery)), col(Document.id)
    # FTS5 walks its matches in rowid order, newest first, and stops after one page.
    match = " AND ".join(f'"{w}"*' for w in words)
    rowid = FTS.c.rowid
    narrowed = query.join(FTS, rowid == Document.id).where(
        text("document_fts MATCH :fts_match").bindparams(fts_match=match)
    )
    return narrowed, rowid
