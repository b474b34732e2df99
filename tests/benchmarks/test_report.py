"""A benchmark touches only its own section and summary rows of docs/benchmarks.md."""

from pathlib import Path

from benchmarks.report import Figure, write_section, write_summary
from benchmarks.stats import Goal, summarize


def test_write_section_replaces_only_its_own_block(tmp_path: Path) -> None:
    doc = tmp_path / "benchmarks.md"
    write_section("mt", "first", docs=doc)
    assert doc.read_text().startswith("# Benchmarks\n")
    doc.write_text(doc.read_text() + "\n## Other\nkept\n")
    write_section("langid", "lang table", docs=doc)
    write_section("mt", "second", docs=doc)
    text = doc.read_text()
    assert "second" in text and "first" not in text and "## Other\nkept" in text and "lang table" in text
    assert text.count("<!-- mt:start -->") == 1 and text.count("<!-- langid:end -->") == 1
    assert text.index("second") < text.index("## Other")  # replaced in place, not appended


def _figure(name: str, values: list[float], limit: float) -> Figure:
    return Figure(name, f"≤ {limit}", Goal(limit), summarize(values), "{:.0f} ms".format)


def test_each_benchmark_rewrites_only_its_own_rows_of_the_summary(tmp_path: Path) -> None:
    doc = tmp_path / "benchmarks.md"
    doc.write_text("# Benchmarks\n\nintro\n\n<!-- summary:start -->\n<!-- summary:end -->\n\n## Sections\n")
    write_summary("langid", [_figure("speed", [1.0] * 9, 5)], docs=doc)
    write_summary("mt_overhead", [_figure("job", [1.0] * 9, 5), _figure("calls", [0.0] * 9, 0)], docs=doc)
    write_summary("langid", [_figure("speed again", [9.0] * 9, 5)], docs=doc)
    text = doc.read_text()
    rows = [line for line in text.splitlines() if line.startswith("| `")]
    # in the order of report.ORDER, not the order they were written
    assert [r.split("|")[2].strip() for r in rows] == ["job", "calls", "speed again"]
    assert "| `langid` | speed again | ≤ 5 | 9 | median 9 ms | 9 ms–9 ms | 9 ms–9 ms | **missed** |" in rows
    assert text.index("intro") < text.index("| benchmark |") < text.index("## Sections")


def test_a_figure_row_names_its_percentile_and_says_why_it_is_not_resolvable() -> None:
    saves = summarize([50.0 + i for i in range(20)], q=0.9)
    name, goal, samples, value, spread, ci, shown = Figure(
        "save", "≤ 100", Goal(100), saves, "{:.0f} ms".format
    ).cells()
    # the low bound is x(15): P(Binomial(20, 0.9) ≤ 14) = 1.1 %; no upper bound from 20 samples
    assert (samples, value, spread, ci) == ("20", "p90 67 ms", "50 ms–69 ms", "64 ms–∞ (too few samples)")
    assert shown.startswith("**not resolvable on this machine**:") and "needs ≥ 36" in shown
