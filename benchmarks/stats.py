"""Interleaved rounds, medians, percentiles with distribution-free intervals, and the verdict rule."""

from __future__ import annotations

import functools
import math
import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")

MIN_ROUNDS = 5
CONFIDENCE = 0.95
MET, MISSED, UNRESOLVED = "met", "missed", "not resolvable on this machine"


def interleave(
    subjects: Mapping[str, Callable[[], T]], *, rounds: int, seed: int, warmup: int = 1
) -> list[dict[str, T]]:
    """Run every subject once per round in a seeded random order; one {name: measurement} per round.

    Baseline and subject then share each round's machine state (load from other work, caches,
    frequency), so per-round ratios cancel most of it. `warmup` rounds are run and discarded.
    """
    if rounds < MIN_ROUNDS:
        raise ValueError(f"at least {MIN_ROUNDS} rounds, not {rounds}")
    rng = random.Random(seed)
    names = list(subjects)
    for _ in range(warmup):
        for name in names:
            subjects[name]()
    results = []
    for _ in range(rounds):
        order = rng.sample(names, len(names))
        measured = {name: subjects[name]() for name in order}
        results.append({name: measured[name] for name in names})
    return results


def ratios(rounds: Sequence[Mapping[str, float]], subject: str, baseline: str) -> list[float]:
    """subject / baseline within each round (paired, so shared noise divides out)."""
    return [r[subject] / r[baseline] for r in rounds]


def quantile(values: Sequence[float], q: float) -> float:
    """The q-quantile by linear interpolation between order statistics (numpy's default)."""
    xs = sorted(values)
    if not xs:
        raise ValueError("no values")
    pos = q * (len(xs) - 1)
    lo = math.floor(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def _binom_cdf(n: int, q: float) -> list[float]:
    """[P(B ≤ k - 1) for k in 0..n+1] for B ~ Binomial(n, q): index k holds F(k - 1), F(-1) = 0."""
    cdf, total = [0.0], 0.0
    if not 0.0 < q < 1.0:
        return [0.0] + [1.0 if q <= 0.0 or i == n else 0.0 for i in range(n + 1)]
    log_q, log_rest = math.log(q), math.log1p(-q)
    for i, log_c in enumerate(_log_comb(n, n)):  # in log space: C(n, i) overflows a float from n ≈ 1030
        total += math.exp(log_c + i * log_q + (n - i) * log_rest)
        cdf.append(min(total, 1.0))
    return cdf


def quantile_interval(values: Sequence[float], q: float, confidence: float = CONFIDENCE) -> tuple:
    """Distribution-free interval for the q-quantile: order statistics x(l) ≤ ξ_q ≤ x(u).

    The number of samples below ξ_q is Binomial(n, q), whatever the timing distribution, so
    P(x(l) ≤ ξ_q < x(u)) = F(u-1) - F(l-1). Each tail gets at most (1 - confidence) / 2; a bound
    the samples cannot give (too few of them) is ±inf. Returns (low, high, coverage).
    """
    xs, n = sorted(values), len(values)
    cdf, tail = _binom_cdf(n, q), (1 - confidence) / 2  # cdf[r] = F(r - 1)
    low_rank = max(r for r in range(n + 1) if cdf[r] <= tail)
    high_rank = min((r for r in range(1, n + 1) if cdf[r] >= 1 - tail), default=n + 1)
    low = xs[low_rank - 1] if low_rank >= 1 else -math.inf
    high = xs[high_rank - 1] if high_rank <= n else math.inf
    return low, high, cdf[high_rank] - cdf[low_rank]


def min_samples(q: float, confidence: float = CONFIDENCE) -> int:
    """The fewest samples whose interval for the q-quantile is bounded on both sides."""
    n = 1
    while not all(map(math.isfinite, quantile_interval(range(n), q, confidence)[:2])):
        n += 1
    return n


@dataclass(frozen=True)
class Summary:
    """An estimate (the median, or the q-quantile) with its sample spread and interval."""

    n: int
    q: float
    estimate: float
    low: float  # smallest sample
    high: float  # largest sample
    ci_low: float
    ci_high: float
    coverage: float
    label: str = ""  # what the estimate is, when not a median or a percentile


@functools.lru_cache(maxsize=256)
def _log_comb(n: int, k: int) -> tuple[float, ...]:
    """log C(n, i) for i in 0..k."""
    return tuple(math.lgamma(n + 1) - math.lgamma(i + 1) - math.lgamma(n - i + 1) for i in range(k + 1))


def _binom_le(k: int, n: int, p: float) -> float:
    """P(X ≤ k) for X ~ Binomial(n, p), summed in log space (no overflow for large n)."""
    if p <= 0.0 or p >= 1.0:
        return 1.0 if p <= 0.0 or k >= n else 0.0
    log_p, log_q = math.log(p), math.log1p(-p)
    return min(1.0, sum(math.exp(c + i * log_p + (n - i) * log_q) for i, c in enumerate(_log_comb(n, k))))


def _solve(f: Callable[[float], float], target: float) -> float:
    """p in [0, 1] with f(p) = target, for f decreasing in p (bisection)."""
    lo, hi = 0.0, 1.0
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if f(mid) > target else (lo, mid)
    return (lo + hi) / 2


def proportion_interval(successes: int, n: int, confidence: float = CONFIDENCE) -> tuple[float, float]:
    """Clopper–Pearson (exact binomial) interval of a proportion: never narrower than it should be."""
    tail = (1 - confidence) / 2
    low = 0.0 if successes == 0 else _solve(lambda p: _binom_le(successes - 1, n, p), 1 - tail)
    high = 1.0 if successes == n else _solve(lambda p: _binom_le(successes, n, p), tail)
    return low, high


def worst_share(groups: Mapping[str, tuple[int, int]], confidence: float = CONFIDENCE) -> Summary:
    """The lowest share right over groups of (right, total), in %, with an interval for that minimum:
    from the lowest of the groups' lower bounds to the lowest of their upper bounds."""
    shares = {g: right / total for g, (right, total) in groups.items()}
    bounds = [proportion_interval(right, total, confidence) for right, total in groups.values()]
    worst = min(shares, key=shares.__getitem__)
    return Summary(
        n=sum(total for _, total in groups.values()),
        q=0.5,
        estimate=100 * shares[worst],
        low=100 * min(shares.values()),
        high=100 * max(shares.values()),
        ci_low=100 * min(b[0] for b in bounds),
        ci_high=100 * min(b[1] for b in bounds),
        coverage=confidence,
        label=f"worst of {len(groups)} ({worst})" if len(groups) > 1 else "share",
    )


def summarize(values: Sequence[float], *, q: float = 0.5, confidence: float = CONFIDENCE) -> Summary:
    """Median (or q-quantile), min–max and the distribution-free interval of that quantile."""
    ci_low, ci_high, coverage = quantile_interval(values, q, confidence)
    return Summary(len(values), q, quantile(values, q), min(values), max(values), ci_low, ci_high, coverage)


@dataclass(frozen=True)
class Goal:
    """`at_most`: the figure must be ≤ limit (else ≥). `wrapper`: a ratio of a wrapper to its raw
    engine, which cannot be below 1.0. `hard`: a count every sample must satisfy (no noise)."""

    limit: float
    at_most: bool = True
    wrapper: bool = False
    hard: bool = False
    unresolved: str = UNRESOLVED  # accuracy on a fixed sample: "not resolvable on this sample"


@dataclass(frozen=True)
class Verdict:
    word: str
    note: str = ""

    def __str__(self) -> str:
        return f"{self.word}: {self.note}" if self.note else self.word


def show(value: float, fmt: Callable[[float], str]) -> str:
    """`fmt(value)`, or ∞ for a bound the samples cannot give."""
    return fmt(value) if math.isfinite(value) else ("∞" if value > 0 else "−∞")


def _side(low: float, high: float, goal: Goal) -> str:
    if goal.at_most:
        return MET if high <= goal.limit else MISSED if low > goal.limit else UNRESOLVED
    return MET if low >= goal.limit else MISSED if high < goal.limit else UNRESOLVED


def verdict(summary: Summary, goal: Goal, fmt: Callable[[float], str] = "{:g}".format) -> Verdict:
    """'met' only when the whole interval is on the goal's side, 'missed' when it is wholly on
    the other side, else not resolvable (saying the interval). Hard checks use every sample."""
    if goal.hard:
        word = _side(summary.low, summary.high, goal)
        return Verdict(MET) if word == MET else Verdict(MISSED, f"worst sample {fmt(summary.high)}")
    interval = f"{100 * summary.coverage:.0f} % CI {show(summary.ci_low, fmt)}–{show(summary.ci_high, fmt)}"
    if goal.wrapper and summary.ci_high < 1.0:
        return Verdict(
            UNRESOLVED,
            f"wrapper faster than its raw engine in the whole {interval}: "
            "the baseline does not do the same work",
        )
    word = _side(summary.ci_low, summary.ci_high, goal)
    notes = []
    if word == UNRESOLVED and goal.unresolved != UNRESOLVED:
        return Verdict(goal.unresolved, f"{interval} straddles the goal")
    if word == UNRESOLVED and math.isfinite(summary.ci_low) and math.isfinite(summary.ci_high):
        notes.append(f"{interval} straddles the goal")
    elif word == UNRESOLVED:
        needs = min_samples(summary.q)
        notes.append(f"{summary.n} samples give no bounded 95 % interval (that needs ≥ {needs})")
    if goal.wrapper and summary.estimate < 1.0:
        notes.append(f"median {fmt(summary.estimate)} below 1.0× is noise, not a speed-up")
    return Verdict(word, "; ".join(notes))


def against_floor(
    found: Verdict, floor: Summary, goal: Goal, fmt: Callable[[float], str] = "{:g}".format
) -> Verdict:
    """A miss of an absolute goal counts only if the floor (the same measurement without the
    product's work, in the same rounds) meets it; if even the floor does not, the machine cannot
    show whether the product would."""
    if found.word != MISSED or verdict(floor, goal, fmt).word == MET:
        return found
    label = "median" if floor.q == 0.5 else f"p{100 * floor.q:.0f}"
    return Verdict(UNRESOLVED, f"missed, but the floor alone has {label} {fmt(floor.estimate)}")
