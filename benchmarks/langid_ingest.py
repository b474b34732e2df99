"""Ingest detection time before and after per-document-first detection, in the same run.

*Before* is `app/detection/detector.py` as of BASELINE_REV (every paragraph read and, when
unsure, read again sentence by sentence; then the winning paragraphs read again together for
the document), loaded from git into its own module next to today's code; both use the same
model and rules. Both route each document back to back (paired), over several rounds.
"""

from __future__ import annotations

import contextlib
import random
import statistics
import subprocess
import sys
import time
import types
from pathlib import Path

from benchmarks.report import Figure
from benchmarks.stats import MIN_ROUNDS, Goal, ratios, summarize

REPO = Path(__file__).resolve().parent.parent
BASELINE_REV = "9c53805"
"""The last commit before per-document-first detection."""
TIMES = "{:.2f}×".format


def load_baseline(rev: str = BASELINE_REV) -> types.ModuleType:
    """The detector module as of `rev`, importable next to today's (same model and rules)."""
    source = subprocess.run(
        ["git", "show", f"{rev}:app/detection/detector.py"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    module = types.ModuleType("baseline_detector")
    module.__file__ = f"{rev}:app/detection/detector.py"
    sys.modules[module.__name__] = module  # dataclasses look their module up
    exec(compile(source, module.__file__, "exec"), module.__dict__)
    return module


def _router(detector: types.ModuleType):
    from app.errors import WerkbankError

    def route(paragraphs: list[str]) -> None:
        with contextlib.suppress(WerkbankError):  # refused or uncertain: the work is done all the same
            detector.route_language(paragraphs)

    return route


def ingest_rounds(docs: list[list[str]], *, rounds: int, seed: int, rev: str = BASELINE_REV) -> dict:
    """Per round, the median µs per document of `route_language` before and after; and how many
    documents the two decide differently (language, or paragraphs marked mixed/unsupported).

    Each document is routed by both detectors back to back, in a random order per document, so a
    burst of load from other work hits both alike; one round over all documents is a sample.
    """
    from app.detection import detector as after

    if rounds < MIN_ROUNDS:
        raise ValueError(f"at least {MIN_ROUNDS} rounds, not {rounds}")
    before = load_baseline(rev)
    after.load_model()
    routes = {"before": _router(before), "after": _router(after)}
    rng = random.Random(seed)
    played = []
    for round_no in range(rounds + 1):  # round 0 warms up
        times: dict[str, list[int]] = {"before": [], "after": []}
        for paragraphs in docs:
            for name in rng.sample(list(routes), 2):
                started = time.perf_counter_ns()
                routes[name](paragraphs)
                times[name].append(time.perf_counter_ns() - started)
        if round_no:
            played.append({name: statistics.median(t) / 1000 for name, t in times.items()})
    differ = 0
    for paragraphs in docs:
        old, new = before.detect_document(paragraphs), after.detect_document(paragraphs)
        differ += (old.lang, old.mixed, old.unsupported) != (new.lang, new.mixed, new.unsupported)
    return {"rounds": played, "docs": len(docs), "differ": differ, "rev": rev}


def ingest_figure(result: dict) -> Figure:
    """The per-document-first figure: after ÷ before, per round."""
    return Figure(
        f"ingest detection time per document, per-document-first ÷ before ({result['rev']}), "
        f"{result['docs']} documents; decided differently: {result['differ']}",
        "< 1× (cheaper)",
        Goal(1.0),
        summarize(ratios(result["rounds"], "after", "before")),
        TIMES,
    )


def ingest_lines(result: dict) -> list[str]:
    """How the figure was measured, with each round's medians."""
    rows = ", ".join(f"{r['before']:.0f}/{r['after']:.0f}" for r in result["rounds"])
    return [
        f"Ingest detection: `route_language` over the same {result['docs']} documents (6 paragraphs "
        f"each, from the scoring part) with the detector of {result['rev']} (*before*) and today's "
        f"(*after*) in one process; every document routed by both back to back in a random order, "
        f"{len(result['rounds'])} rounds after a warm-up round; per round the median µs per "
        f"document, before/after: {rows}. Documents whose language, mixed or "
        f"unsupported paragraphs differ between the two: {result['differ']} of {result['docs']}.",
    ]
