"""The language-identification goals as figures: accuracy with exact intervals, interleaved speed."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Mapping

from benchmarks.report import Figure
from benchmarks.stats import Goal, interleave, ratios, summarize, worst_share

GOAL_MIB = 150e6 / 2**20  # the 150 MB
BASELINE = "langdetect"
ON_SAMPLE = "not resolvable on this sample"
PCT = "{:.1f} %".format
TIMES = "{:.1f}×".format
MIB = "{:.0f} MiB".format
ACCURACY = (("headline", 95.0), ("sentence", 99.5), ("paragraph", 99.5))


def speed_rounds(
    detectors: Mapping[str, Callable], texts: list[str], *, rounds: int, seed: int
) -> list[dict[str, float]]:
    """Per round and detector: the median µs per text over `texts`, detectors in a random order."""

    def timed(run: Callable) -> Callable[[], float]:
        def one_pass() -> float:
            times = []
            for text in texts:
                started = time.perf_counter_ns()
                run(text)
                times.append(time.perf_counter_ns() - started)
            return statistics.median(times) / 1000

        return one_pass

    return interleave({name: timed(run) for name, run in detectors.items()}, rounds=rounds, seed=seed)


def _shares(routes: dict[str, list[int]], kind: str) -> dict[str, tuple[int, int]]:
    """Per language: (route decisions right, texts) of one kind."""
    return {key.split("/")[0]: (v[1], v[0]) for key, v in routes.items() if key.endswith("/" + kind) and v[0]}


def goal_figures(res: dict, speed: list[dict[str, float]] | None, name: str) -> list[Figure]:
    """The issue's goals against one design's results; `speed` holds its rounds against langdetect."""
    routes = res["routes"]
    figures = [
        Figure(
            f"{kind}s right, every language",
            f"≥ {goal} %",
            Goal(goal, at_most=False, unresolved=ON_SAMPLE),
            worst_share(_shares(routes, kind)),
            PCT,
        )
        for kind, goal in ACCURACY
    ]
    near_ru = sum(v[3] for k, v in routes.items() if k.split("/")[1] in ("sentence", "paragraph"))
    near_short = sum(v[3] for k, v in routes.items() if k.split("/")[1] in ("headline", "wmt23"))
    figures += [
        Figure(
            f"uk/be/bg/kk sentences and paragraphs routed as ru (headlines and WMT23, no goal: {near_short})",
            "0",
            Goal(0, hard=True),
            summarize([near_ru]),
            "{:.0f}".format,
        ),
        Figure(
            "mixed paragraphs decided by their majority",
            "≥ 99 %",
            Goal(99.0, at_most=False, unresolved=ON_SAMPLE),
            worst_share(_shares(routes, "mixed")),
            PCT,
        ),
    ]
    if speed:
        figures.append(
            Figure(
                f"median time per text, langdetect ÷ {name} (interleaved rounds)",
                "≥ 10×",
                Goal(10.0, at_most=False),
                summarize(ratios(speed, BASELINE, name)),
                TIMES,
            )
        )
    memory, limit = summarize([res["added_rss_mib"]]), Goal(GOAL_MIB, hard=True)
    figures.append(Figure("added RSS, peak", f"≤ {MIB(GOAL_MIB)} (150 MB)", limit, memory, MIB))
    return figures


def speed_lines(name: str, speed: list[dict[str, float]], texts: int) -> list[str]:
    """How the speed goal was measured, with each round's medians."""
    rows = ", ".join(f"{r[BASELINE]:.0f}/{r[name]:.0f}" for r in speed)
    return [
        f"Speed: {len(speed)} rounds after a warm-up round, in one process holding both detectors; each "
        f"round times langdetect and {name} in a random order over the same {texts} texts (every "
        "n-th of the workload) and takes each one's median µs per text; the ratio is taken per round. "
        f"Medians per round, langdetect/{name} µs: {rows}.",
    ]
