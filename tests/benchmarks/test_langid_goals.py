"""The langid goals: worst seed per cell, exact intervals over distinct texts, interleaved speed."""

from benchmarks.langid_goals import goal_figures, speed_rounds
from benchmarks.stats import MET, MISSED, UNRESOLVED

ON_SAMPLE = "not resolvable on this sample"


def _cells(headline_right: int, near_ru_headlines: int = 0) -> dict[str, list[int]]:
    """One seed's cells: [texts, right, uncertain, near-Russian routed as ru]."""
    cells = {}
    for lang in ("en", "de", "ru"):
        cells[f"{lang}/headline"] = [300, headline_right if lang == "en" else 300, 0, 0]
        cells[f"{lang}/sentence"] = [900, 900, 0, 0]
        cells[f"{lang}/paragraph"] = [300, 300, 0, 0]
        cells[f"{lang}/mixed"] = [300, 299, 0, 0]
    cells["uk/sentence"] = [900, 900, 0, 0]
    cells["uk/headline"] = [1000, 1000 - near_ru_headlines, 0, near_ru_headlines]
    return cells


def _result(seeds: list[dict], distinct_scale: int = 1, rss: float = 90.0) -> dict:
    """Results of several seeds; distinct texts: the first seed's cells times `distinct_scale`."""
    distinct = {
        k: [v[0] * distinct_scale, v[1] * distinct_scale, v[3] * distinct_scale] for k, v in seeds[0].items()
    }
    return {"routes_by_seed": dict(enumerate(seeds, 1)), "distinct": distinct, "added_rss_mib": rss}


def _verdicts(res, speed=None):
    return {f.name.split(",")[0]: f.verdict.word for f in goal_figures(res, speed, "werkbank")}


def test_the_worst_seed_decides_a_miss():
    res = _result([_cells(300), _cells(300), _cells(288)])  # seed 3: en headlines 96.0 %
    found = {f.name.split(",")[0]: f for f in goal_figures(res, None, "werkbank")}
    assert found["headlines right"].verdict.word == MISSED
    assert "en, seed 3" in found["headlines right"].verdict.note


def test_met_needs_the_interval_over_distinct_texts_too():
    one = _verdicts(_result([_cells(300)] * 5))  # 300 distinct paragraphs cannot show 99.5 %
    assert one["headlines right"] == MET  # 300 of 300 clear 97 %
    assert one["sentences right"] == MET  # 900 of 900 clear 99.5 %
    assert one["paragraphs right"] == ON_SAMPLE
    many = _verdicts(_result([_cells(300)] * 5, distinct_scale=3))
    assert many["paragraphs right"] == MET


def test_near_russian_headlines_are_judged_on_their_worst_seed():
    res = _result([_cells(300), _cells(300, near_ru_headlines=6)], distinct_scale=2)  # 0.6 % on seed 2
    assert _verdicts(res)["uk/be/bg/kk headlines routed as ru"] == MISSED
    clean = _result([_cells(300)] * 5, distinct_scale=2)  # 0 of 2,000 distinct: CI up to 0.18 %
    assert _verdicts(clean)["uk/be/bg/kk headlines routed as ru"] == MET


def test_speed_and_memory():
    speed = [{"langdetect": 1400.0 + 10 * i, "werkbank": 100.0} for i in range(9)]  # 14.0×–14.8×
    verdicts = _verdicts(_result([_cells(300)] * 5, rss=145.0), speed)
    assert verdicts["median time per text"] == MET
    assert verdicts["added RSS"] == MISSED  # 145 MiB > 143 MiB (150 MB)
    noisy = [{"langdetect": 1000.0, "werkbank": w} for w in (60, 70, 80, 95, 100, 110, 130, 150, 170.0)]
    assert _verdicts(_result([_cells(300)] * 5), noisy)["median time per text"] == UNRESOLVED


def test_speed_rounds_time_both_detectors_over_the_same_texts_each_round() -> None:
    seen: dict[str, list[str]] = {"langdetect": [], "werkbank": []}
    detectors = {name: (lambda text, name=name: seen[name].append(text)) for name in seen}
    played = speed_rounds(detectors, ["a", "b", "c"], rounds=5, seed=1)
    assert len(played) == 5 and all(set(r) == {"langdetect", "werkbank"} for r in played)
    assert seen["langdetect"] == seen["werkbank"] == ["a", "b", "c"] * 6  # warm-up round + 5
