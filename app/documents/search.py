"""Full-text search over documents: SQLite FTS5 or a PostgreSQL tsvector index, prefix matching."""

import bisect
import re
import time

from sqlalchemy import ColumnElement, Select, column, false, func, literal_column, table, text
from sqlmodel import Session, col

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


def search_text(texts: list[str]) -> str:
    """What a document is searched by: the distinct whitespace-separated words of its texts, case-folded.

    Search matches words and prefixes anywhere, never phrases or positions, and no token of FTS5 or
    of PostgreSQL's parser spans whitespace, so a repeated word adds nothing to the index but parse
    time: PostgreSQL's `to_tsvector` over this column is most of the time a document INSERT takes.
    Each word is kept once, in order of first use, so a document matches exactly the queries its full
    text would. (Stored documents ingested before this keep their full text; they match the same.)
    """
    return " ".join(dict.fromkeys(" ".join(texts).casefold().split()))


def terms(q: str) -> list[str]:
    """The words of a query, case-folded as ingest folds the stored text."""
    return _WORD.findall(q.casefold())[:MAX_TERMS]


STATS_TTL = 300.0  # seconds a process trusts the lexemes it read from pg_stats
_tracked: dict[str, tuple[float, list[str]]] = {}


def _tracked_lexemes(session: Session) -> list[str]:
    """The lexemes PostgreSQL's statistics track for document.search_vector (sorted; cached)."""
    key = str(session.get_bind().url)
    at, lexemes = _tracked.get(key, (0.0, []))
    if time.monotonic() - at > STATS_TTL:
        stats = text(
            "SELECT most_common_elems::text::text[] FROM pg_stats WHERE schemaname = current_schema() "
            "AND tablename = 'document' AND attname = 'search_vector'"
        )
        row = session.connection().execute(stats).first()
        lexemes = sorted(row[0] or []) if row else []
        _tracked[key] = (time.monotonic(), lexemes)
    return lexemes


def rare(session: Session, words: list[str]) -> bool:
    """True when a word is the prefix of no lexeme the statistics track, so its matches are few.

    For such a prefix PostgreSQL estimates a flat 0.5 % of the table and walks the primary key
    newest-first, filtering every row's vector until it has a page: with 46 matches in 100,000
    documents that is the whole table (seconds). A lexeme is tracked when it is in more documents
    than the rarest tracked one (about 4 % here), so an untracked prefix matches fewer than that:
    reading all its matches from the GIN index and sorting them is the cheap plan.
    """
    tracked = _tracked_lexemes(session)

    def known(word: str) -> bool:
        i = bisect.bisect_left(tracked, word)
        return i < len(tracked) and tracked[i].startswith(word)

    return not all(known(w) for w in words)


def search(
    query: Select, *, dialect: str, q: str, session: Session | None = None
) -> tuple[Select, ColumnElement[int]]:
    """`query` narrowed to documents matching `q`, and the column to page on (the document id).

    On PostgreSQL with a `session`, a query with a rare word pages on `id + 0`: the same order, but
    no index can give it, so the planner reads the GIN matches instead of walking the primary key.
    """
    words = terms(q)
    if not words:
        return query.where(false()), col(Document.id)
    if dialect == "postgresql":
        prefixes = " & ".join(f"'{w}':*" for w in words)
        tsquery = func.to_tsquery(literal_column("'simple'::regconfig"), prefixes)
        vector = literal_column("document.search_vector")  # stored, GIN-indexed (migration 0008)
        key = col(Document.id) + 0 if session is not None and rare(session, words) else col(Document.id)
        return query.where(vector.op("@@")(tsquery)), key
    # FTS5 walks its matches in rowid order, newest first, and stops after one page. A prefix of 2 to 8
    # characters is read from its prefix index (migration 0016); a longer one merges its terms first.
    match = " AND ".join(f'"{w}"*' for w in words)
    rowid = FTS.c.rowid
    narrowed = query.join(FTS, rowid == Document.id).where(
        text("document_fts MATCH :fts_match").bindparams(fts_match=match)
    )
    return narrowed, rowid
