"""CSV cells that a spreadsheet would run as a formula get a leading apostrophe (OWASP)."""

import csv
import io
import json
from dataclasses import replace

import pytest

from app.exporters import pairs_csv
from testkit.sample_posts import sample_pairs

FORMULAS = ["=1+1", "+SUM(A1:A9)", "-2+3", "@cmd", "\tTab", "\rCR", '=HYPERLINK("http://evil.example","x")']


@pytest.mark.parametrize("cell", FORMULAS)
def test_formula_cells_are_neutralised_in_every_text_column(cell):
    pair = replace(sample_pairs()[0], source=cell, target=cell, machine_draft=cell, editor=cell)
    row = next(csv.DictReader(io.StringIO(pairs_csv.render_csv([pair]), newline="")))
    for column in ("source", "target", "machine_draft", "editor"):
        assert row[column] == "'" + cell
    assert row["document_id"] == "5" and row["updated_at"].startswith("2022-")


def test_other_cells_and_jsonl_are_unchanged():
    pair = replace(sample_pairs()[0], source="Minus -5 Grad", target="'schon zitiert", machine_draft=None)
    row = next(csv.DictReader(io.StringIO(pairs_csv.render_csv([pair]), newline="")))
    assert (
        row["source"] == "Minus -5 Grad" and row["target"] == "'schon zitiert" and row["machine_draft"] == ""
    )
    negative = replace(pair, source="-5 Grad")
    assert json.loads(pairs_csv.render_jsonl([negative]))["source"] == "-5 Grad"  # JSONL is data, not a sheet
