"""The extraction benchmark's rows of the summary table: scoring-part figures with honest verdicts."""

from pathlib import Path

from benchmarks.extraction import Tally, summary_cells
from benchmarks.report import write_summary_cells


def _tally(refused: int, non_articles: int) -> Tally:
    return Tally(
        articles=3,
        f1=[0.99, 0.98, 1.0],
        titles=[True, True, False],
        non_articles=non_articles,
        non_articles_refused=refused,
    )


def test_a_small_sample_is_not_resolvable_and_a_clear_miss_is_missed():
    cells = {row[0]: row for row in summary_cells(_tally(refused=12, non_articles=14))}
    non_articles = cells["non-articles refused with not_an_article/no_article, scoring part"]
    assert non_articles[3] == "12/14 (86 %)" and non_articles[6].startswith("**not resolvable")
    cells = {row[0]: row for row in summary_cells(_tally(refused=1, non_articles=40))}
    assert cells["non-articles refused with not_an_article/no_article, scoring part"][6] == "**missed**"
    assert cells["glued words, scoring part"][6] == "**met**"


def test_summary_rows_replace_only_the_extraction_rows(tmp_path: Path):
    docs = tmp_path / "benchmarks.md"
    docs.write_text(
        "<!-- summary:start -->\n| benchmark | figure |\n|---|---|\n| `langid` | kept row |\n<!-- summary:end -->\n",
        encoding="utf-8",
    )
    write_summary_cells("extraction", summary_cells(_tally(refused=14, non_articles=14)), docs=docs)
    write_summary_cells("extraction", summary_cells(_tally(refused=13, non_articles=14)), docs=docs)
    text = docs.read_text(encoding="utf-8")
    assert "| `langid` | kept row |" in text
    assert text.count("| `extraction` |") == 5 and "13/14 (93 %)" in text and "14/14" not in text


def test_articles_without_expected_text_count_for_refusals_only():
    tally = _tally(refused=14, non_articles=14)
    tally.unlabelled, tally.refused_unlabelled = 19, ["blog.example (not_an_article)"]
    cells = {row[0]: row for row in summary_cells(tally)}
    row = cells["articles refused by mistake, scoring part"]
    assert row[2] == "22" and row[3] == "1" and row[6] == "**missed**"
    assert cells["body F1, scoring part"][2] == "3"  # F1 only over pages with an expected text
