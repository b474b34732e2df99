"""A full database at every revision: explicit rows written at the base, and one hook per later revision.

BASE is written right after the first migration. HOOKS[revision] then fills in what that revision
introduced: rows for the tables it creates (INSERT), values for the columns it adds (UPDATE). A hook
touches nothing else, so running it again after its revision was stepped down and up restores the
full data: the downgrade drops exactly what the revision introduced. A new migration needs a hook
only when it adds a table or a column; `test_every_table_and_column_holds_data` names the revision.
A revision that constrains rows (0005: one active job per document) gets rows the constraint
covers, inserted only where missing (its downgrade keeps them).
"""

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from alembic.script import ScriptDirectory
from sqlalchemy import MetaData, select, update
from sqlalchemy.engine import Connection

from alembic import command
from app.db import alembic_config, make_engine

T0 = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


ARGON = "$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA"

# Parents before children; every nullable column holds a value in at least one row.
BASE: dict[str, list[dict]] = {
    "user": [
        dict(id=1, username="admin", role="admin", password_hash=ARGON, is_active=True, created_at=at(0)),
        dict(
            id=2, username="erika", role="translator", password_hash=ARGON, is_active=False, created_at=at(1)
        ),
    ],
    "auth_token": [
        dict(id=1, user_id=1, kind="api", name="cli", token_hash="a" * 64, created_at=at(2), expires_at=None),
        dict(
            id=2,
            user_id=2,
            kind="session",
            name="browser",
            token_hash="b" * 64,
            created_at=at(3),
            expires_at=at(20160),
        ),
    ],
    "term": [
        dict(
            id=1,
            source_lang="en",
            source_term="CSTO",
            target_term="OVKS",
            note="Organisation des Vertrags",
            case_sensitive=True,
            created_at=at(4),
            updated_at=at(5),
        ),
        dict(
            id=2,
            source_lang="ru",
            source_term="ШОС",
            target_term="SOZ",
            note=None,
            case_sensitive=False,
            created_at=at(4),
            updated_at=at(4),
        ),
    ],
    "document": [
        dict(
            id=1,
            title="Talks in Geneva resumed",
            outlet="TASS",
            source_url="https://tass.com/politics/1",
            original_url="https://tass.ru/politika/1",
            author="Ivan Petrov",
            published_at=at(-600),
            site_name="TASS",
            source_lang="en",
            lang_confidence=0.98,
            lang_method="rules",
            input_kind="url",
            content_hash="1" * 64,
            source_text="Talks in Geneva resumed.\n\nBoth sides met.\n\nNo date was set.",
            search_text="talks in geneva resumed both sides met no date was set",
            status="in_review",
            provider="offline",
            created_by="admin",
            created_at=at(10),
            updated_at=at(40),
        ),
        dict(
            id=2,
            title=None,
            outlet=None,
            source_url=None,
            original_url=None,
            author=None,
            published_at=None,
            site_name=None,
            source_lang="ru",
            lang_confidence=0.91,
            lang_method="py3langid",
            input_kind="text",
            content_hash="2" * 64,
            source_text="Переговоры продолжились.",
            search_text="переговоры продолжились",
            status="ingested",
            provider=None,
            created_by="erika",
            created_at=at(11),
            updated_at=at(11),
        ),
    ],
    "translation_job": [
        dict(
            id=1,
            document_id=1,
            provider="offline",
            status="done",
            only_failed=False,
            done=3,
            total=3,
            errors=0,
            error=None,
            attempts=1,
            created_by="admin",
            created_at=at(12),
            started_at=at(12),
            heartbeat_at=at(13),
            finished_at=at(14),
        ),
        dict(
            id=2,
            document_id=2,
            provider="deepl",
            status="failed",
            only_failed=True,
            done=0,
            total=1,
            errors=1,
            error="DeepL: quota exceeded",
            attempts=3,
            created_by="erika",
            created_at=at(15),
            started_at=None,
            heartbeat_at=None,
            finished_at=at(16),
        ),
    ],
    "segment": [
        dict(
            id=1,
            document_id=1,
            position=0,
            kind="title",
            source_text="Talks in Geneva resumed",
            source_lang="en",
            mixed=False,
            draft_text="Gespräche in Genf fortgesetzt",
            draft_provider="offline",
            draft_job_id=1,
            target_text="Gespräche in Genf wieder aufgenommen",
            status="approved",
            error=None,
            version=4,
            updated_at=at(30),
            updated_by="admin",
        ),
        dict(
            id=2,
            document_id=1,
            position=1,
            kind="paragraph",
            source_text="Both sides met.",
            source_lang="en",
            mixed=True,
            draft_text="Beide Seiten trafen sich.",
            draft_provider="offline",
            draft_job_id=1,
            target_text="Beide Seiten kamen zusammen.",
            status="edited",
            error=None,
            version=3,
            updated_at=at(31),
            updated_by="erika",
        ),
        dict(
            id=3,
            document_id=1,
            position=2,
            kind="paragraph",
            source_text="No date was set.",
            source_lang="en",
            mixed=False,
            draft_text=None,
            draft_provider=None,
            draft_job_id=None,
            target_text=None,
            status="new",
            error=None,
            version=1,
            updated_at=at(10),
            updated_by=None,
        ),
        dict(
            id=4,
            document_id=2,
            position=0,
            kind="paragraph",
            source_text="Переговоры продолжились.",
            source_lang="ru",
            mixed=False,
            draft_text=None,
            draft_provider="deepl",
            draft_job_id=2,
            target_text=None,
            status="error",
            error="quota exceeded",
            version=2,
            updated_at=at(16),
            updated_by=None,
        ),
    ],
    "revision": [
        dict(
            id=1,
            segment_id=1,
            version=2,
            kind="machine",
            text="Gespräche in Genf fortgesetzt",
            provider="offline",
            user=None,
            created_at=at(13),
        ),
        dict(
            id=2,
            segment_id=1,
            version=3,
            kind="edit",
            text="Gespräche in Genf wieder aufgenommen",
            provider=None,
            user="erika",
            created_at=at(20),
        ),
        dict(
            id=3,
            segment_id=1,
            version=4,
            kind="approve",
            text=None,
            provider=None,
            user="admin",
            created_at=at(30),
        ),
        dict(
            id=4,
            segment_id=2,
            version=3,
            kind="edit",
            text="Beide Seiten kamen zusammen.",
            provider=None,
            user="erika",
            created_at=at(31),
        ),
    ],
}


def _insert(table: str, rows: list[dict]) -> Callable[[Connection, MetaData], None]:
    def hook(conn: Connection, meta: MetaData) -> None:
        conn.execute(meta.tables[table].insert(), rows)

    return hook


def _set(table: str, values: dict[int, dict]) -> Callable[[Connection, MetaData], None]:
    def hook(conn: Connection, meta: MetaData) -> None:
        t = meta.tables[table]
        for row_id, row in values.items():
            conn.execute(update(t).where(t.c.id == row_id).values(**row))

    return hook


def _ensure(table: str, rows: list[dict]) -> Callable[[Connection, MetaData], None]:
    """Insert the rows whose id is not there yet: data a revision constrains rather than creates."""

    def hook(conn: Connection, meta: MetaData) -> None:
        t = meta.tables[table]
        present = set(conn.execute(select(t.c.id)).scalars())
        missing = [row for row in rows if row["id"] not in present]
        if missing:
            conn.execute(t.insert(), missing)

    return hook


def _all(*hooks: Callable[[Connection, MetaData], None]) -> Callable[[Connection, MetaData], None]:
    def hook(conn: Connection, meta: MetaData) -> None:
        for h in hooks:
            h(conn, meta)

    return hook


POSTS = [
    dict(
        id=1,
        document_id=1,
        title="Gespräche in Genf wieder aufgenommen (TASS)",
        outlet="TASS",
        source_url="https://tass.com/politics/1",
        source_label="TASS",
        original_url="https://tass.ru/politika/1",
        original_label="RUSSISCH",
        headline="Genf",
        subtitle="Beide Seiten kamen zusammen.",
        byline="Ivan Petrov",
        published_at=at(60),
        segment_ids=[1, 2],
        read_more=True,
        read_more_url="https://tass.com/politics/1",
        full_original_line="ENGLISH: Talks in Geneva resumed",
        full_original_url="https://tass.com/politics/1",
        credit="Übersetzung: Werkbank",
        categories=["Politik"],
        tags=["Genf", "Diplomatie"],
        slug="gespraeche-in-genf",
        status="published",
        created_by="admin",
        created_at=at(50),
        updated_at=at(61),
    ),
    dict(
        id=2,
        document_id=1,
        title="Entwurf",
        outlet=None,
        source_url=None,
        source_label=None,
        original_url=None,
        original_label=None,
        headline=None,
        subtitle=None,
        byline=None,
        published_at=at(70),
        segment_ids=[1],
        read_more=False,
        read_more_url=None,
        full_original_line=None,
        full_original_url=None,
        credit=None,
        categories=[],
        tags=[],
        slug="entwurf",
        status="draft",
        created_by=None,
        created_at=at(52),
        updated_at=at(52),
    ),
]

# What each revision after the first adds; revisions that add no table or column have no hook.
HOOKS: dict[str, Callable[[Connection, MetaData], None]] = {
    "0002": _all(
        _insert("post", POSTS),
        _insert(
            "publish_record",
            [
                dict(
                    id=1,
                    post_id=1,
                    site="https://blog.example",
                    remote_id=4711,
                    slug="gespraeche-in-genf",
                    content_hash="c" * 64,
                    status="published",
                    link="https://blog.example/?p=4711",
                    updated_at=at(61),
                ),
            ],
        ),
    ),
    "0003": _all(
        _set(
            "segment",
            {1: dict(notes="Titel mit Redaktion abgestimmt"), 2: dict(notes="„zusammenkommen“ passt")},
        ),
        _set("translation_job", {1: dict(worker="host-a:1234"), 2: dict(worker="host-b:99")}),
    ),
    # An active job next to document 2's failed one: the partial unique index covers it.
    "0005": _ensure(
        "translation_job",
        [
            dict(
                id=3,
                document_id=2,
                provider="libretranslate",
                status="running",
                only_failed=False,
                done=0,
                total=1,
                errors=0,
                error=None,
                attempts=1,
                worker="host-c:7",
                created_by="admin",
                created_at=at(80),
                started_at=at(80),
                heartbeat_at=at(81),
                finished_at=None,
            ),
        ],
    ),
    # The key the migration derives from document 1's URL (document 2 has none).
    "0006": _set("document", {1: dict(source_url_key="https://tass.com/politics/1")}),
    "0007": _set("publish_record", {1: dict(state="done", claim="f" * 32, claimed_at=at(60))}),
    # The counters are backfilled by the upgrade; a segment inserted after it is counted by the
    # triggers, and stepping down and up must backfill exactly what the triggers kept.
    "0008": _ensure(
        "segment",
        [
            dict(
                id=5,
                document_id=2,
                position=1,
                kind="paragraph",
                source_text="Новые переговоры в Женеве.",
                source_lang="ru",
                mixed=False,
                draft_text=None,
                draft_provider=None,
                draft_job_id=None,
                target_text=None,
                status="new",
                error=None,
                notes=None,
                version=1,
                updated_at=at(90),
                updated_by=None,
            ),
        ],
    ),
    # The translation memory (one unit from approved segment 1, one imported), its word index, the
    # post-edit figures of segment 1's machine draft, and the memory hits of job 1.
    "0010": _all(
        _insert(
            "tm_unit",
            [
                dict(
                    id=1,
                    segment_id=1,
                    document_id=1,
                    source_lang="en",
                    source_text="Talks in Geneva resumed",
                    target_text="Gespräche in Genf wieder aufgenommen",
                    exact_key="e" * 64,
                    near_key="n" * 64,
                    outlet="TASS",
                    origin="review",
                    approved_at=at(30),
                    approved_by="admin",
                ),
                dict(
                    id=2,
                    segment_id=None,
                    document_id=None,
                    source_lang="ru",
                    source_text="Переговоры продолжились.",
                    target_text="Die Gespräche gingen weiter.",
                    exact_key="f" * 64,
                    near_key="m" * 64,
                    outlet=None,
                    origin="import",
                    approved_at=at(5),
                    approved_by=None,
                ),
            ],
        ),
        _insert("tm_word", [dict(word="talks", units=1), dict(word="переговоры", units=1)]),
        _insert("tm_posting", [dict(word="talks", unit_id=1), dict(word="переговоры", unit_id=2)]),
        _insert(
            "post_edit",
            [
                dict(
                    id=1,
                    segment_id=1,
                    document_id=1,
                    provider="offline",
                    source_lang="en",
                    outlet="TASS",
                    chrf=61.5,
                    edit_rate=0.25,
                    unchanged=False,
                    seconds=1020.0,
                    approved_at=at(30),
                    approved_by="admin",
                ),
                dict(
                    id=2,
                    segment_id=2,
                    document_id=1,
                    provider="tm",
                    source_lang="en",
                    outlet=None,
                    chrf=100.0,
                    edit_rate=0.0,
                    unchanged=True,
                    seconds=None,
                    approved_at=at(31),
                    approved_by=None,
                ),
            ],
        ),
        _set("translation_job", {1: dict(tm_hits=1), 2: dict(tm_hits=0)}),
    ),
    # QA issues on one segment (the others stay NULL: computed when read), a forced approval's reason.
    "0011": _all(
        _set(
            "segment",
            {
                2: dict(
                    qa=[
                        dict(
                            code="end_punctuation",
                            severity="warning",
                            message="Satzzeichen",
                            source_span=[14, 15],
                            target_span=None,
                        )
                    ]
                )
            },
        ),
        _set("revision", {3: dict(reason="Zahl geprüft, Quelle irrt")}),
    ),
    "0012": _all(
        _insert(
            "feed",
            [
                dict(
                    id=1,
                    url="https://tass.com/rss/v2.xml",
                    url_key="https://tass.com/rss/v2.xml",
                    outlet="TASS",
                    source_lang="en",
                    provider="offline",
                    auto_translate=True,
                    interval_minutes=15,
                    categories=["Politik"],
                    paused=False,
                    etag='"abc"',
                    last_modified="Wed, 02 Dec 2026 08:00:00 GMT",
                    last_polled_at=at(90),
                    last_status="error",
                    last_error="Timeout after 15 s",
                    last_error_code="fetch_timeout",
                    failures=2,
                    next_poll_at=at(150),
                    lease_owner="e" * 32,
                    lease_until=at(95),
                    created_by="admin",
                    created_at=at(85),
                    updated_at=at(90),
                ),
            ],
        ),
        _insert(
            "feed_entry",
            [
                dict(
                    id=1,
                    feed_id=1,
                    entry_key="https://tass.com/politics/1",
                    link="https://tass.com/politics/1",
                    title="Talks in Geneva resumed",
                    published_at=at(-600),
                    outcome="new",
                    error_code=None,
                    error_message=None,
                    attempts=1,
                    document_id=1,
                    listed=True,
                    first_seen_at=at(90),
                    last_seen_at=at(90),
                ),
                dict(
                    id=2,
                    feed_id=1,
                    entry_key="guid:tass-2",
                    link=None,
                    title="No link",
                    published_at=None,
                    outcome="error",
                    error_code="entry_without_link",
                    error_message="The entry has no link",
                    attempts=1,
                    document_id=None,
                    listed=False,
                    first_seen_at=at(90),
                    last_seen_at=at(91),
                ),
            ],
        ),
        _insert(
            "source_change",
            [
                dict(
                    id=1,
                    document_id=1,
                    changes=[
                        {
                            "op": "changed",
                            "segment_id": 3,
                            "position": 2,
                            "old": "No date was set.",
                            "new": "A date was set.",
                        }
                    ],
                    summary="1 changed",
                    created_by="admin",
                    created_at=at(100),
                ),
            ],
        ),
        _set("document", {1: dict(source_checked_at=at(100), source_changed_at=at(100))}),
        _set("segment", {3: dict(previous_source_text="No date was set before.")}),
    ),
    # Token sums a language-model job reported; job 2 ran on an engine that reports none.
    "0013": _set(
        "translation_job",
        {1: dict(prompt_tokens=1200, completion_tokens=340), 2: dict(prompt_tokens=0, completion_tokens=0)},
    ),
    # The memory's change count, the units' stamps, and segment 2's stored matches (one: unit 1).
    "0014": _all(
        _insert("tm_clock", [dict(id=1, seq=3)]),
        _set("tm_unit", {1: dict(seq=3), 2: dict(seq=1)}),
        _insert(
            "segment_match_state",
            [
                dict(
                    segment_id=2,
                    text_key="t" * 64,
                    seq=3,
                    min_score=75,
                    size=5,
                    stored=1,
                    matches='[{"unit_id": 1, "score": 81, "kind": "fuzzy"}]',
                ),
            ],
        ),
        _insert("segment_match", [dict(segment_id=2, unit_id=1, score=81, kind="fuzzy")]),
    ),
}


def revisions(url: str) -> list[str]:
    """Every revision, oldest first."""
    script = ScriptDirectory.from_config(alembic_config(url))
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def fill(url: str, revision: str, *, base: bool = False) -> None:
    """Write BASE (at the first revision) or the revision's hook, through the app's engine (foreign keys on)."""
    hook = HOOKS.get(revision)
    if not base and hook is None:
        return
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            meta = MetaData()
            meta.reflect(conn)
            if base:
                for table, rows in BASE.items():
                    conn.execute(meta.tables[table].insert(), rows)
            if hook is not None:
                hook(conn, meta)
    finally:
        engine.dispose()


def populate(url: str, target: str) -> None:
    """Migrate a new database up to `target` one revision at a time, filling each revision's data."""
    cfg = alembic_config(url)
    for i, rev in enumerate(revisions(url)):
        command.upgrade(cfg, rev)
        fill(url, rev, base=i == 0)
        if rev == target:
            return
    raise AssertionError(f"unknown revision {target}")
