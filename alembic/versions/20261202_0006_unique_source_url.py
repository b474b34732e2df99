"""unique source url

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 09:00:00.000000

Issue 10, finding 5: the same URL ingested twice at once made two documents. Every document
gets `source_url_key`, its source URL spelled by the rule of app/ingest/urls.py (lower-case
scheme and host, no default port, no fragment, no tracking parameters, query order kept), and a
unique index on it where it is not NULL, so the second insert of one URL fails.

`source_url` itself is not touched: it keeps the URL exactly as it was given (posts link to it).

Documents stored twice before this revision (URLs that spell the same key): the oldest
(created_at, then id) gets the key; every later one keeps its row, its segments, posts and its
`source_url` unchanged and gets key NULL. Nothing is lost, and ingesting the URL again answers
the oldest. They can be found with
    SELECT id, source_url FROM document WHERE source_url IS NOT NULL AND source_url_key IS NULL
Downgrade drops the index and the column; as `source_url` never changed, nothing needs restoring.

Like every migration this one imports no app code: `_key` is the rule frozen as of this revision
(tests/migrations/test_source_url_key.py checks it still agrees with app.ingest.urls; when the rule
changes, a new migration re-keys the stored documents).
"""

import hashlib
import re
from collections.abc import Sequence
from urllib.parse import quote, unquote_plus, urlsplit, urlunsplit

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = 'uq_document_source_url_key'
WHERE = sa.text('source_url_key IS NOT NULL')

_MAX_KEY = 2000
_TRACKING = frozenset({
    "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "yclid", "msclkid", "twclid",
    "ttclid", "li_fat_id", "igshid", "mc_cid", "mc_eid", "ref_src", "ref_url", "_ga", "_gl",
    "mkt_tok", "oly_anon_id", "oly_enc_id", "vero_id", "_hsenc", "_hsmi", "__hstc", "__hssc",
    "__hsfp", "hsctatracking", "wickedid", "srsltid",
})
_PORTS = {"http": 80, "https": 443}
_ESCAPE = re.compile(r"%[0-9a-fA-F]{2}")
_SAFE = "/?#[]@!$&'()*+,;=:-._~%"


def _encode(part: str) -> str:
    return _ESCAPE.sub(lambda m: m.group(0).upper(), quote(part, safe=_SAFE))


def _kept(pair: str) -> bool:
    name = unquote_plus(pair.split("=", 1)[0]).strip().lower()
    return bool(pair) and not (name.startswith("utm_") or name in _TRACKING)


def _normalize(url: str) -> str:
    url = url.strip()
    try:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme not in _PORTS or not parts.hostname:
            return url
        try:
            host = parts.hostname.encode("idna").decode("ascii")
        except UnicodeError:
            host = _encode(parts.hostname)
        host = f"[{host}]" if ":" in host else host
        if parts.port is not None and parts.port != _PORTS[scheme]:
            host = f"{host}:{parts.port}"
    except ValueError:
        return url
    userinfo = parts.netloc.rpartition("@")[0]
    netloc = f"{_encode(userinfo)}@{host}" if userinfo else host
    query = "&".join(p for p in parts.query.split("&") if _kept(p))
    fragment = parts.fragment if parts.fragment.startswith("!") else ""
    return urlunsplit((scheme, netloc, _encode(parts.path) or "/", _encode(query), _encode(fragment)))


def _key(url: str | None) -> str | None:
    if url is None or not url.strip():
        return None
    key = _normalize(url)
    if len(key.encode()) > _MAX_KEY:
        return "sha256:" + hashlib.sha256(key.encode()).hexdigest()
    return key


def upgrade() -> None:
    with op.batch_alter_table('document', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('source_url_key', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True)
        )
    document = sa.table(
        'document', sa.column('id', sa.Integer), sa.column('source_url', sa.String),
        sa.column('source_url_key', sa.String), sa.column('created_at', sa.DateTime),
    )
    conn = op.get_bind()
    rows = conn.execute(
        sa.select(document.c.id, document.c.source_url)
        .where(document.c.source_url.is_not(None))
        .order_by(document.c.created_at, document.c.id)
    ).all()
    taken: set[str] = set()
    for row in rows:
        key = _key(row.source_url)
        if key is None or key in taken:
            continue  # a later duplicate: keeps its row and source_url, key NULL
        taken.add(key)
        conn.execute(document.update().where(document.c.id == row.id).values(source_url_key=key))
    op.create_index(
        INDEX, 'document', ['source_url_key'], unique=True, sqlite_where=WHERE, postgresql_where=WHERE
    )


def downgrade() -> None:
    op.drop_index(INDEX, table_name='document', sqlite_where=WHERE, postgresql_where=WHERE)
    with op.batch_alter_table('document', schema=None) as batch_op:
        batch_op.drop_column('source_url_key')
