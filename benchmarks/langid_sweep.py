"""Threshold sweep for Werkbank's route decision, meant for the *tuning* part only.

`python benchmarks/langid.py --part tuning --sweep --candidates werkbank` prints, per pair of
thresholds (`detect_min_confidence_short` for headlines, `detect_min_confidence` for the rest),
the figures the goals are about, each on its worst seed. The defaults in app/config.py are read
off this table (docs/language-detection.md says which rule picked them).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

GRID_SHORT = (0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5)
GRID_LONG = (0.5, 0.6, 0.7, 0.8, 0.9)
GOAL_LANGS = ("en", "ru", "de")
NEAR_RUSSIAN = ("uk", "be", "bg", "kk")
UNSURE = "?"


@functools.cache
def _grid() -> list:
    from app.config import Settings

    return [
        Settings(detect_min_confidence=lo, detect_min_confidence_short=s)
        for s in GRID_SHORT
        for lo in GRID_LONG
    ]


def sweep_decisions(text: str) -> list[str]:
    """The decision for `text` at every grid point (GRID_SHORT × GRID_LONG): a language or "?"."""
    from app.detection import detector as detect

    doc = detect.detect_document([text])
    words = len(text.split())
    decisions = []
    original = detect.get_settings
    try:
        for settings in _grid():
            detect.get_settings = lambda settings=settings: settings
            decisions.append(doc.lang if detect.is_certain(doc, words=words) else UNSURE)
    finally:
        detect.get_settings = original
    return decisions


def _right(truth: str, lang: str) -> bool:
    if lang == UNSURE:
        return False
    if truth in GOAL_LANGS:
        return lang == truth
    return lang not in GOAL_LANGS


def sweep_lines(samples: Sequence, decisions: list[list[str]]) -> list[str]:
    """Per grid point, on the worst seed: headlines and sentences/paragraphs right for en/ru/de,
    near-Russian headlines routed as ru (%), near-Russian sentences/paragraphs routed as ru."""
    lines = [
        "| short | long | headlines en/ru/de | sentences en/ru/de | paragraphs en/ru/de "
        "| uk/be/bg/kk headlines → ru | uk/be/bg/kk sentences+paragraphs → ru |",
        "|---|---|---|---|---|---|---|",
    ]
    seeds = sorted({s.seed for s in samples})
    for i, (short, long) in enumerate((s, lo) for s in GRID_SHORT for lo in GRID_LONG):
        worst: dict[str, float] = {}
        near_head, near_long = 0.0, 0
        for seed in seeds:
            cells: dict[tuple[str, str], list[int]] = {}
            for sample, found in zip(samples, decisions, strict=True):
                if sample.seed != seed:
                    continue
                cell = cells.setdefault((sample.lang, sample.kind), [0, 0, 0])
                cell[0] += 1
                cell[1] += _right(sample.lang, found[i])
                cell[2] += sample.lang in NEAR_RUSSIAN and found[i] == "ru"
            for kind in ("headline", "sentence", "paragraph"):
                share = min(100 * cells[(lang, kind)][1] / cells[(lang, kind)][0] for lang in GOAL_LANGS)
                worst[kind] = min(worst.get(kind, 100.0), share)
            near_head = max(
                near_head,
                *(100 * cells[(lang, "headline")][2] / cells[(lang, "headline")][0] for lang in NEAR_RUSSIAN),
            )
            near_long = max(
                near_long,
                sum(cells[(lang, k)][2] for lang in NEAR_RUSSIAN for k in ("sentence", "paragraph")),
            )
        lines.append(
            f"| {short} | {long} | {worst['headline']:.1f} | {worst['sentence']:.1f} | "
            f"{worst['paragraph']:.1f} | {near_head:.1f} | {near_long} |"
        )
    return lines
