"""The benchmarks' statistics: interleaved rounds, quantile intervals and the verdict rule."""

import math
import random

import pytest

from benchmarks.stats import (
    MET,
    MISSED,
    UNRESOLVED,
    Goal,
    against_floor,
    interleave,
    min_samples,
    proportion_interval,
    quantile,
    quantile_interval,
    ratios,
    summarize,
    verdict,
    worst_share,
)

RATIO = "{:.2f}×".format


def test_interleave_runs_every_subject_once_per_round_in_seeded_varying_order() -> None:
    calls: list[str] = []
    subjects = {name: (lambda name=name: calls.append(name) or len(calls)) for name in ("raw", "werkbank")}
    rounds = interleave(subjects, rounds=8, seed=1, warmup=1)
    assert calls[:2] == ["raw", "werkbank"]  # the warm-up round, discarded
    played = [tuple(calls[i : i + 2]) for i in range(2, len(calls), 2)]
    assert len(rounds) == 8 and all(sorted(p) == ["raw", "werkbank"] for p in played)
    assert set(played) == {("raw", "werkbank"), ("werkbank", "raw")}  # neither side always goes first
    assert all(set(r) == {"raw", "werkbank"} for r in rounds)
    calls.clear()
    interleave(subjects, rounds=8, seed=1, warmup=1)
    assert [tuple(calls[i : i + 2]) for i in range(2, len(calls), 2)] == played  # same seed, same order


def test_interleave_refuses_fewer_than_five_rounds() -> None:
    with pytest.raises(ValueError):
        interleave({"a": lambda: 1.0}, rounds=4, seed=0)


def test_ratios_are_paired_within_rounds() -> None:
    rounds = [{"raw": 1.0, "job": 1.1}, {"raw": 2.0, "job": 2.4}]
    assert ratios(rounds, "job", "raw") == pytest.approx([1.1, 1.2])


def test_quantile_interpolates_like_numpy() -> None:
    values = [5.0, 1.0, 4.0, 2.0, 3.0, 10.0]
    assert quantile(values, 0.5) == 3.5
    assert quantile(values, 0.9) == pytest.approx(7.5)  # numpy.percentile(values, 90)
    assert quantile([7.0], 0.9) == 7.0


TABLES = [(9, (2, 8), 0.961), (10, (2, 9), 0.979), (20, (6, 15), 0.959)]  # n, ranks (1-based), coverage


@pytest.mark.parametrize(("n", "ranks", "coverage"), TABLES)
def test_median_interval_matches_the_order_statistic_tables(n: int, ranks: tuple, coverage: float) -> None:
    low, high, cover = quantile_interval([float(i) for i in range(1, n + 1)], 0.5)
    assert (low, high) == ranks and cover == pytest.approx(coverage, abs=0.001)


def test_too_few_samples_give_an_unbounded_interval() -> None:
    assert quantile_interval([1.0, 2.0, 3.0, 4.0, 5.0], 0.5)[:2] == (-math.inf, math.inf)
    low, high, _ = quantile_interval([float(i) for i in range(30)], 0.9)
    assert math.isfinite(low) and high == math.inf  # a p90 needs more samples than that
    assert min_samples(0.5) == 6 and min_samples(0.9) == 36


def test_p90_interval_covers_the_true_p90_at_least_95_percent_of_the_time() -> None:
    rng = random.Random(7)
    true_p90 = -math.log(0.1)  # of Exp(1)
    hits = 0
    for _ in range(1000):
        low, high, _ = quantile_interval([rng.expovariate(1.0) for _ in range(60)], 0.9)
        hits += low <= true_p90 <= high
    assert hits >= 940


def test_a_spread_straddling_the_goal_is_not_resolvable() -> None:
    # The reruns: 0.93×–1.58× against 1.15×; the median alone (1.08×) would say "met".
    summary = summarize([0.93, 1.02, 1.05, 1.08, 1.08, 1.12, 1.30, 1.45, 1.58])
    assert summary.estimate <= 1.15
    found = verdict(summary, Goal(1.15, wrapper=True), RATIO)
    assert found.word == UNRESOLVED and "1.02×–1.45×" in found.note and "straddles" in found.note


def test_met_and_missed_need_the_whole_interval_on_one_side() -> None:
    # Nine rounds: the interval runs from the 2nd to the 8th value, so one stray round is allowed.
    goal = Goal(1.15)
    assert verdict(summarize([1.01, 1.02, 1.03, 1.04, 1.05, 1.06, 1.07, 1.10, 1.40]), goal).word == MET
    assert verdict(summarize([0.9, 1.20, 1.21, 1.22, 1.23, 1.24, 1.25, 1.26, 1.27]), goal).word == MISSED
    assert verdict(summarize([1.01, 1.02, 1.03, 1.04, 1.05, 1.06, 1.07, 1.20, 1.40]), goal).word == UNRESOLVED
    # "at least" goals (langid: ≥ 10× faster than langdetect) mirror it
    assert verdict(summarize([8, 11, 12, 12, 13, 14, 15, 16, 17.0]), Goal(10, at_most=False)).word == MET
    assert verdict(summarize([6, 7, 8, 8, 9, 9, 9.5, 9.8, 12.0]), Goal(10, at_most=False)).word == MISSED
    assert verdict(summarize([8, 9, 9, 10, 11, 12, 13, 14, 15.0]), Goal(10, at_most=False)).word == UNRESOLVED


def test_cold_loads_over_the_goal_keep_a_p90_from_being_met() -> None:
    # Editor: most loads 450 ms, one in eight at 550 ms. The median says 450; the p90 may not be met.
    loads = [450.0 + i % 7 for i in range(35)] + [550.0] * 5
    assert verdict(summarize(loads), Goal(500)).word == MET  # the old rule: median only
    found = verdict(summarize(loads, q=0.9), Goal(500))
    assert found.word != MET


def test_a_p90_over_too_few_samples_is_not_resolvable_and_says_how_many_it_needs() -> None:
    found = verdict(summarize([30.0 + i for i in range(20)], q=0.9), Goal(100))
    assert found.word == UNRESOLVED and "≥ 36" in found.note


def test_a_wrapper_below_its_raw_engine_is_noise_not_a_speed_up() -> None:
    found = verdict(summarize([0.90, 0.95, 0.97, 0.98, 1.00, 1.02, 1.08]), Goal(1.15, wrapper=True), RATIO)
    assert found.word == MET and "noise" in found.note and "speed-up" in found.note
    whole = verdict(summarize([0.80, 0.81, 0.82, 0.83, 0.84, 0.85, 0.86]), Goal(1.15, wrapper=True), RATIO)
    assert whole.word == UNRESOLVED and "baseline" in whole.note


def test_hard_checks_fail_on_any_round() -> None:
    assert verdict(summarize([0, 0, 0, 0, 0.0]), Goal(0, hard=True)).word == MET
    found = verdict(summarize([0, 0, 3, 0, 0.0]), Goal(0, hard=True))
    assert found.word == MISSED and "3" in found.note


def test_an_absolute_miss_counts_only_when_the_floor_meets_the_goal() -> None:
    goal = Goal(500)
    document = summarize([760.0 + i for i in range(40)], q=0.9)
    slow_floor = summarize([640.0 + i for i in range(40)], q=0.9)  # a 2-segment page, loaded machine
    quick_floor = summarize([200.0 + i for i in range(40)], q=0.9)
    missed = verdict(document, goal)
    assert missed.word == MISSED
    found = against_floor(missed, slow_floor, goal)
    assert found.word == UNRESOLVED and "floor" in found.note
    assert against_floor(missed, quick_floor, goal).word == MISSED
    met = verdict(summarize([300.0 + i for i in range(40)], q=0.9), goal)
    assert against_floor(met, slow_floor, goal).word == MET


def test_clopper_pearson_matches_published_values() -> None:
    assert proportion_interval(5, 10) == pytest.approx((0.187086, 0.812914), abs=1e-5)
    assert proportion_interval(0, 10) == pytest.approx((0.0, 0.308507), abs=1e-5)
    assert proportion_interval(10, 10) == pytest.approx((0.691493, 1.0), abs=1e-5)


def test_an_accuracy_just_over_its_goal_on_300_texts_is_not_resolvable_on_this_sample() -> None:
    # langid: headlines 95.3 % right in the worst language (286 of 300) against ≥ 95 %
    groups = {"en": (286, 300), "de": (292, 300), "ru": (299, 300)}
    summary = worst_share(groups)
    assert summary.estimate == pytest.approx(95.33, abs=0.01) and summary.label == "worst of 3 (en)"
    goal = Goal(95.0, at_most=False, unresolved="not resolvable on this sample")
    assert verdict(summary, goal).word == "not resolvable on this sample"
    assert verdict(worst_share({"en": (2990, 3000), "de": (3000, 3000)}), goal).word == MET
    assert verdict(worst_share({"en": (270, 300), "de": (300, 300)}), goal).word == MISSED


def test_percentile_interval_of_thousands_of_samples():
    """A p99 over a few thousand probes (health during a bulk): no float overflow, a tight interval."""
    from benchmarks.stats import quantile_interval

    values = list(range(5000))
    low, high, coverage = quantile_interval(values, 0.99)
    assert 4900 < low < 4950 < high < 4980 and coverage >= 0.95
