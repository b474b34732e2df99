"""How much lingua's second opinion buys, and at which values, on the TUNING part only.

    python benchmarks/langid_tiebreak.py [--limit 0] [--seeds 1,2,3,4,5]

For every headline, sentence and WMT23 segment of the tuning part, Werkbank decides with the
tiebreak off and records what lingua (app/detection/tiebreak.py) would say: its first choice and
value, py3langid's scores and the letter/word rules. The table replays the decision for each
combination of `AGREE_CONFIDENCE` × `SHARE_OF_BEST` × `DOUBT_CONFIDENCE` (an unsure text takes
lingua's first choice when lingua gives it at least the agreement value, py3langid at least that
share of its best score, and no rule rules it out; a short text routed as Russian with a Russian
score under `DOUBT_RUSSIAN_BELOW` becomes uncertain when lingua calls it another language at
least at the doubt value) and shows the worst seed of the figures the goals are about. The
product's values are the row with the best worst-seed en/ru/de headline share among those that
route no more refused-language headlines than the tiebreak off plus ten, ties to the fewest
near-Russian headlines routed as Russian (docs/language-detection.md).

A second table replays, at the product's three values, the near-Russian rival rule of
`doubts_russian` for each `rival share` × `lingua ru` pair: a short text routed as Russian where
Ukrainian, Belarusian or Bulgarian (not ruled out by the rules) has at least that share of the
Russian score becomes uncertain when lingua gives Russian less than the second value. The
product's pair (SHARE_OF_BEST, AGREE_CONFIDENCE) is the one with the best worst-seed en/ru/de
headline share among those keeping near-Russian headlines routed as Russian at 0.5 % or less
on every seed. The first table replays the design before issue 12 part 3 (no Russian over
uk/be/bg, and lingua's choice counts in `doubts_russian` even where the rules rule it out);
the second and third replay today's.

A third table replays `russian_after_all` for each lingua value (`RUSSIAN_OVER_NEAR`): a short
text py3langid gives to uk/be/bg, in which the rules leave Russian standing and py3langid gives
Russian SHARE_OF_BEST of its best score, is Russian when lingua gives Russian at least that
value (and lingua's confirmation of Russian over a uk/be/bg best needs it too). The product's
value is, among those with the fewest near-Russian headlines routed as Russian (worst seed),
the one with the best worst-seed Russian headline share, ties to the higher value.
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.langid import DEFAULT_DATA, build_workload  # noqa: E402

AGREE = (0.5, 0.7, 0.9)
SHARE = (0.25, 0.5, 0.75)
DOUBT = (None, 0.5, 0.7, 0.9)
RIVAL_SHARE = (0.3, 0.5, 0.7)
RIVAL_LINGUA = (0.5, 0.7, 0.9)
OVER_NEAR = (None, 0.6, 0.7, 0.8, 0.9)
ROUTED = ("en", "ru", "de")
NEAR_RUSSIAN = ("uk", "be", "bg", "kk")
REFUSED = ("fr", "es", "nl", *NEAR_RUSSIAN)
KINDS = ("headline", "sentence", "wmt23")


def decide(samples) -> list[dict]:
    """Per sample: Werkbank's answer without the tiebreak ("?" if uncertain) and what the
    tiebreak would look at."""
    os.environ["WERKBANK_DETECT_SHORT_TIEBREAK"] = "0"
    from app.detection import detector, tiebreak
    from app.detection.rules import names_only, ruled_out_by_alphabet, ruled_out_by_words
    from app.errors import LanguageUncertain, UnsupportedLanguage

    out = []
    for sample in samples:
        text = sample.text
        try:
            lang = detector.route_language([text]).lang
        except UnsupportedLanguage as exc:
            lang = exc.extra["detected"]
        except LanguageUncertain:
            lang = "?"
        doc = detector.detect_document([text])
        asked = 0 < doc.letters <= tiebreak.MAX_LETTERS
        found = tiebreak.values(text) if asked else {}
        choice = max(found, key=found.__getitem__, default="und")
        value = found.get(choice, 0.0)
        out.append(
            {
                "lang": lang,
                "doc": doc.lang,
                "scores": doc.scores,
                "russian": detector.route_confidence(doc) if doc.lang == "ru" else 1.0,
                "choice": choice,
                "value": value,
                "ru_value": found.get("ru", 0.0),
                "short": asked,
                "askable": asked and len(text.split()) >= detector.HEADLINE_WORDS and not names_only(text),
                "out": ruled_out_by_alphabet(text) | ruled_out_by_words(text),
            }
        )
    return out


def replay(
    d: dict,
    agree: float,
    share: float,
    doubt: float | None,
    rival: tuple | None = None,
    over: float | None = None,
) -> str:
    """The decision with the tiebreak at these values (the rival rule at `rival`, Russian over
    uk/be/bg at lingua ru ≥ `over`)."""
    lang = _replay(d, agree, share, doubt, over)
    if rival is None or lang != "ru" or not d["short"]:
        return lang
    from app.detection.tiebreak import NEAR_RUSSIAN as RIVALS

    least, lingua = rival[0] * d["scores"].get("ru", 0.0), rival[1]
    rivals = [c for c in RIVALS if c not in d["out"] and d["scores"].get(c, 0.0) >= least]
    return "?" if rivals and d["ru_value"] < lingua else lang


def _replay(d: dict, agree: float, share: float, doubt: float | None, over: float | None) -> str:
    from app.detection.tiebreak import DOUBT_RUSSIAN_BELOW
    from app.detection.tiebreak import NEAR_RUSSIAN as NEAR

    best = max(d["scores"].values(), default=0.0)
    near = over is not None and d["askable"] and d["doc"] in NEAR
    if near and "ru" not in d["out"] and d["scores"].get("ru", 0.0) >= share * best and d["ru_value"] >= over:
        return "ru"
    if d["lang"] == "?":
        fair = d["scores"].get(d["choice"], 0.0) >= share * best > 0
        if near and d["choice"] == "ru" and d["value"] < over:
            return "?"
        if d["askable"] and d["value"] >= agree and fair and d["choice"] not in d["out"]:
            return d["choice"]
        return "?"
    weak_russian = d["lang"] == "ru" and d["russian"] < DOUBT_RUSSIAN_BELOW
    other = d["choice"] not in ("ru", "und") and (over is None or d["choice"] not in d["out"])
    if doubt is not None and weak_russian and other and d["value"] >= doubt:
        return "?"
    return d["lang"]


def _right(truth: str, lang: str) -> bool:
    return lang == truth if truth in ROUTED else lang not in (*ROUTED, "?")


def _worst(cells: dict, langs: tuple[str, ...], field: int = 1, pick=min) -> float:
    """The worst (language, seed) share of `field` among `langs`, in %."""
    found = [100 * c[field] / c[0] for (lang, _), c in cells.items() if lang in langs]
    return pick(found) if found else float("nan")


def table(samples, decisions) -> list[str]:
    settings = [(None, None, None), *itertools.product(AGREE, SHARE, DOUBT)]
    return _table(samples, decisions, [(*s, None, None) for s in settings])


def rival_table(samples, decisions) -> list[str]:
    """The rival rule at each pair, the tiebreak at the product's values."""
    from app.detection import tiebreak

    product = (tiebreak.AGREE_CONFIDENCE, tiebreak.SHARE_OF_BEST, tiebreak.DOUBT_CONFIDENCE)
    rivals = [None, *itertools.product(RIVAL_SHARE, RIVAL_LINGUA)]
    return _table(samples, decisions, [(*product, r, tiebreak.RUSSIAN_OVER_NEAR) for r in rivals])


def over_table(samples, decisions) -> list[str]:
    """Russian over uk/be/bg (`russian_after_all`) at each lingua value, the rest at the product's."""
    from app.detection import tiebreak

    product = (tiebreak.AGREE_CONFIDENCE, tiebreak.SHARE_OF_BEST, tiebreak.DOUBT_CONFIDENCE)
    rival = (tiebreak.SHARE_OF_BEST, tiebreak.AGREE_CONFIDENCE)
    return _table(samples, decisions, [(*product, rival, over) for over in OVER_NEAR])


def _table(samples, decisions, settings) -> list[str]:
    lines = [
        "| agree ≥ | share ≥ | doubt ≥ | rival share ≥, lingua ru < | ru over uk/be/bg, lingua ru ≥ | kind "
        "| en/ru/de right, worst seed | ru right, worst seed | refused languages right, worst seed "
        "| refused routed (all seeds) | uk/be/bg/kk → ru, worst seed |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for (agree, share, doubt, rival, over), kind in itertools.product(settings, KINDS):
        cells: dict[tuple[str, int], list[int]] = {}
        routed = 0
        for sample, d in zip(samples, decisions, strict=True):
            if sample.kind != kind:
                continue
            lang = d["lang"] if agree is None else replay(d, agree, share, doubt, rival, over)
            cell = cells.setdefault((sample.lang, sample.seed), [0, 0, 0])
            cell[0] += 1
            cell[1] += _right(sample.lang, lang)
            cell[2] += sample.lang in NEAR_RUSSIAN and lang == "ru"
            routed += sample.lang not in ROUTED and lang in ROUTED
        label = "off | – | –" if agree is None else f"{agree} | {share} | {doubt or 'off'}"
        label += f" | {rival[0]}, {rival[1]}" if rival else " | off"
        label += f" | {over}" if over else " | off"
        lines.append(
            f"| {label} | {kind} | {_worst(cells, ROUTED):.1f} % | {_worst(cells, ('ru',)):.1f} % | "
            f"{_worst(cells, REFUSED):.1f} % | "
            f"{routed} | {_worst(cells, NEAR_RUSSIAN, 2, max):.2f} % |"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=0, help="texts per cell; 0: the whole tuning part")
    parser.add_argument("--seeds", default="1,2,3,4,5")
    args = parser.parse_args(argv)
    seeds = tuple(int(s) for s in args.seeds.split(","))
    work = build_workload(args.data, args.limit, seeds, "tuning")
    samples = [s for s in work.samples if s.kind in KINDS]
    decisions = decide(samples)
    print("\n".join(table(samples, decisions)))
    print()
    print("\n".join(rival_table(samples, decisions)))
    print()
    print("\n".join(over_table(samples, decisions)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
