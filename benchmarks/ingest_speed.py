"""Benchmark: ingest speed against its own work, on SQLite and PostgreSQL, through a real `werkbank serve`.

Run: python -m benchmarks.ingest_speed [--rounds 7] [--bulk 100] [--populated 5000] [--postgres URL]
     [--write-docs]
Per database, in interleaved rounds: a bulk request of `--bulk` new articles (articles/s, and its time
÷ detection and segmentation of as many articles in this process, the work ingest cannot avoid); one
new document into an empty database and into one holding `--populated` documents (ratio); and
`/api/health` probed every 20 ms while a 500-article bulk request runs (p99; the floor: the same
probes against the idle server), with the server's peak RSS during that bulk. Since 3 December 2026
`/api/health` is liveness and runs no SQL (`/api/ready` checks the database): earlier runs' health
figures include a `SELECT 1` and the pool's ping on the busy database. PostgreSQL runs when
`--postgres` or WERKBANK_TEST_POSTGRES_URL names a server (a fresh database is created and dropped).

The one-document ratio is one subject that alternates the two databases document by document
(`ONE_PER_ROUND` each, which one goes first alternating too), as benchmarks/scale_ingest.py does:
two medians of five taken at different moments of a round (two subjects, a bulk request or the
other server's work between them) carried that moment's load into the ratio, and 15 rounds gave a
95 % CI of 0.97–1.34× on SQLite and 0.68–1.41× on PostgreSQL, too wide to tell 1.2× from 1.0×.
Alternating pairs share the machine's state, and 15 a side shrink the median's own sampling
error to about √(5/15) ≈ 0.6 of five's. They are cheap: a single ingest takes 20–60 ms, so 30 of
them add one to two seconds to a round that spends more on its 500-article bulk.
"""

import argparse
import itertools
import json
import os
import platform
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.news_articles import article, distinct_share  # noqa: E402
from benchmarks.report import Figure, figure_table, load_average, write_section, write_summary  # noqa: E402
from benchmarks.stats import Goal, interleave, ratios, summarize  # noqa: E402
from testkit.browser import Server, run_server  # noqa: E402

HEALTH_BULK, PROBE_EVERY, IDLE_PROBES, ONE_PER_ROUND = 500, 0.02, 100, 15
GOALS = {"rate": 50.0, "work": 1.3, "one": 1.2, "health": 50.0, "rss": 300.0}
_numbers = itertools.count(1_000_000)  # every article of the run is new


def _new(count: int) -> list[dict]:
    return [article(next(_numbers)) for _ in range(count)]


def _rss_mib(pid: int) -> float:
    """Resident set size of a process now, in MiB (Linux /proc); 0 once it has exited."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except (FileNotFoundError, ProcessLookupError):
        pass
    return 0.0


def _tree(pid: int) -> list[int]:
    """The process and all its descendants now (Linux /proc): serve and its ingest processes."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                todo.extend(int(c) for c in (task / "children").read_text().split())
        except (FileNotFoundError, ProcessLookupError):
            continue
    return found


def _tree_rss_mib(pid: int) -> tuple[float, int]:
    """Summed RSS of the process tree in MiB (shared pages count once per process), and its size."""
    pids = _tree(pid)
    return sum(_rss_mib(p) for p in pids), len(pids)


def _bulk(client: httpx.Client, items: list[dict]) -> None:
    r = client.post("/api/documents/bulk", json=items, timeout=900)
    r.raise_for_status()
    assert r.json()["created"] == len(items), r.text[:500]


def detect_and_segment(items: list[dict]) -> None:
    """What ingest must do for each article whatever the storage: normalise, split, detect, hash."""
    from app.detection.detector import route_language
    from app.ingest.pipeline import content_hash
    from app.ingest.segment import split_text
    from app.text.normalize import normalize_text

    for item in items:
        blocks = split_text(normalize_text(item["text"]))
        route_language([b.text for b in blocks])
        content_hash(blocks)


class Subjects:
    """The callables of one round, bound to the servers of one database."""

    def __init__(self, populated: Server, empty: Server, bulk: int) -> None:
        self.server, self.bulk = populated, bulk
        self.clients = {"populated": populated.client("admin"), "empty": empty.client("admin")}

    def bulk_request(self) -> float:
        items = _new(self.bulk)
        start = time.perf_counter()
        _bulk(self.clients["populated"], items)
        return time.perf_counter() - start

    def own_work(self) -> float:
        items = _new(self.bulk)
        start = time.perf_counter()
        detect_and_segment(items)
        return time.perf_counter() - start

    def _one(self, which: str) -> float:
        item = _new(1)[0]
        start = time.perf_counter()
        self.clients[which].post("/api/documents", json=item).raise_for_status()
        return 1000 * (time.perf_counter() - start)

    def one(self) -> dict[str, float]:
        """Median ms of ONE_PER_ROUND single-document ingests into each database, alternating."""
        times: dict[str, list[float]] = {"populated": [], "empty": []}
        for i in range(ONE_PER_ROUND):
            pair = ("populated", "empty") if i % 2 else ("empty", "populated")
            for which in pair:
                times[which].append(self._one(which))
        return {which: statistics.median(ms) for which, ms in times.items()}

    def health_during_bulk(self) -> dict:
        items, pid = _new(HEALTH_BULK), self.server.process.pid
        done = threading.Event()
        worker = threading.Thread(target=lambda: (_bulk(self.clients["populated"], items), done.set()))
        probes, (peak, procs) = [], _tree_rss_mib(pid)
        with httpx.Client(base_url=self.server.base_url, timeout=60) as probe:
            worker.start()
            while not done.is_set() and worker.is_alive():
                start = time.perf_counter()
                probe.get("/api/health").raise_for_status()
                probes.append(1000 * (time.perf_counter() - start))
                rss, count = _tree_rss_mib(pid)
                peak, procs = max(peak, rss), max(procs, count)
                time.sleep(PROBE_EVERY)
        worker.join()
        if not done.is_set():
            raise RuntimeError("the 500-article bulk request failed")
        return {"probes": probes, "rss": peak, "processes": procs}

    def idle_health(self) -> list[float]:
        probes = []
        with httpx.Client(base_url=self.server.base_url, timeout=60) as probe:
            for _ in range(IDLE_PROBES):
                start = time.perf_counter()
                probe.get("/api/health").raise_for_status()
                probes.append(1000 * (time.perf_counter() - start))
                time.sleep(PROBE_EVERY)
        return probes

    def all(self) -> dict:
        return {
            "bulk": self.bulk_request,
            "work": self.own_work,
            "one": self.one,
            "during": self.health_during_bulk,
            "idle": self.idle_health,
        }


@contextmanager
def _servers(tmp: Path, database: str, pg_admin: str | None) -> Iterator[tuple[Server, Server]]:
    """Two `werkbank serve` processes (no embedded worker): one to populate, one left empty."""
    urls: list[Iterator[str]] = []

    def url(name: str) -> dict[str, str]:
        if database == "sqlite":
            return {}
        from testkit.database import pg_database

        urls.append(pg_database(pg_admin or ""))
        return {"WERKBANK_DATABASE_URL": next(urls[-1])}

    env = {"WERKBANK_RUN_WORKER": "false"}
    try:
        for name in ("populated", "empty"):
            (tmp / name).mkdir()
        with (
            run_server(
                tmp / "populated", tiny_model=False, env={**env, **url("populated")}, timeout=180
            ) as populated,
            run_server(tmp / "empty", tiny_model=False, env={**env, **url("empty")}, timeout=180) as empty,
        ):
            yield populated, empty
    finally:
        for gen in urls:
            gen.close()


def measure(
    database: str, *, rounds: int, bulk: int, populated: int, seed: int, pg_admin: str | None
) -> dict:
    with tempfile.TemporaryDirectory() as tmp, _servers(Path(tmp), database, pg_admin) as (full, empty):
        subjects = Subjects(full, empty, bulk)
        start = time.perf_counter()
        for offset in range(0, populated, 500):
            _bulk(subjects.clients["populated"], _new(min(500, populated - offset)))
        fill = time.perf_counter() - start
        played = interleave(subjects.all(), rounds=rounds, seed=seed, warmup=1)
    return {
        "database": database,
        "rounds": rounds,
        "seed": seed,
        "bulk_size": bulk,
        "distinct_share": statistics.median(distinct_share(article(n)["text"]) for n in range(1000)),
        "populated": populated,
        "fill_rate": populated / fill if populated else 0.0,
        "rate": [bulk / r["bulk"] for r in played],
        "bulk_s": [r["bulk"] for r in played],
        "work_s": [r["work"] for r in played],
        "work_ratio": ratios(played, "bulk", "work"),
        "one_empty": [r["one"]["empty"] for r in played],
        "one_populated": [r["one"]["populated"] for r in played],
        "one_ratio": [r["one"]["populated"] / r["one"]["empty"] for r in played],
        "health": [ms for r in played for ms in r["during"]["probes"]],
        "idle": [ms for r in played for ms in r["idle"]],
        "rss": [r["during"]["rss"] for r in played],
        "processes": max(r["during"]["processes"] for r in played),
    }


RATE, TIMES, MS, MIB = "{:.0f}/s".format, "{:.2f}×".format, "{:.0f} ms".format, "{:.0f} MiB".format


def figures(result: dict) -> list[Figure]:
    """The goals of issue 11 measured on one database."""
    db, n = {"sqlite": "SQLite", "postgres": "PostgreSQL"}[result["database"]], result["populated"]
    return [
        Figure(
            f"bulk ingest articles/s ({db})",
            f"≥ {GOALS['rate']:.0f}/s",
            Goal(GOALS["rate"], at_most=False),
            summarize(result["rate"]),
            RATE,
        ),
        Figure(
            f"bulk request ÷ detect+segment alone ({db})",
            f"≤ {GOALS['work']}×",
            Goal(GOALS["work"], wrapper=True),
            summarize(result["work_ratio"]),
            TIMES,
        ),
        Figure(
            f"one document at {n:,} documents ÷ empty ({db})",
            f"≤ {GOALS['one']}×",
            Goal(GOALS["one"]),
            summarize(result["one_ratio"]),
            TIMES,
        ),
        Figure(
            f"/api/health p99 during a {HEALTH_BULK}-article bulk ({db})",
            f"p99 ≤ {GOALS['health']:.0f} ms",
            Goal(GOALS["health"]),
            summarize(result["health"], q=0.99),
            MS,
            floor=summarize(result["idle"], q=0.99),
        ),
        Figure(
            f"peak RSS of serve and its child processes during the bulk ({db})",
            f"≤ {GOALS['rss']:.0f} MiB in every round",
            Goal(GOALS["rss"], hard=True),
            summarize(result["rss"]),
            MIB,
        ),
    ]


def render(results: list[dict], load: str) -> str:
    first = results[0]
    lines = [
        "## Ingest speed (`benchmarks/ingest_speed.py`)",
        "",
        f"Machine: {platform.machine()}, CPython {platform.python_version()}; `werkbank serve` (one "
        "server process with its default one ingest child process, `WERKBANK_INGEST_PROCESSES=1`; no "
        "embedded worker) and this benchmark on loopback, 2 cores shared with other work; "
        f"load average (1/5/15 min) {load} at the start, {load_average()} at the end.",
        "",
        f"Per database {first['rounds']} rounds after one warm-up round (seed {first['seed']}); each "
        "round runs, in a random order: a bulk request of "
        f"{first['bulk_size']} new articles (half English, half Russian, 7 segments each of real news "
        "sentences, none twice in an article: benchmarks/news_articles.py, distinct words "
        f"{first.get('distinct_share', 0):.0%} of the text; language detected) into a database "
        "already holding "
        f"{first['populated']:,} documents; detection and segmentation of {first['bulk_size']} such "
        "articles in this process (normalise, split, detect, hash: the work any ingest has to do; the "
        "request's ratio to it is the cost of HTTP, JSON, duplicate checks and storage); "
        f"{ONE_PER_ROUND} single `POST /api/documents` into that database and {ONE_PER_ROUND} into a "
        "second server's empty one, alternating document by document (median each, ratio per round); "
        f"`/api/health` (liveness: no SQL) every {PROBE_EVERY * 1000:.0f} ms while a "
        f"{HEALTH_BULK}-article bulk request runs, with the RSS of the server and all its child "
        "processes summed at each probe (pages they share count once per process, so the sum "
        "overstates their memory); and "
        f"{IDLE_PROBES} probes of the idle server, the floor of the health figure. The empty database "
        f"grows by {ONE_PER_ROUND} documents a round.",
        "",
    ]
    for result in results:
        db = {"sqlite": "SQLite", "postgres": "PostgreSQL"}[result["database"]]
        lines += [
            f"### {db}",
            "",
            f"Filling the database with {result['populated']:,} documents in 500-article bulk requests "
            f"ran at {result['fill_rate']:.0f} articles/s (for information, not a figure). "
            f"The server's process tree had at most {result['processes']} processes during the bulk.",
            "",
            *figure_table(figures(result)),
            "",
            "| series | samples | median | min–max |",
            "|---|---:|---:|---:|",
        ]
        for key, label, fmt in (
            ("bulk_s", f"bulk request of {result['bulk_size']} (s)", "{:.2f} s".format),
            ("work_s", f"detect+segment of {result['bulk_size']} (s)", "{:.2f} s".format),
            ("one_empty", "one document, empty database", MS),
            ("one_populated", f"one document, {result['populated']:,} documents", MS),
            ("health", "health during the bulk", MS),
            ("idle", "health, idle server", MS),
        ):
            values = result[key]
            lines.append(
                f"| {label} | {len(values)} | {fmt(statistics.median(values))} "
                f"| {fmt(min(values))}–{fmt(max(values))} |"
            )
        lines.append("")
    return "\n".join(lines).rstrip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7, help="≥ 6 for a bounded interval of a median")
    parser.add_argument("--bulk", type=int, default=100, help="articles per measured bulk request")
    parser.add_argument("--populated", type=int, default=5000, help="documents in the populated database")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--postgres", default=os.environ.get("WERKBANK_TEST_POSTGRES_URL"))
    parser.add_argument("--only", choices=("sqlite", "postgres"))
    parser.add_argument("--write-docs", action="store_true", help="update docs/benchmarks.md")
    args = parser.parse_args()
    if args.write_docs and (args.only or not args.postgres):
        parser.error("--write-docs rewrites both databases' rows: run without --only and with --postgres")
    load = load_average()
    databases = [db for db in ("sqlite", "postgres") if db != "postgres" or args.postgres]
    results = []
    for db in (db for db in databases if args.only in (None, db)):
        kwargs = {
            "bulk": args.bulk,
            "populated": args.populated,
            "seed": args.seed,
            "pg_admin": args.postgres,
        }
        results.append(measure(db, rounds=args.rounds, **kwargs))
        print(json.dumps(results[-1]), file=sys.stderr)  # the raw series, should rendering fail
    section = render(results, load)
    print(section)
    if args.write_docs:
        write_section("ingest", section)
        write_summary("ingest_speed", [f for r in results for f in figures(r)])


if __name__ == "__main__":
    main()
