"""The langid goals: accuracy on exact intervals, speed as interleaved langdetect ÷ design ratios."""

from benchmarks.langid_goals import goal_figures, speed_rounds
from benchmarks.stats import MET, MISSED, UNRESOLVED


def _routes(headline_right: int) -> dict[str, list[int]]:
    routes = {}
    for lang in ("en", "de", "ru"):
        routes[f"{lang}/headline"] = [300, headline_right if lang == "en" else 300, 0, 0]
        routes[f"{lang}/sentence"] = [900, 900, 0, 0]
        routes[f"{lang}/paragraph"] = [300, 300, 0, 0]
        routes[f"{lang}/mixed"] = [300, 299, 0, 0]
    routes["uk/sentence"] = [900, 900, 0, 0]
    routes["uk/headline"] = [300, 298, 0, 2]  # two near-Russian headlines routed as ru: no goal
    return routes


def test_goals_say_what_this_sample_and_these_rounds_can_show() -> None:
    res = {"routes": _routes(286), "added_rss_mib": 145.0}
    speed = [{"langdetect": 1400.0 + 10 * i, "werkbank": 100.0} for i in range(9)]  # 14.0×–14.8×
    verdicts = {
        f.name.split(" (")[0].split(",")[0]: f.verdict.word for f in goal_figures(res, speed, "werkbank")
    }
    assert verdicts == {
        "headlines right": "not resolvable on this sample",  # 95.3 % of 300 against 95 %
        "sentences right": MET,  # 900 of 900 clear 99.5 %
        "paragraphs right": "not resolvable on this sample",  # 300 of 300 cannot show 99.5 %
        "uk/be/bg/kk sentences and paragraphs routed as ru": MET,
        "mixed paragraphs decided by their majority": "not resolvable on this sample",
        "median time per text": MET,
        "added RSS": MISSED,  # 145 MiB > 143 MiB (150 MB)
    }


def test_a_slow_design_misses_and_a_noisy_one_is_not_resolvable() -> None:
    res = {"routes": _routes(250), "added_rss_mib": 90.0}
    slow = [{"langdetect": 1000.0, "werkbank": 200.0 + i} for i in range(9)]  # about 5×
    noisy = [{"langdetect": 1000.0, "werkbank": w} for w in (60, 70, 80, 95, 100, 110, 130, 150, 170.0)]
    by_name = {f.name.split(",")[0]: f.verdict.word for f in goal_figures(res, slow, "werkbank")}
    assert by_name["headlines right"] == MISSED and by_name["median time per text"] == MISSED
    noisy_speed = [f for f in goal_figures(res, noisy, "werkbank") if f.name.startswith("median time")]
    assert noisy_speed[0].verdict.word == UNRESOLVED


def test_speed_rounds_time_both_detectors_over_the_same_texts_each_round() -> None:
    seen: dict[str, list[str]] = {"langdetect": [], "werkbank": []}
    detectors = {name: (lambda text, name=name: seen[name].append(text)) for name in seen}
    played = speed_rounds(detectors, ["a", "b", "c"], rounds=5, seed=1)
    assert len(played) == 5 and all(set(r) == {"langdetect", "werkbank"} for r in played)
    assert seen["langdetect"] == seen["werkbank"] == ["a", "b", "c"] * 6  # warm-up round + 5
