"""How much the lingua tiebreak buys, and at which agreement value, on the TUNING part only.

    python benchmarks/langid_tiebreak.py [--limit 300] [--seeds 1,2,3,4,5]

For every headline, sentence and WMT23 segment of the tuning part, Werkbank decides with the
tiebreak off; where it answers 422 `language_uncertain`, lingua (app/detection/tiebreak.py) is
asked whether it agrees with the best candidate. The table shows, per agreement value, the
worst seed of the figures the goals are about. `tiebreak.AGREE_CONFIDENCE` is the highest value
that keeps the best worst-seed headline share (docs/language-detection.md).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.langid import DEFAULT_DATA, build_workload  # noqa: E402

AGREE = (None, 0.5, 0.7, 0.8, 0.9, 0.95)
ROUTED = ("en", "ru", "de")
NEAR_RUSSIAN = ("uk", "be", "bg", "kk")
REFUSED = ("fr", "es", "nl", *NEAR_RUSSIAN)
KINDS = ("headline", "sentence", "wmt23")


def decide(samples) -> list[tuple[str, str, float]]:
    """Per sample: Werkbank's answer without the tiebreak ("?" if uncertain), its best
    candidate, and lingua's value for that candidate (0.0 unless lingua's own first choice)."""
    os.environ["WERKBANK_DETECT_SHORT_TIEBREAK"] = "0"
    from app.detection import detector, tiebreak
    from app.errors import LanguageUncertain, UnsupportedLanguage

    tiebreak.AGREE_CONFIDENCE = 0.0  # the raw value; thresholds are applied below
    out = []
    for sample in samples:
        try:
            out.append((detector.route_language([sample.text]).lang, "", 0.0))
        except UnsupportedLanguage as exc:
            out.append((exc.extra["detected"], "", 0.0))
        except LanguageUncertain as exc:
            best = exc.extra["candidates"][0]["lang"] if exc.extra["candidates"] else ""
            out.append(("?", best, tiebreak.agrees(sample.text, best) if best else 0.0))
    return out


def _right(truth: str, lang: str) -> bool:
    return lang == truth if truth in ROUTED else lang not in (*ROUTED, "?")


def _worst(cells: dict, langs: tuple[str, ...], field: int = 1, pick=min) -> float:
    """The worst (language, seed) share of `field` among `langs`, in %."""
    found = [100 * c[field] / c[0] for (lang, _), c in cells.items() if lang in langs]
    return pick(found) if found else float("nan")


def table(samples, decisions) -> list[str]:
    lines = [
        "| agreement ≥ | kind | en/ru/de right, worst seed | refused languages right, worst seed "
        "| uk/be/bg/kk → ru, worst seed |",
        "|---|---|---|---|---|",
    ]
    for agree in AGREE:
        for kind in KINDS:
            cells: dict[tuple[str, int], list[int]] = {}
            for sample, (lang, best, value) in zip(samples, decisions, strict=True):
                if sample.kind != kind:
                    continue
                if agree is not None and lang == "?" and best and value >= agree:
                    lang = best
                cell = cells.setdefault((sample.lang, sample.seed), [0, 0, 0])
                cell[0] += 1
                cell[1] += _right(sample.lang, lang)
                cell[2] += sample.lang in NEAR_RUSSIAN and lang == "ru"

            lines.append(
                f"| {agree if agree is not None else 'off'} | {kind} | {_worst(cells, ROUTED):.1f} % | "
                f"{_worst(cells, REFUSED):.1f} % | {_worst(cells, NEAR_RUSSIAN, 2, max):.2f} % |"
            )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--seeds", default="1,2,3,4,5")
    args = parser.parse_args(argv)
    seeds = tuple(int(s) for s in args.seeds.split(","))
    work = build_workload(args.data, args.limit, seeds, "tuning")
    samples = [s for s in work.samples if s.kind in KINDS]
    print("\n".join(table(samples, decide(samples))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
