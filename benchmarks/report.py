"""Writing benchmark results into docs/benchmarks.md: one section each, and their rows of the summary."""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from benchmarks.stats import Goal, Summary, Verdict, against_floor, show, verdict

DOCS = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"
ORDER = ("mt_overhead", "editor_load", "langid")  # row order of the summary table
COLUMNS = ("figure", "goal", "samples", "median / p90", "spread (min–max)", "95 % CI", "verdict")


def write_section(name: str, section: str, *, docs: Path = DOCS) -> None:
    """Replace (or append) the block between `<!-- name:start -->` and `<!-- name:end -->`."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    text = docs.read_text(encoding="utf-8") if docs.exists() else "# Benchmarks\n"
    block = f"{start}\n{section}\n{end}"
    if start in text and end in text:
        head, rest = text.split(start, 1)
        text = head + block + rest.split(end, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    docs.parent.mkdir(parents=True, exist_ok=True)
    docs.write_text(text, encoding="utf-8")


@dataclass(frozen=True)
class Figure:
    """One measured figure with its goal: a row of a section's table and of the summary."""

    name: str
    goal_text: str
    goal: Goal
    summary: Summary
    fmt: Callable[[float], str]
    floor: Summary | None = None  # the same measurement without the product's work, same rounds

    @property
    def verdict(self) -> Verdict:
        found = verdict(self.summary, self.goal, self.fmt)
        return found if self.floor is None else against_floor(found, self.floor, self.goal, self.fmt)

    def cells(self) -> list[str]:
        s, fmt = self.summary, self.fmt
        label = s.label or ("measured" if s.n == 1 else "median" if s.q == 0.5 else f"p{100 * s.q:.0f}")
        ci = f"{show(s.ci_low, fmt)}–{show(s.ci_high, fmt)}"
        if self.goal.hard:
            ci = "every sample counts"
        elif not math.isfinite(s.ci_low + s.ci_high):
            ci = f"{ci} (too few samples)"
        word = self.verdict
        shown = f"**{word.word}**" + (f": {word.note}" if word.note else "")
        return [
            self.name,
            self.goal_text,
            str(s.n),
            f"{label} {fmt(s.estimate)}",
            f"{fmt(s.low)}–{fmt(s.high)}",
            ci,
            shown,
        ]


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"


def figure_table(figures: list[Figure]) -> list[str]:
    """A section's table of its figures (the summary's columns without the benchmark)."""
    return [_row(list(COLUMNS)), "|---|---|---:|---:|---:|---:|---|", *(_row(f.cells()) for f in figures)]


def _summary_rows(text: str) -> dict[str, list[str]]:
    """The summary's current rows, by benchmark (first cell, in backticks)."""
    rows: dict[str, list[str]] = {}
    start, end = "<!-- summary:start -->", "<!-- summary:end -->"
    if start not in text or end not in text:
        return rows
    for line in text.split(start, 1)[1].split(end, 1)[0].splitlines():
        first = line.split("|")[1].strip() if line.startswith("| `") else ""
        if first:
            rows.setdefault(first.strip("`"), []).append(line)
    return rows


def write_summary(benchmark: str, figures: list[Figure], *, docs: Path = DOCS) -> None:
    """Replace this benchmark's rows of the summary table at the top, keeping the others'."""
    write_summary_cells(benchmark, [f.cells() for f in figures], docs=docs)


def write_summary_cells(benchmark: str, cells: list[list[str]], *, docs: Path = DOCS) -> None:
    """write_summary for a benchmark whose figures are counts, not timed Summaries (same columns)."""
    rows = _summary_rows(docs.read_text(encoding="utf-8") if docs.exists() else "")
    rows[benchmark] = [_row([f"`{benchmark}`", *c]) for c in cells]
    names = [n for n in ORDER if n in rows] + sorted(n for n in rows if n not in ORDER)
    header = [_row(["benchmark", *COLUMNS]), "|---|---|---|---:|---:|---:|---:|---|"]
    write_section("summary", "\n".join(header + [line for n in names for line in rows[n]]), docs=docs)


def load_average() -> str:
    """The 1, 5 and 15 minute load averages, for the machine line of a section."""
    return " / ".join(f"{v:.1f}" for v in os.getloadavg())
