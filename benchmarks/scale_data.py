"""The scale benchmark's archive: N documents of real news sentences, half English half Russian.

Built with bulk SQL (executemany), not through the API: the rows are those ingest writes — the
document with its `search_text` (its distinct case-folded words), ~15 segments (a title and
paragraphs of one or two sentences from the Universal Dependencies news test sets in
/work/shared/data), and the counters and status the triggers of migration 0008 keep. During the load
the triggers are off (PostgreSQL: `session_replication_role = replica`; SQLite: dropped and
re-created from their own SQL), the counters are written with each document, and `check_counters`
compares a sample with a recount from the segments. The FTS5 index is rebuilt once at the end on
SQLite; PostgreSQL's GIN index is maintained during the load. Posts: one per 2 documents, 48 a day.
Cached: a SQLite file or a PostgreSQL database per size, reused when it holds the expected
documents.
"""

import csv
import random
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine, make_url

SHARED = Path("/work/shared/data/langid/ud")
BATCH = 500
SEGMENTS = 15
T0 = datetime(2024, 1, 1, 6, tzinfo=UTC)
RARE = {"en": "zelenograd", "ru": "шойгу"}  # in RARE_DOCS documents of every archive, whatever its size
RARE_DOCS = 6  # spread evenly over the ids, so both sizes find the same few: the hits are equal work
# Of the archives' content: a cached archive of another version is not reused. 3: `search_text` holds
# each distinct word once, as ingest writes it since then.
VERSION = 3
STATUSES = ("new", "draft", "edited", "approved", "error")


def sentences(lang: str) -> list[str]:
    name = {"en": "eng.tsv", "ru": "rus.tsv"}[lang]
    with (SHARED / name).open(encoding="utf-8") as f:
        return [row["text"].strip() for row in csv.DictReader(f, delimiter="\t") if row["text"].strip()]


def common_word(lines: list[str]) -> str:
    """The most frequent word of six letters or more: what an editor types often."""
    words = Counter(w for line in lines for w in line.casefold().split() if len(w) >= 6 and w.isalpha())
    return words.most_common(1)[0][0]


def rare_ids(n: int) -> set[int]:
    """The documents of an archive of n holding their language's rare word: RARE_DOCS of them, evenly
    spread over the ids, alternately English (odd ids) and Russian (even ids)."""
    step, out = max(2, n // RARE_DOCS), set()
    for k in range(RARE_DOCS):
        i = step * k + step // 2 + 1
        if i % 2 != (1 if k % 2 == 0 else 0):
            i += 1
        if i <= n:
            out.add(i)
    return out


def _document(
    i: int, rare: set[int], rng: random.Random, corpus: dict[str, list[str]]
) -> tuple[dict, list[dict]]:
    from app.documents.search import search_text

    lang = "en" if i % 2 else "ru"
    lines = corpus[lang]
    blocks = [rng.choice(lines)] + [
        " ".join(rng.choice(lines) for _ in range(rng.choice((1, 2)))) for _ in range(SEGMENTS - 1)
    ]
    if i in rare:
        blocks[-1] += f" {RARE[lang].capitalize()}."
    kind = i % 10  # 60 % untouched, 30 % in review, 10 % approved
    statuses = (
        ["approved"] * SEGMENTS
        if kind == 9
        else [rng.choice(STATUSES[:3]) for _ in range(SEGMENTS)]
        if kind >= 6
        else ["new"] * SEGMENTS
    )
    if kind >= 6 and kind != 9 and all(s == "new" for s in statuses):
        statuses[0] = "draft"
    status = "approved" if kind == 9 else "in_review" if kind >= 6 else "ingested"
    at = T0 + timedelta(minutes=15 * i)
    counts = Counter(statuses)
    doc = dict(
        id=i,
        title=blocks[0],
        source_lang=lang,
        lang_confidence=0.99,
        lang_method="rules",
        input_kind="text",
        content_hash=f"{i:064x}",
        search_text=search_text(blocks),
        status=status,
        created_by="bench",
        created_at=at,
        updated_at=at,
        segments_total=SEGMENTS,
        words=sum(len(b.split()) for b in blocks),
        **{f"segments_{s}": counts[s] for s in STATUSES},
    )
    segs = [
        dict(
            document_id=i,
            position=p,
            kind="title" if p == 0 else "paragraph",
            source_text=b,
            source_lang=lang,
            mixed=False,
            status=st,
            version=1,
            updated_at=at,
            target_text=None if st == "new" else f"Deutsch {p}",
            draft_text=None if st == "new" else f"Deutsch {p}",
        )
        for p, (b, st) in enumerate(zip(blocks, statuses, strict=True))
    ]
    return doc, segs


def _post(i: int) -> dict:
    at = T0 + timedelta(minutes=15 * i + 60)
    return dict(
        document_id=i,
        title=f"Beitrag {i}",
        published_at=at,
        segment_ids=[],
        read_more=False,
        categories=[],
        tags=[],
        slug=f"beitrag-{i}",
        status="ready",
        created_at=at,
        updated_at=at,
    )


def database_url(kind: str, n: int, cache: Path, pg_admin: str | None) -> str:
    if kind == "sqlite":
        return f"sqlite:///{cache / f'scale-v{VERSION}-{n}.db'}"
    assert pg_admin, "WERKBANK_TEST_POSTGRES_URL is needed for PostgreSQL"
    return (
        make_url(pg_admin).set(database=f"wbbench_scale_v{VERSION}_{n}").render_as_string(hide_password=False)
    )


def _count(url: str) -> int | None:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT count(*) FROM document")).scalar()
    except Exception:  # noqa: BLE001 - no database or no schema yet
        return None
    finally:
        engine.dispose()


def _fresh(kind: str, url: str, pg_admin: str | None) -> None:
    if kind == "sqlite":
        path = Path(url.split("///", 1)[1])
        for p in path.parent.glob(path.name + "*"):
            p.unlink()
        path.parent.mkdir(parents=True, exist_ok=True)
        return
    admin = create_engine(pg_admin, isolation_level="AUTOCOMMIT")
    name = make_url(url).database
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()


def _load(engine: Engine, n: int, seed: int) -> None:
    from app.models import Document, Post, Segment

    rng, corpus = random.Random(seed), {lang: sentences(lang) for lang in ("en", "ru")}
    rare = rare_ids(n)
    sqlite = engine.dialect.name == "sqlite"
    with engine.begin() as conn:
        if sqlite:
            triggers = conn.execute(text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")).all()
            for name, _ in triggers:
                conn.execute(text(f"DROP TRIGGER {name}"))
    started = time.monotonic()
    for start in range(1, n + 1, BATCH):
        docs, segs = [], []
        for i in range(start, min(start + BATCH, n + 1)):
            doc, doc_segs = _document(i, rare, rng, corpus)
            docs.append(doc)
            segs += doc_segs
        with engine.begin() as conn:
            if not sqlite:
                conn.execute(text("SET LOCAL session_replication_role = replica"))
            conn.execute(Document.__table__.insert(), docs)
            conn.execute(Segment.__table__.insert(), segs)
            posts = [_post(d["id"]) for d in docs if d["id"] % 2 == 0]
            if posts:
                conn.execute(Post.__table__.insert(), posts)
        done = min(start + BATCH - 1, n)
        rate = done / (time.monotonic() - started)
        print(f"\r  {done}/{n} documents ({rate:.0f}/s)", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    with engine.begin() as conn:
        if sqlite:
            for _, sql in triggers:
                conn.execute(text(sql))
            conn.execute(text("INSERT INTO document_fts(document_fts) VALUES ('rebuild')"))
            conn.execute(text("ANALYZE"))
        else:
            conn.execute(text("SELECT setval('document_id_seq', (SELECT max(id) FROM document))"))
    if not sqlite:
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))


def check_counters(engine: Engine, sample: int = 200) -> None:
    """The counters written with the documents equal a recount from their segments."""
    from sqlmodel import Session, col, select

    from app.documents.counters import COUNTERS, counted
    from app.models import Document

    with Session(engine) as session:
        ids = list(session.exec(select(Document.id).order_by(col(Document.id)).limit(sample)))
        values = counted()
        recount = select(col(Document.id), *(values[c].label(c) for c in COUNTERS)).where(
            col(Document.id).in_(ids)
        )
        stored = select(col(Document.id), *(getattr(Document, c) for c in COUNTERS)).where(
            col(Document.id).in_(ids)
        )
        assert sorted(map(tuple, session.exec(recount))) == sorted(map(tuple, session.exec(stored)))


def build(kind: str, n: int, cache: Path, pg_admin: str | None, seed: int = 7) -> str:
    """The database URL of an archive of n documents, built unless cached."""
    from alembic import command
    from app.db import alembic_config

    url = database_url(kind, n, cache, pg_admin)
    if _count(url) == n:
        print(f"  reusing {kind} archive of {n} documents", file=sys.stderr)
        return url
    # SQLite is built under another name and renamed when complete: a half-built file is never reused.
    building = url + ".building" if kind == "sqlite" else url
    _fresh(kind, building, pg_admin)
    command.upgrade(alembic_config(building), "head")
    engine = create_engine(building)
    try:
        _load(engine, n, seed)
        check_counters(engine)
    finally:
        engine.dispose()
    if kind == "sqlite":
        final = Path(url.split("///", 1)[1])
        for stale in final.parent.glob(final.name + "-*"):  # an older file's -wal/-shm
            stale.unlink()
        Path(building.split("///", 1)[1]).replace(final)
    return url
