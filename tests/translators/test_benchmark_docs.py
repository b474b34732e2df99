"""The benchmark touches only its own section of docs/benchmarks.md."""

from pathlib import Path

import pytest

from benchmarks import mt_overhead


def test_write_docs_replaces_only_its_section(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = tmp_path / "benchmarks.md"
    monkeypatch.setattr(mt_overhead, "DOCS", doc)
    mt_overhead.write_docs("first")
    assert doc.read_text().startswith("# Benchmarks\n")
    doc.write_text(doc.read_text() + "\n## Other\nkept\n")
    mt_overhead.write_docs("second")
    text = doc.read_text()
    assert "second" in text and "first" not in text and "## Other\nkept" in text
    assert text.count(mt_overhead.START) == 1
