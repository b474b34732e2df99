"""Benchmark: the archive at scale (issue 11) — lists, search, one document, posts, PATCH, ingest.

Run: python -m benchmarks.scale [--small 1000] [--big 100000] [--db sqlite postgres] [--rounds 12]
     [--requests 100] [--cache DIR] [--write-docs]
For each database, a small and a big archive (benchmarks/scale_data.py: bulk SQL, cached) are
served by two real `werkbank serve` processes at once. Every round runs every figure once, in a
seeded random order (benchmarks/stats.interleave); a figure asks both archives `--requests` times,
alternating small and big request by request, so a burst of other work on the machine lands on both.
Figures: p99 over every request at the big size (goal ≤ 50 ms) and the per-round ratio of the p99
at the big size to the p99 at the small one (goal ≤ 1.5×). A rare word stands in the same few
documents of either archive (scale_data.rare_ids: 3 per language), so both sizes answer the same hits
and its ratio is the index's growth alone (until version 2 of the archives it stood in one document
in a thousand: 0 hits at 1,000 against a full page at 100,000). Then PATCH of a segment and `GET /api/auth/me`
under 32 clients, interleaved per round: the per-round ratio of their p99s (goal ≤ 2×). Then one
new document into the big archive ÷ into an empty database (benchmarks/scale_ingest.py, ≤ 1.2×).
"""

import argparse
import asyncio
import os
import platform
import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.report import Figure, figure_table, load_average, write_section, write_summary  # noqa: E402
from benchmarks.scale_data import RARE, T0, build, common_word, sentences  # noqa: E402
from benchmarks.scale_ingest import GOAL_INGEST, PER_ROUND, drop_empty, empty_url, forget, one_document  # noqa: E402
from benchmarks.stats import Goal, interleave, quantile, summarize  # noqa: E402
from testkit.live import Server, cli_env, run_cli  # noqa: E402

GOAL_MS, GOAL_GROWTH, GOAL_PATCH = 50.0, 1.5, 2.0
CLIENTS, PER_CLIENT = 32, 8
MS, RATIO = "{:.1f} ms".format, "{:.2f}×".format


def queries(n: int) -> dict[str, tuple[str, dict]]:
    """The figures' requests against an archive of n documents (ids 1..n, newest = n)."""
    from app.models.paging import encode_cursor

    common = {lang: common_word(sentences(lang)) for lang in ("en", "ru")}
    posted = T0 + timedelta(minutes=15 * (n // 2) + 60)  # document n/2's post (scale_data._post)
    day = posted.astimezone(ZoneInfo("Europe/Berlin")).date().isoformat()  # the site's default zone
    return {
        "inbox first page": ("/api/documents", {"limit": 50}),
        "deep keyset page (90 % down)": ("/api/documents", {"limit": 50, "cursor": encode_cursor(n // 10)}),
        "status filter (approved)": ("/api/documents", {"limit": 50, "status": "approved"}),
        f"search common Latin ({common['en']})": ("/api/documents", {"limit": 50, "q": common["en"]}),
        f"search rare Latin ({RARE['en']})": ("/api/documents", {"limit": 50, "q": RARE["en"]}),
        f"search common Cyrillic ({common['ru']})": ("/api/documents", {"limit": 50, "q": common["ru"]}),
        f"search rare Cyrillic ({RARE['ru']})": ("/api/documents", {"limit": 50, "q": RARE["ru"].upper()}),
        "one document": (f"/api/documents/{n // 2}", {}),
        "posts of a day": ("/api/posts", {"date": day}),
    }


class Archive:
    """A served archive: its server, an editor's token, an HTTP client."""

    def __init__(self, kind: str, n: int, url: str, tmp: Path) -> None:
        self.n, self.url = n, url
        env = cli_env(tmp / f"{kind}-{n}", WERKBANK_DATABASE_URL=url, WERKBANK_RUN_WORKER="0")
        run_cli(
            ["user", "add", "bench", "--role", "editor", "--password-stdin"],
            env,
            stdin="bench-pass-1\n",
            check=False,
        )
        token = run_cli(["token", "create", "bench"], env).stdout.strip()
        self.server = Server(env)
        self.headers = {"Authorization": f"Bearer {token}"}
        self.client = httpx.Client(base_url=self.server.url, headers=self.headers, timeout=60)

    def get(self, path: str, params: dict) -> float:
        t0 = time.perf_counter()
        r = self.client.get(path, params=params)
        ms = 1000 * (time.perf_counter() - t0)
        r.raise_for_status()
        return ms

    def hits(self, path: str, params: dict) -> str:
        """What a list request answers: the first page's items, '+' when there is a next page."""
        if "q" not in params:
            return ""
        page = self.client.get(path, params=params).json()
        return f"{len(page['items'])}{'+' if page['next_cursor'] else ''}"

    def close(self) -> None:
        self.client.close()
        self.server.stop()


def paired(small: Archive, big: Archive, name: str, times: int) -> Callable[[], dict[str, list[float]]]:
    """A figure's requests to both archives, alternating small and big (and which goes first)."""
    small_q, big_q = queries(small.n)[name], queries(big.n)[name]

    def run() -> dict[str, list[float]]:
        out: dict[str, list[float]] = {"small": [], "big": []}
        for i in range(times):
            pair = (("small", small, small_q), ("big", big, big_q))
            for size, archive, (path, params) in pair if i % 2 else pair[::-1]:
                out[size].append(archive.get(path, params))
        return out

    return run


async def _burst(base: str, headers: dict, jobs: list) -> list[float]:
    """32 clients at once, each running its list of request makers; every latency in ms."""
    limits = httpx.Limits(max_connections=CLIENTS)
    async with httpx.AsyncClient(base_url=base, headers=headers, timeout=60, limits=limits) as client:

        async def one(make) -> list[float]:  # noqa: ANN001
            out = []
            for _ in range(PER_CLIENT):
                t0 = time.perf_counter()
                try:
                    r = await make(client)
                except (httpx.RemoteProtocolError, httpx.ReadError):  # a pooled connection the server closed
                    r = await make(client)  # timed from the first attempt: the client waited for both
                out.append(1000 * (time.perf_counter() - t0))
                r.raise_for_status()
            return out

        return [ms for got in await asyncio.gather(*(one(j) for j in jobs)) for ms in got]


class Concurrent:
    """PATCH of 32 segments (one per client) against `GET /api/auth/me`, both 32 clients at once."""

    def __init__(self, archive: Archive) -> None:
        self.archive = archive
        ids = random.Random(3).sample(range(1, archive.n + 1, 10), CLIENTS)  # untouched documents
        self.segments = {}
        for doc_id in ids:
            seg = archive.client.get(f"/api/documents/{doc_id}").json()["segments"][1]
            self.segments[seg["id"]] = seg["version"]

    def patch(self) -> list[float]:
        def maker(seg_id: int):  # noqa: ANN202
            async def make(client: httpx.AsyncClient) -> httpx.Response:
                r = await client.patch(
                    f"/api/segments/{seg_id}",
                    json={"target_text": f"Entwurf {time.time()}", "version": self.segments[seg_id]},
                )
                if r.status_code == 200:
                    self.segments[seg_id] = r.json()["version"]
                return r

            return make

        return asyncio.run(
            _burst(self.archive.server.url, self.archive.headers, [maker(s) for s in self.segments])
        )

    def me(self) -> list[float]:
        async def make(client: httpx.AsyncClient) -> httpx.Response:
            return await client.get("/api/auth/me")

        return asyncio.run(_burst(self.archive.server.url, self.archive.headers, [make] * CLIENTS))


def measure(kind: str, small: int, big: int, rounds: int, requests: int, cache: Path, seed: int) -> dict:
    pg = os.environ.get("WERKBANK_TEST_POSTGRES_URL")
    urls = {n: build(kind, n, cache, pg) for n in (small, big)}
    load_before = load_average()
    with tempfile.TemporaryDirectory() as tmp:
        empty_db = empty_url(kind, Path(tmp), pg)
        archives = {n: Archive(kind, n, url, Path(tmp)) for n, url in urls.items()}
        empty = Archive(kind, 0, empty_db, Path(tmp))
        try:
            names = list(queries(big))
            hits = {f"{name}@{a.n}": a.hits(*queries(a.n)[name]) for name in names for a in archives.values()}
            subjects = {name: paired(archives[small], archives[big], name, requests) for name in names}
            reads = interleave(subjects, rounds=rounds, seed=seed, warmup=1)
            load = Concurrent(archives[big])
            writes = interleave({"patch": load.patch, "me": load.me}, rounds=rounds, seed=seed + 1, warmup=1)
            ingest = interleave(
                {"ingest": lambda: one_document(archives[big].client, empty.client)},
                rounds=rounds,
                seed=seed + 2,
                warmup=1,
            )
        finally:
            for a in (*archives.values(), empty):
                a.close()
            forget(urls[big], big)
            drop_empty(kind, empty_db, pg)
    return {
        "kind": kind,
        "small": small,
        "big": big,
        "names": names,
        "hits": hits,
        "reads": reads,
        "writes": writes,
        "ingest": ingest,
        "requests": requests,
        "rounds": rounds,
        "load": (load_before, load_average()),
    }


def _p99_growth(result: dict, name: str) -> list[float]:
    """Per round: p99 of `name` on the big archive ÷ its p99 on the small one."""
    return [quantile(r[name]["big"], 0.99) / quantile(r[name]["small"], 0.99) for r in result["reads"]]


def figures(result: dict) -> list[Figure]:
    small, big, kind = result["small"], result["big"], result["kind"]
    out = []
    for name in result["names"]:
        at_big = [ms for r in result["reads"] for ms in r[name]["big"]]
        at_small = [ms for r in result["reads"] for ms in r[name]["small"]]
        out.append(
            Figure(
                f"{kind} {big:,}: {name}, p99",
                f"≤ {GOAL_MS:.0f} ms",
                Goal(GOAL_MS),
                summarize(at_big, q=0.99),
                MS,
                floor=summarize(at_small, q=0.99),
            )
        )
        at = {n: result["hits"][f"{name}@{n}"] for n in (small, big)}
        hits = f" (first page: {at[small]} hits / {at[big]})" if at[big] else ""
        out.append(
            Figure(
                f"{kind}: {name}, p99 {big:,} / {small:,}{hits}",
                f"≤ {GOAL_GROWTH}×",
                Goal(GOAL_GROWTH),
                summarize(_p99_growth(result, name)),
                RATIO,
            )
        )
    patch = [quantile(r["patch"], 0.99) / quantile(r["me"], 0.99) for r in result["writes"]]
    out.append(
        Figure(
            f"{kind} {big:,}: PATCH p99 / `GET /api/auth/me` p99, {CLIENTS} clients",
            f"≤ {GOAL_PATCH:.0f}×",
            Goal(GOAL_PATCH),
            summarize(patch),
            RATIO,
        )
    )
    out.append(
        Figure(
            f"{kind}: ingest one document at {big:,} documents ÷ empty database (median of {PER_ROUND})",
            f"≤ {GOAL_INGEST}×",
            Goal(GOAL_INGEST),
            summarize([r["ingest"]["big"] / r["ingest"]["empty"] for r in result["ingest"]]),
            RATIO,
        )
    )
    return out


def render(results: list[dict]) -> str:
    before, after = results[0]["load"]
    lines = [
        f"## Scale to {results[0]['big']:,} documents: lists, search, one document, posts, PATCH, ingest "
        "(`benchmarks/scale.py`)",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores shared with other work, load average "
        f"{before} when the run began and {after} when it ended (1/5/15 min). Three `werkbank serve` "
        "processes (small archive, big archive, empty database) over loopback, httpx. Archives built "
        "with bulk SQL from the UD English and Russian news sentences (`benchmarks/scale_data.py`, "
        "counters checked against a recount).",
        "",
    ]
    for result in results:
        lines += [
            f"### {result['kind']}: {result['small']:,} and {result['big']:,} documents",
            "",
            f"{result['rounds']} interleaved rounds (+1 warm-up), {result['requests']} requests per figure "
            "and size per round, small and big alternating request by request; PATCH vs "
            f"`/api/auth/me`: {CLIENTS} clients × {PER_CLIENT} requests per round; ingest: the median of "
            f"{PER_ROUND} new documents per database per round, alternating. A search's first page is "
            "shown as hits at the small / big size (+: a next page exists). "
            "An absolute p99 that misses its goal while the same request on the small archive misses too is "
            "reported as not resolvable (the floor).",
            "",
            *figure_table(figures(result)),
            "",
        ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=1000)
    parser.add_argument("--big", type=int, default=100_000)
    parser.add_argument("--db", nargs="+", default=["sqlite", "postgres"], choices=["sqlite", "postgres"])
    parser.add_argument("--rounds", type=int, default=12)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "werkbank-scale")
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args()
    results = [
        measure(kind, args.small, args.big, args.rounds, args.requests, args.cache, args.seed)
        for kind in args.db
    ]
    for result in results:  # one section and one block of summary rows per database and size
        section = render([result])
        print(section)
        if args.write_docs:
            write_section(f"scale-{args.big}-{result['kind']}", section)
            write_summary(f"scale_{args.big}_{result['kind']}", figures(result))


if __name__ == "__main__":
    main()
