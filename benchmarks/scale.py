"""Benchmark: the read side at archive scale (issue 11) — lists, search, one document, posts, PATCH.

Run: python -m benchmarks.scale [--small 1000] [--big 100000] [--db sqlite postgres] [--rounds 7]
     [--requests 20] [--cache DIR] [--write-docs]
For each database, a small and a big archive (benchmarks/scale_data.py: bulk SQL, cached) are
served by two real `werkbank serve` processes at once; every round asks both, for every figure,
`--requests` times in a row, in a seeded random order (benchmarks/stats.interleave). Figures:
p99 over every request at the big size (goal ≤ 50 ms) and the per-round ratio of the p99 at the
big size to the p99 at the small one (goal ≤ 1.5×). Then PATCH of a segment and `GET /api/auth/me`
under 32 concurrent clients, interleaved per round: the per-round ratio of their p99s (goal ≤ 2×).
"""

import argparse
import asyncio
import os
import platform
import random
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.report import Figure, figure_table, load_average, write_section, write_summary  # noqa: E402
from benchmarks.scale_data import RARE, T0, build, common_word, sentences  # noqa: E402
from benchmarks.stats import Goal, interleave, quantile, summarize  # noqa: E402
from testkit.live import Server, cli_env, run_cli  # noqa: E402

GOAL_MS, GOAL_GROWTH, GOAL_PATCH = 50.0, 1.5, 2.0
CLIENTS, PER_CLIENT = 32, 4
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
        self.n = n
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
        self.queries = queries(n)

    def timed(self, path: str, params: dict, times: int) -> list[float]:
        out = []
        for _ in range(times):
            t0 = time.perf_counter()
            r = self.client.get(path, params=params)
            out.append(1000 * (time.perf_counter() - t0))
            r.raise_for_status()
        return out

    def close(self) -> None:
        self.client.close()
        self.server.stop()


async def _burst(base: str, headers: dict, jobs: list) -> list[float]:
    """32 clients at once, each running its list of request makers; every latency in ms."""
    limits = httpx.Limits(max_connections=CLIENTS)
    async with httpx.AsyncClient(base_url=base, headers=headers, timeout=60, limits=limits) as client:

        async def one(make) -> list[float]:  # noqa: ANN001
            out = []
            for _ in range(PER_CLIENT):
                t0 = time.perf_counter()
                r = await make(client)
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
    with tempfile.TemporaryDirectory() as tmp:
        archives = {n: Archive(kind, n, url, Path(tmp)) for n, url in urls.items()}
        try:
            subjects = {
                f"{name}@{n}": (lambda a=a, p=path, q=params: a.timed(p, q, requests))
                for n, a in archives.items()
                for name, (path, params) in a.queries.items()
            }
            reads = interleave(subjects, rounds=rounds, seed=seed, warmup=1)
            load = Concurrent(archives[big])
            writes = interleave({"patch": load.patch, "me": load.me}, rounds=rounds, seed=seed + 1, warmup=1)
        finally:
            for a in archives.values():
                a.close()
    return {
        "kind": kind,
        "small": small,
        "big": big,
        "names": list(archives[big].queries),
        "reads": reads,
        "writes": writes,
        "requests": requests,
        "rounds": rounds,
    }


def figures(result: dict) -> list[Figure]:
    small, big, kind = result["small"], result["big"], result["kind"]
    out = []
    for name in result["names"]:
        at_big = [ms for r in result["reads"] for ms in r[f"{name}@{big}"]]
        at_small = [ms for r in result["reads"] for ms in r[f"{name}@{small}"]]
        growth = [
            quantile(r[f"{name}@{big}"], 0.99) / quantile(r[f"{name}@{small}"], 0.99) for r in result["reads"]
        ]
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
        out.append(
            Figure(
                f"{kind}: {name}, p99 {big:,} / {small:,}",
                f"≤ {GOAL_GROWTH}×",
                Goal(GOAL_GROWTH),
                summarize(growth),
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
    return out


def render(results: list[dict], load: str) -> str:
    lines = [
        f"## Scale to {results[0]['big']:,} documents: lists, search, one document, posts, PATCH "
        "(`benchmarks/scale.py`)",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores shared with other work, load average {load} "
        "(1/5/15 min) when the run ended. Two `werkbank serve` processes (small and big archive) over "
        "loopback, httpx. Archives built with bulk SQL from the UD English and Russian news sentences "
        "(`benchmarks/scale_data.py`, counters checked against a recount).",
        "",
    ]
    for result in results:
        lines += [
            f"### {result['kind']}: {result['small']:,} and {result['big']:,} documents",
            "",
            f"{result['rounds']} interleaved rounds (+1 warm-up), {result['requests']} requests per figure "
            f"and size per round; PATCH vs `/api/auth/me`: {CLIENTS} clients × {PER_CLIENT} requests "
            "per round. "
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
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "werkbank-scale")
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args()
    results = [
        measure(kind, args.small, args.big, args.rounds, args.requests, args.cache, args.seed)
        for kind in args.db
    ]
    load = load_average()
    for result in results:  # one section and one block of summary rows per database and size
        section = render([result], load)
        print(section)
        if args.write_docs:
            write_section(f"scale-{args.big}-{result['kind']}", section)
            write_summary(f"scale_{args.big}_{result['kind']}", figures(result))


if __name__ == "__main__":
    main()
