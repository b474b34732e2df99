"""Benchmark: QA of a 30-segment document, and the document read with QA and memory matches vs without,
interleaved per round, on SQLite and PostgreSQL with a translation memory of --units units.

Run: python -m benchmarks.qa [--rounds 40] [--seed 13] [--db sqlite|postgres|both] [--units 200000]
[--write-docs]   (PostgreSQL: WERKBANK_TEST_POSTGRES_URL names a server; a fresh database is made.)
Goals: every check over a 30-segment document ≤ 20 ms (median, its 95 % interval wholly below);
the document read over HTTP with QA and matches (`?include=matches`) ≤ 1.3× the same read without
QA issues and without matches (median of per-round ratios). Matches are stored (app.memory.reads):
the read with matches is the stored one; the first read with no list stored (served without them: every
segment's `matches` null, the document's precompute queued — the document read never searches the
memory), the first read of a new document whose lists the server's worker precomputed after ingest, and
the read after a new unit (merging it) are their own rows, measured in the same rounds. Reported, not a
goal: how long after that first read the queued precompute has stored every list.
"""

import argparse
import random
import sys
import tempfile
import time
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.qa import analysis  # noqa: E402
from app.qa.base import QATerm  # noqa: E402
from app.qa.registry import check_segment  # noqa: E402
from benchmarks.report import Figure, figure_table, load_average, write_section, write_summary  # noqa: E402
from benchmarks.stats import Goal, interleave, ratios, show, summarize  # noqa: E402
from benchmarks.tm import Corpus, database, fill  # noqa: E402
from testkit.browser import Server, run_server  # noqa: E402

SEGMENTS = 30
DB_NAMES = {"sqlite": "SQLite", "postgres": "PostgreSQL"}
NAMES = ["Vladimir Putin", "Olaf Scholz", "Kassym-Jomart Tokayev", "Antonio Guterres", "Recep Tayyip Erdogan"]
PLACES = ["Geneva", "Astana", "Brussels", "Ankara", "Vienna"]
GERMAN_PLACES = ["Genf", "Astana", "Brüssel", "Ankara", "Wien"]
MONTHS = [("January", "Januar"), ("March", "März"), ("June", "Juni"), ("October", "Oktober")]
TERMS = [
    QATerm("CSTO", "OVKS", True),
    QATerm("ceasefire", "Waffenruhe"),
    QATerm("sanctions", "Sanktionen"),
] + [QATerm(f"term{i}", f"Begriff{i}") for i in range(47)]


def paragraph(rng: random.Random, i: int) -> tuple[str, str]:
    """An English news paragraph with names, numbers and a date, and a German translation with a few slips."""
    name, p = rng.choice(NAMES), rng.randrange(len(PLACES))
    month, german_month = rng.choice(MONTHS)
    day, share, people = rng.randint(1, 28), rng.randint(2, 95), rng.randint(2, 900) * 1000
    money = rng.randint(11, 99) / 10
    source = (
        f"{name} said in {PLACES[p]} on {month} {day} that the CSTO would keep the ceasefire, "
        f"that {share}% of the {people:,} troops would leave and that sanctions cost {money} billion dollars "
        f'a year. "We will see," he told reporters, see https://example.org/news/{i}.'
    )
    german_money = f"{money}".replace(".", ",")
    target = (
        f"{name.split()[-1]} sagte am {day}. {german_month} in {GERMAN_PLACES[p]}, "
        "die OVKS werde die Waffenruhe "
        f"einhalten, {share} Prozent der {people:,} Soldaten würden abziehen und die Sanktionen kosteten "
        f"{german_money} Milliarden Dollar im Jahr. „Wir werden sehen“, sagte er, siehe https://example.org/news/{i}."
    ).replace(",000", ".000")
    if i % 4 == 0:  # a dropped digit and straight quotes: issues to find, store and send
        target = (
            target.replace(f"{share} Prozent", f"{share // 10 or 1} Prozent")
            .replace("„", '"')
            .replace("“", '"')
        )
    return source, target


def document(seed: int) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    return [("Talks on the ceasefire resume", "Gespräche über die Waffenruhe gehen weiter")] + [
        paragraph(rng, i) for i in range(1, SEGMENTS)
    ]


def qa_seconds(pairs: list[tuple[str, str]], clock=time.perf_counter) -> float:  # noqa: ANN001
    """Every check over every segment, as an edit or GET …/qa computes it (wall clock, or CPU time).

    From scratch: the texts' shared analyses (app.qa.analysis) are dropped first, or every round after
    the first would measure the checks reading the scans of the round before."""
    analysis.forget()
    started = clock()
    for source, target in pairs:
        check_segment(source=source, target=target, source_lang="en", terms=tuple(TERMS))
    return clock() - started


def store(server: Server, pairs: list[tuple[str, str]]) -> int:
    """The document on the server, every segment edited (so its QA is computed and stored)."""
    with server.client("admin") as client:
        for term in TERMS[:3]:
            client.post(
                "/api/terms",
                json={
                    "source_lang": "en",
                    "source_term": term.source_term,
                    "target_term": term.target_term,
                    "case_sensitive": term.case_sensitive,
                },
            )
        text = "\n\n".join(source for source, _ in pairs) + f"\n\nRun {random.random()}."
        doc = client.post("/api/documents", json={"text": text, "source_lang": "en"}).json()
        for seg, (_, target) in zip(doc["segments"], pairs, strict=False):
            client.patch(
                f"/api/segments/{seg['id']}", json={"target_text": target, "version": 1}
            ).raise_for_status()
        return doc["id"]


def new_term(client) -> None:  # noqa: ANN001 - an httpx client
    """A termbase change (an entry no segment holds): GET …/qa checks every text afresh after it."""
    term = f"benchterm{random.randrange(10**9)}"
    client.post(
        "/api/terms", json={"source_lang": "en", "source_term": term, "target_term": term.upper()}
    ).raise_for_status()


def set_qa(engine, doc_id: int, value: list | None) -> None:  # noqa: ANN001 - an SQLAlchemy engine
    from sqlalchemy import update
    from sqlmodel import Session

    from app.models import Segment

    with Session(engine) as session:
        session.exec(update(Segment).where(Segment.document_id == doc_id).values(qa=value))  # type: ignore[call-overload]
        session.commit()


def forget_matches(engine, doc_id: int) -> None:  # noqa: ANN001 - an SQLAlchemy engine
    """Drop a document's stored matches: its next read with matches computes and stores them."""
    from sqlalchemy import delete
    from sqlmodel import Session, col, select

    from app.models import Segment, SegmentMatch, SegmentMatchState

    ids = select(Segment.id).where(Segment.document_id == doc_id)
    with Session(engine) as session:
        session.exec(delete(SegmentMatch).where(col(SegmentMatch.segment_id).in_(ids)))  # type: ignore[call-overload]
        session.exec(delete(SegmentMatchState).where(col(SegmentMatchState.segment_id).in_(ids)))  # type: ignore[call-overload]
        session.commit()


def wait_for_lists(
    engine, doc_id: int, timeout: float = 120.0, pause: float = 0.2, poll: float = 0.02
) -> None:  # noqa: ANN001
    """Return once every segment of the document has a stored list (the background precompute ran)."""
    from sqlalchemy import func
    from sqlmodel import Session, col, select

    from app.models import Segment, SegmentMatchState

    segments = select(func.count()).select_from(Segment).where(Segment.document_id == doc_id)
    stored = (
        select(func.count())
        .select_from(SegmentMatchState)
        .join(Segment, col(Segment.id) == col(SegmentMatchState.segment_id))
        .where(Segment.document_id == doc_id)
    )
    deadline = time.monotonic() + timeout
    with Session(engine) as session:
        want = session.exec(segments).one()
        while session.exec(stored).one() < want:
            session.rollback()  # a new snapshot for the next look
            if time.monotonic() > deadline:
                raise RuntimeError(f"document {doc_id}: lists not precomputed within {timeout:.0f} s")
            time.sleep(poll)
    time.sleep(pause)  # the task returns after its commit: the read should not race its last steps


def one_more_unit(engine, pairs: list[tuple[str, str]], rng: random.Random) -> None:  # noqa: ANN001
    """An approval elsewhere: one unit like a paragraph of the document (a match for it) is written."""
    from sqlmodel import Session

    from app.memory.units import NewUnit, add_units

    source, target = rng.choice(pairs[1:])
    words = source.split()
    words[rng.randrange(len(words))] = rng.choice(["Monday", "reportedly", "again", "officials"])
    with Session(engine) as session:
        add_units(session, [NewUnit("en", " ".join(words), target, datetime.now(UTC), "bench")])
        session.commit()


def remember(engine, corpus: Corpus, units: int, pairs: list[tuple[str, str]], seed: int, label: str) -> None:  # noqa: ANN001
    """The memory: `units` made-up news sentences (as benchmarks/tm.py writes them) and, as a newsroom's
    memory holds, earlier versions of this document's recurring paragraphs (other names, numbers, dates)."""
    from sqlmodel import Session

    from app.memory.units import NewUnit, add_units

    fill(lambda: Session(engine), corpus, units, label)
    now, earlier = datetime(2026, 11, 1, tzinfo=UTC), document(seed + 1)
    with Session(engine) as session:
        add_units(session, [NewUnit("en", s, t, now, "bench", origin="import") for s, t in earlier])
        session.commit()
    if engine.dialect.name == "postgresql":  # as autovacuum does after a bulk load (benchmarks/scale_data.py)
        from sqlalchemy import text

        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))


def measure(rounds: int, seed: int, kind: str = "sqlite", units: int = 200_000) -> dict:
    from sqlalchemy import create_engine

    pairs = document(seed)
    with ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        url = stack.enter_context(database(kind, tmp))
        server = stack.enter_context(
            run_server(tmp, tiny_model=False, env={"WERKBANK_DATABASE_URL": url}, timeout=120)
        )
        engine = stack.enter_context(_disposing(create_engine(url)))
        started = time.perf_counter()
        remember(engine, Corpus(seed), units, pairs, seed, kind)
        fill_s = time.perf_counter() - started
        with_qa, cold, without, cold_tm = (store(server, pairs) for _ in range(4))
        set_qa(engine, without, [])  # the same document and code path, no issues to send
        client = stack.enter_context(server.client("admin"))
        issues = sum(len(s["qa"]) for s in client.get(f"/api/documents/{with_qa}").json()["segments"])
        full = client.get(f"/api/documents/{with_qa}", params={"include": "matches"}).json()["segments"]
        matched = sum(1 for s in full if s["matches"])
        rng = random.Random(seed)
        warm: list[int] = []
        stored_after: list[float] = []  # seconds from each first read until its lists were all stored

        def read_first() -> float:
            """No list stored: served without them (matches null) and the precompute queued; then wait
            (untimed for the read) until the server's worker has stored every list."""
            forget_matches(engine, cold_tm)
            started = time.perf_counter()
            body = client.get(f"/api/documents/{cold_tm}", params={"include": "matches"})
            took = time.perf_counter() - started
            assert all(s["matches"] is None for s in body.raise_for_status().json()["segments"])
            wait_for_lists(engine, cold_tm, pause=0.0, poll=0.005)
            stored_after.append(time.perf_counter() - started)
            time.sleep(0.2)  # as after read_warm: the task returns after its commit
            return took

        def ingest_warmed() -> None:
            """As a translator meets a new article: ingested (its lists precomputed by the server's
            worker), then edited like the others; the read waits until the lists are stored."""
            warm.append(store(server, pairs))
            wait_for_lists(engine, warm[-1])

        def read_warm() -> float:
            ingest_warmed()
            return _timed(
                lambda: client.get(
                    f"/api/documents/{warm[-1]}", params={"include": "matches"}
                ).raise_for_status()
            )

        def read(doc_id: int, reset: bool = False, params: dict | None = None, before=None):  # noqa: ANN001
            def run() -> float:
                if reset:
                    set_qa(engine, doc_id, None)  # as migration 0011 leaves old rows: computed on read
                if before:
                    before()
                started = time.perf_counter()
                client.get(f"/api/documents/{doc_id}", params=params).raise_for_status()
                return time.perf_counter() - started

            return run

        subjects = {
            "qa": lambda: qa_seconds(pairs),
            "qa_cpu": lambda: qa_seconds(pairs, time.process_time),
            "endpoint": lambda: _timed(lambda: client.get(f"/api/documents/{with_qa}/qa").raise_for_status()),
            # a termbase entry added first: no text was checked with this termbase, so every check runs
            "endpoint_fresh": lambda: _timed(
                lambda: client.get(f"/api/documents/{with_qa}/qa").raise_for_status(),
                before=lambda: new_term(client),
            ),
            "read_without": read(without),
            "read_with": read(with_qa),
            "read_full": read(with_qa, params={"include": "matches"}),
            "read_cold": read(cold, reset=True),
            # with_qa again, a new unit written first: this read merges it, so read_full stays a stored read
            "read_merging": read(
                with_qa, params={"include": "matches"}, before=lambda: one_more_unit(engine, pairs, rng)
            ),
            "read_first": read_first,
            "read_warm": read_warm,
            # read_full after the pause read_warm has before it (wait_for_lists' 0.2 s): a server that sat
            # idle answers its next read slower (caches gone cold), whatever the read
            "read_paused": read(with_qa, params={"include": "matches"}, before=lambda: time.sleep(0.2)),
            # the baseline after the same pause: the read after the precompute is compared with it
            "read_without_paused": read(without, before=lambda: time.sleep(0.2)),
        }
        out = interleave(subjects, rounds=rounds, seed=seed, warmup=2)
        server_version = ".".join(map(str, engine.dialect.server_version_info or ()))
    return {
        "rounds": out,
        "stored_after": stored_after[-len(out) :],  # the measured rounds' (the warm-up's left out)
        "issues": issues,
        "matched": matched,
        "kind": kind,
        "units": units,
        "fill_s": fill_s,
        "server": server_version,
    }


class _disposing:
    """An engine disposed of on exit (its pool closed before the database is dropped)."""

    def __init__(self, engine) -> None:  # noqa: ANN001
        self.engine = engine

    def __enter__(self):  # noqa: ANN204
        return self.engine

    def __exit__(self, *_: object) -> None:
        self.engine.dispose()


def _timed(fn, before=None) -> float:  # noqa: ANN001
    if before:
        before()
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def ms(value: float) -> str:
    return f"{1000 * value:.1f} ms"


def times(value: float) -> str:
    return f"{value:.2f}×"


def figures(result: dict) -> list[Figure]:
    rounds = result["rounds"]
    twenty, ratio = Goal(0.020), Goal(1.3)
    return [
        Figure(
            f"QA, every check over {SEGMENTS} segments",
            "median ≤ 20 ms",
            twenty,
            summarize([r["qa"] for r in rounds]),
            ms,
        ),
        Figure(
            f"QA, every check over {SEGMENTS} segments, CPU time of this process",
            "median ≤ 20 ms",
            twenty,
            summarize([r["qa_cpu"] for r in rounds]),
            ms,
        ),
        Figure(
            f"GET /api/documents/{{id}}/qa, {SEGMENTS} segments (HTTP, texts checked before: memo)",
            "median ≤ 20 ms",
            twenty,
            summarize([r["endpoint"] for r in rounds]),
            ms,
            floor=summarize([r["read_without"] for r in rounds]),  # the plain read over the same HTTP
        ),
        Figure(
            f"GET /api/documents/{{id}}/qa, {SEGMENTS} segments, termbase changed (HTTP, checks afresh)",
            "median ≤ 20 ms",
            twenty,
            summarize([r["endpoint_fresh"] for r in rounds]),
            ms,
            floor=summarize([r["read_without"] for r in rounds]),
        ),
        Figure(
            "document read with stored QA ÷ without",
            "≤ 1.3×",
            ratio,
            summarize(ratios(rounds, "read_with", "read_without")),
            times,
        ),
        Figure(
            f"document read with stored QA and matches ({result['units']:,} TM units, "
            f"{DB_NAMES[result['kind']]}) ÷ without either",
            "≤ 1.3×",
            ratio,
            summarize(ratios(rounds, "read_full", "read_without")),
            times,
        ),
        Figure(
            "document read with QA and matches, one unit new in the memory (merged, stored) ÷ without either",
            "≤ 1.3×",
            ratio,
            summarize(ratios(rounds, "read_merging", "read_without")),
            times,
        ),
        Figure(
            "first document read with QA and matches, no list stored (served without them: matches null, "
            "the precompute queued) ÷ without either",
            "≤ 1.3×",
            ratio,
            summarize(ratios(rounds, "read_first", "read_without")),
            times,
        ),
        Figure(
            "first document read with QA and matches after ingest and the background precompute ÷ without "
            "either, both after the same 0.2 s pause",
            "≤ 1.3×",
            ratio,
            summarize(ratios(rounds, "read_warm", "read_without_paused")),
            times,
        ),
        Figure(
            "stored read with QA and matches ÷ without either, both after the same 0.2 s pause as the read "
            "after the precompute (its control)",
            "≤ 1.3×",
            ratio,
            summarize(ratios(rounds, "read_paused", "read_without_paused")),
            times,
        ),
    ]


def computing_line(result: dict) -> str:
    """The read of rows from before 0011 that the upgrade's backfill has not reached yet: not a goal."""
    s = summarize(ratios(result["rounds"], "read_cold", "read_without"))
    return (
        "Not a goal: *computing* ÷ *without*, the read of a document whose rows from before 0011 the "
        "upgrade's background backfill (app.documents.qa_backfill) has not reached yet, so the read runs "
        f"every check and stores the result: median {times(s.estimate)} (range {times(s.low)}–"
        f"{times(s.high)}, 95 % CI {show(s.ci_low, times)}–{show(s.ci_high, times)}). Since migration "
        "0018 the upgrade fills these rows in (`werkbank db upgrade` at once, `werkbank serve` in the "
        "background), after which the document's reads are the *with stored QA* row's; until 0018 "
        "every old row paid this once, on its first read."
    )


def render(result: dict, load: tuple[str, str]) -> str:
    rounds, name = result["rounds"], DB_NAMES[result["kind"]]
    server = f" {result['server']}" if result["kind"] == "postgres" else ""
    lines = [
        f"## Quality checks and the document read with matches, {name} (`benchmarks/qa.py`)",
        "",
        f"{len(rounds)} interleaved rounds on one `werkbank serve` ({name}{server}, loopback HTTP), "
        f"load average (1/5/15 min) {load[0]} at the start, {load[1]} at the end. The document: a title "
        f"and {SEGMENTS - 1} English news paragraphs with "
        "names, numbers, dates, a URL and termbase hits, each with a German translation; every fourth "
        f"has a dropped digit and straight quotes ({result['issues']} issues stored). *Without* is the "
        "same document whose segments hold no issues (the read runs the same code, with nothing to "
        "add); *computing* resets `segment.qa` to NULL before each read, as rows from before migration "
        "0011 are, so the read runs every check and stores the result. GET …/qa answers texts this process "
        "checked before from app.documents.qa_memo (its key holds the termbase entries); *after a termbase "
        "change* adds an entry first, so every text is checked afresh (each text's scans, which do not "
        "depend on the termbase, are kept per process in app.qa.analysis; the in-process QA rows drop "
        "them before each round, so they measure every check from scratch). The endpoint's floor is "
        "the plain document read over the same HTTP in the same rounds. CPU time (`time.process_time`, "
        "CLOCK_PROCESS_CPUTIME_ID) leaves out the time the process waited for a core, which wall-clock "
        "figures include when other work shares the machine. A segment's QA is computed on read only "
        "once (it is stored then, in the read's transaction), and never after the upgrade's backfill "
        "(`werkbank db upgrade`, serve's background task, `werkbank qa backfill`).",
        "",
        f"*With QA and matches* reads the document with stored issues and `?include=matches` (3 matches "
        "per segment, min score 75) as a translator reads it again: its segments' match lists are stored "
        "(app.memory.reads) and current, so the read joins them. *One unit new* writes a unit like one of "
        "its paragraphs (an approval elsewhere) before the read, which scores it against every segment "
        "and merges it into the lists it enters: only those are parsed, rendered and stored (by the "
        "server's writer thread, after the answer), the others keep their stored JSON and their change "
        "counts move in one statement. *First read* drops the document's stored lists before the read (the "
        "background precompute has not run, or is off): the document read never searches the memory, "
        "so it sends every segment with `matches` null (the editor asks GET /api/segments/{id}/matches "
        "for the active one) and queues the document's precompute task; *lists stored after it* is the "
        "time from that read's start until the server's worker has stored every list (polled every "
        "5 ms; reported, not a goal), and the round goes on 0.2 s after that. "
        "*After ingest and the background precompute* is the real "
        "flow: before each such read a new copy of the document is ingested and edited as the others "
        "were, and the read waits until the server's worker (the embedded huey consumer) has stored "
        "every segment's list (app.memory.warm), and 0.2 s more for the task to return; then it is the "
        "document's first read. Its control, *after the same pause*, is the stored read of the older "
        "document after a 0.2 s pause too: the server's next read after an idle spell is slower whatever "
        "it reads, and the other reads run back to back, so both of these are divided by the plain read "
        "after the same pause (*without either, paused*), not by the back-to-back one. "
        f"The memory holds {result['units']:,} made-up news sentences written "
        "as `benchmarks/tm.py` writes them, plus earlier versions of this document's paragraphs (other "
        "seed: other names, numbers, dates), as a newsroom's memory holds recurring paragraphs; "
        f"{result['matched']} of {SEGMENTS} segments have matches. Filling the memory took "
        f"{result['fill_s']:.0f} s"
        + (
            " (then `VACUUM ANALYZE`, as autovacuum does after a bulk load: without statistics the "
            "planner read the whole word index for the first read's candidates, about 0.9 s)"
            if result["kind"] == "postgres"
            else ""
        )
        + ". *Without either* is the document with no issues, read without matches.",
        "",
        *figure_table(figures(result)),
        "",
        computing_line(result),
        "",
        "Medians of the raw reads: "
        + ", ".join(
            f"{name} {ms(summarize([r[name] for r in rounds]).estimate)}"
            for name in (
                "read_without",
                "read_with",
                "read_full",
                "read_merging",
                "read_first",
                "read_warm",
                "read_paused",
                "read_without_paused",
                "read_cold",
            )
        )
        + ". Lists stored after the first read: "
        + f"median {ms(summarize(result['stored_after']).estimate)}, "
        + f"p90 {ms(summarize(result['stored_after'], q=0.9).estimate)} (not a goal).",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--db", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--units", type=int, default=200_000, help="translation-memory units")
    parser.add_argument("--write-docs", action="store_true", help="update docs/benchmarks.md")
    args = parser.parse_args()
    for kind in ("sqlite", "postgres") if args.db == "both" else (args.db,):
        load = load_average()
        result = measure(args.rounds, args.seed, kind, args.units)
        section = render(result, (load, load_average()))
        print(section, flush=True)
        if args.write_docs:  # SQLite keeps the section's old place; "qa" rows are now per database
            write_section("qa" if kind == "sqlite" else f"qa-{kind}", section)
            write_summary("qa", [])
            write_summary(f"qa ({kind})", figures(result))


if __name__ == "__main__":
    main()
