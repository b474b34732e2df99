"""A benchmark touches only its own section of docs/benchmarks.md."""

from pathlib import Path

from benchmarks.report import write_section


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
