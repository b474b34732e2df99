"""Benchmark: translation-memory match lookups with 200,000 units on SQLite and PostgreSQL.

Run: python -m benchmarks.tm [--units 200000] [--rounds 150] [--seed 13] [--db sqlite|postgres|both]
[--write-docs]   (PostgreSQL: WERKBANK_TEST_POSTGRES_URL names a server; a fresh database is made.)
Goal: match lookup p99 ≤ 30 ms (issue 13). Each round looks up, in a seeded random order, one text
of each kind — an exact repeat, a near-exact one (numbers and case changed), a fuzzy one (two words
changed), a new one (no match) — and the floor: the exact-key query alone (one indexed SELECT in a
fresh session, what any lookup costs before the fuzzy stage).
"""

import argparse
import os
import platform
import random
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rich.progress import Progress  # noqa: E402
from sqlmodel import Session  # noqa: E402

from app.memory.matching import exact_targets, lookup  # noqa: E402
from app.memory.units import NewUnit, add_units  # noqa: E402
from benchmarks.report import Figure, figure_table, load_average, write_section, write_summary  # noqa: E402
from benchmarks.stats import Goal, interleave, quantile, summarize  # noqa: E402
from testkit.database import pg_database, reset_caches  # noqa: E402

GOAL_MS = 30.0
KINDS = ("exact", "near", "fuzzy", "new")
COMMON = (  # noqa: SIM905 - a word list reads better as one string
    "the a of to in and on for that with said by was is at from as has have will be it its an this were "
    "which after their not are been also more than but would over about who new two last year president "
    "government minister country people officials state told week talks security could other into first"
).split()
MS = "{:.1f} ms".format
NAMES = {"sqlite": "SQLite", "postgres": "PostgreSQL"}
CHUNK = 5000


def vocabulary(size: int, rng: random.Random) -> list[str]:
    """Made-up but word-like content words (names, nouns): their frequencies follow Zipf's law below."""
    syllables = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"] + [
        "ast",
        "orn",
        "eli",
        "ung",
        "ova",
        "ski",
    ]
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))))
    return sorted(words)


class Corpus:
    """Deterministic news-like sentences: common words, Zipf-distributed content words, numbers."""

    def __init__(self, seed: int, vocab_size: int = 30_000) -> None:
        self.rng = random.Random(seed)
        self.vocab = vocabulary(vocab_size, self.rng)
        self.weights = [1 / (rank + 1) for rank in range(len(self.vocab))]

    def sentence(self, rng: random.Random | None = None) -> str:
        rng = rng or self.rng
        n = rng.randint(12, 28)
        content = rng.choices(self.vocab, weights=self.weights, k=n)
        words = [rng.choice(COMMON) if rng.random() < 0.5 else content[i] for i in range(n)]
        if rng.random() < 0.6:
            words.insert(rng.randint(0, n), str(rng.randint(2, 2030)))
        return " ".join(words).capitalize() + "."


def fill(session_factory: Callable[[], Session], corpus: Corpus, units: int, label: str) -> list[str]:
    """Write `units` memory units through the product's add_units, CHUNK per transaction; their sources."""
    sources: list[str] = []
    now = datetime(2026, 12, 1, tzinfo=UTC)
    with Progress() as progress:
        task = progress.add_task(f"{label}: filling the memory", total=units)
        for start in range(0, units, CHUNK):
            batch = [corpus.sentence() for _ in range(min(CHUNK, units - start))]
            with session_factory() as session:
                add_units(
                    session,
                    [NewUnit("en", s, "Übersetzung: " + s, now, "bench", origin="import") for s in batch],
                )
                session.commit()
            sources += batch
            progress.update(task, advance=len(batch))
    return sources


def probes(corpus: Corpus, sources: list[str], rng: random.Random) -> dict[str, Callable[[], str]]:
    """A text of each kind, drawn anew on every call."""

    def near() -> str:
        text = rng.choice([s for s in rng.sample(sources, 20) if any(c.isdigit() for c in s)] or sources)
        swapped = "".join(str((int(c) + 1) % 10) if c.isdigit() else c for c in text)
        return swapped.upper() if swapped == text else swapped[0].lower() + swapped[1:]

    def fuzzy() -> str:
        words = rng.choice(sources).split()
        for i in rng.sample(range(len(words)), 2):
            words[i] = rng.choice(corpus.vocab[1000:])
        return " ".join(words)

    return {
        "exact": lambda: rng.choice(sources),
        "near": near,
        "fuzzy": fuzzy,
        "new": lambda: corpus.sentence(rng),
    }


def timed(session_factory: Callable[[], Session], call: Callable[[Session], object]) -> float:
    """Milliseconds of one lookup in a fresh session, as one request would do it."""
    started = time.perf_counter()
    with session_factory() as session:
        call(session)
    return (time.perf_counter() - started) * 1000


def measure(
    session_factory: Callable[[], Session], corpus: Corpus, sources: list[str], rounds: int, seed: int
) -> dict:
    rng = random.Random(seed)
    draw = probes(corpus, sources, rng)
    found: dict[str, list[int]] = {k: [] for k in KINDS}

    def subject(kind: str) -> Callable[[], float]:
        def run() -> float:
            text = draw[kind]()
            hits: list = []
            ms = timed(
                session_factory,
                lambda s: hits.extend(lookup(session=s, lang="en", text=text, min_score=75, limit=5)),
            )
            found[kind].append(hits[0].score if hits else 0)
            return ms

        return run

    def floor() -> float:
        text = rng.choice(sources)
        return timed(session_factory, lambda s: exact_targets(session=s, lang="en", texts=[text]))

    subjects = {kind: subject(kind) for kind in KINDS} | {"floor": floor}
    played = interleave(subjects, rounds=rounds, seed=seed, warmup=1)
    return {"rounds": played, "scores": found}


@contextmanager
def database(kind: str, workdir: Path) -> Iterator[str]:
    if kind == "sqlite":
        yield f"sqlite:///{workdir / 'tm-bench.db'}"
        return
    admin = os.environ.get("WERKBANK_TEST_POSTGRES_URL")
    if not admin:
        raise SystemExit("PostgreSQL: set WERKBANK_TEST_POSTGRES_URL")
    yield from _once(pg_database(admin))


def _once(gen: Iterator[str]) -> Iterator[str]:
    url = next(gen)
    try:
        yield url
    finally:
        gen.close()


def run(kind: str, units: int, rounds: int, seed: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp, database(kind, Path(tmp)) as url:
        os.environ["WERKBANK_DATABASE_URL"] = url
        os.environ["WERKBANK_DATA_DIR"] = tmp
        reset_caches()
        from app.db import get_engine, upgrade

        upgrade()
        engine = get_engine()
        corpus = Corpus(seed)
        started = time.perf_counter()
        sources = fill(lambda: Session(engine), corpus, units, kind)
        fill_s = time.perf_counter() - started
        result = measure(lambda: Session(engine), corpus, sources, rounds, seed)
        version = engine.dialect.server_version_info
        engine.dispose()
        reset_caches()
    return {**result, "fill_s": fill_s, "server": ".".join(map(str, version or ()))}


def figures(kind: str, result: dict, units: int) -> list[Figure]:
    played = result["rounds"]
    every = [r[k] for r in played for k in KINDS]
    floor = [r["floor"] for r in played]
    name = f"match lookup, {units:,} units, {'SQLite' if kind == 'sqlite' else 'PostgreSQL'}"
    goal = Goal(GOAL_MS)
    return [
        Figure(name, f"p99 ≤ {GOAL_MS:.0f} ms", goal, summarize(every, q=0.99), MS, summarize(floor, q=0.99))
    ]


def section(results: dict[str, dict], units: int, rounds: int, seed: int, load: tuple[str, str]) -> str:
    lines = [
        f"## Translation-memory lookups, {' and '.join(NAMES[k] for k in results)} (`benchmarks/tm.py`)",
        "",
        f"Machine: {platform.machine()}, CPython {platform.python_version()}, 2 cores shared with other "
        f"work; load average (1/5/15 min) {load[0]} at the start, {load[1]} at the end.",
        "",
        f"{units:,} English units written through `app.memory.units.add_units` (the import path), made-up "
        "news-like sentences (12–28 words: common English words and content words from a 30,000-word "
        "vocabulary in Zipf frequencies, a number in 60 %). A *lookup* is `app.memory.matching.lookup` "
        "(what `GET /api/segments/{id}/matches` runs, without HTTP) with min_score 75, limit 5, in a fresh "
        "session. "
        f"{rounds} rounds after one warm-up round (seed {seed}); each round looks up, in a random order, one "
        "text of each kind — *exact* (a stored source), *near* (its digits changed, or its case), *fuzzy* "
        "(two of its words replaced), *new* (a fresh sentence) — and the *floor*: the exact-key query alone "
        "in a fresh session. The goal is read as the p99 over every lookup of every kind; a p99 has a "
        "bounded 95 % interval only from a few hundred samples on.",
        "",
    ]
    for kind, result in results.items():
        played = result["rounds"]
        figs = figures(kind, result, units)
        lines += [
            f"### {'SQLite' if kind == 'sqlite' else 'PostgreSQL ' + result['server']}",
            "",
            f"Filling the memory took {result['fill_s']:.0f} s.",
            "",
            *figure_table(figs),
            "",
            "| series | samples | median | p90 | p99 | max | best score found (median) |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        for k in (*KINDS, "floor"):
            values = [r[k] for r in played]
            scores = result["scores"].get(k)
            best = f"{quantile(scores, 0.5):.0f}" if scores else "–"
            lines.append(
                f"| {k} | {len(values)} | {MS(quantile(values, 0.5))} | {MS(quantile(values, 0.9))} | "
                f"{MS(quantile(values, 0.99))} | {MS(max(values))} | {best} |"
            )
        lines.append("")
    return "\n".join(lines).rstrip("\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=200_000)
    parser.add_argument("--rounds", type=int, default=150, help="lookups of each kind")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--db", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args()
    kinds = ("sqlite", "postgres") if args.db == "both" else (args.db,)
    for kind in kinds:  # each database's section is written as soon as it is measured
        start_load = load_average()
        result = run(kind, args.units, args.rounds, args.seed)
        text = section({kind: result}, args.units, args.rounds, args.seed, (start_load, load_average()))
        print(text, flush=True)
        if args.write_docs:
            write_section(f"tm-{kind}", text)
            write_summary(f"tm ({kind})", figures(kind, result, args.units))


if __name__ == "__main__":
    main()
