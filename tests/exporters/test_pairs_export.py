"""CSV and JSONL of segment pairs, and the FORMATS registry."""

import csv
import io
import json
from datetime import date

import pytest

from app.errors import InvalidInput
from app.exporters import FORMATS, export_day, export_pairs, export_post, get_format, pairs_csv
from testkit.sample_posts import sample_pairs, sample_post

COLUMNS = [
    "document_id",
    "position",
    "source_lang",
    "target_lang",
    "source",
    "machine_draft",
    "target",
    "status",
    "editor",
    "updated_at",
]


def test_csv_columns_and_values_round_trip():
    pairs = sample_pairs()
    rows = list(csv.DictReader(io.StringIO(pairs_csv.render_csv(pairs), newline="")))
    assert list(rows[0]) == COLUMNS and len(rows) == len(pairs)
    for row, pair in zip(rows, pairs, strict=True):
        assert row["source"] == pair.source and row["target"] == pair.target
        assert int(row["document_id"]) == pair.document_id and int(row["position"]) == pair.position
        assert row["machine_draft"] == (pair.machine_draft or "")
        assert row["editor"] == (pair.editor or "") and row["status"] == pair.status
        assert row["updated_at"] == "2022-01-09T08:15:30+00:00"


def test_jsonl_one_object_per_line():
    pairs = sample_pairs()
    lines = pairs_csv.render_jsonl(pairs).splitlines()
    assert len(lines) == len(pairs)
    first = json.loads(lines[0])
    assert list(first) == COLUMNS and first["machine_draft"] is None and first["editor"] is None
    assert json.loads(lines[2])["source"] == "Привет, мир ]]>"
    assert "Привет" in lines[2]  # UTF-8, not \\u escapes


def test_registry_lookup_and_rendering():
    assert set(FORMATS) == {
        "html",
        "markdown",
        "text",
        "json",
        "wxr",
        "tmx",
        "xliff",
        "csv",
        "jsonl",
    }
    assert get_format("md").name == "markdown" and get_format("MD").extension == "md"
    assert get_format("csv", kind="pairs").media_type.startswith("text/csv")
    post = sample_post()
    for name in ("html", "markdown", "text", "json", "wxr"):
        assert export_post(name, post)
        assert export_day(name, date(2022, 1, 11), [post])
    for name in ("tmx", "xliff", "csv", "jsonl"):
        assert export_pairs(name, sample_pairs())


@pytest.mark.parametrize(("name", "kind"), [("pdf", "post"), ("tmx", "post"), ("html", "pairs")])
def test_unknown_format_is_invalid_input(name, kind):
    with pytest.raises(InvalidInput) as info:
        get_format(name, kind=kind)
    assert info.value.code == "unknown_format" and info.value.extra["allowed"]
