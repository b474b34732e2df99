"""Terms CSV import: what does not parse is a 422 invalid_csv naming its line, never a 500."""

import pytest

CSV_HEAD = "source_lang,source_term,target_term\n"


@pytest.mark.parametrize(
    "body, line",
    [
        (CSV_HEAD + "en,a,b\n" + "en,a" + "x" * 140_000 + ",c\n", 3),  # field over the csv module's limit
        (CSV_HEAD + 'en,ok,gut\nen,"unterminated,c\n', 3),  # a quote that never ends
        (CSV_HEAD + 'en,"a"b,c\n', 2),  # text after a closing quote
    ],
)
def test_csv_that_does_not_parse_is_422_with_its_line(editor, body, line):
    r = editor.post("/api/terms/import", content=body.encode(), headers={"Content-Type": "text/csv"})
    assert r.status_code == 422, r.text
    error = r.json()["error"]
    assert error["code"] == "invalid_csv" and error["line"] == line and f"Line {line}" in error["message"]
    assert editor.get("/api/terms").json() == []  # nothing of a refused file is kept


def test_csv_line_endings_of_every_kind_parse(editor):
    """\\r alone (old Mac exports) used to be a csv.Error (500) inside an unquoted field."""
    body = CSV_HEAD.replace("\n", "\r") + "en,unrest,Unruhen\r" + 'en,"multi\r\nline",zwei Zeilen\r\n'
    r = editor.post("/api/terms/import", content=body.encode(), headers={"Content-Type": "text/csv"})
    assert r.status_code == 200 and r.json() == {"created": 2, "updated": 0}, r.text
    terms = {t["source_term"]: t["target_term"] for t in editor.get("/api/terms").json()}
    assert terms == {"unrest": "Unruhen", "multi\r\nline": "zwei Zeilen"}


def test_a_row_that_is_not_a_term_names_its_physical_line(editor):
    body = CSV_HEAD + 'en,"two\nlines",zwei\n\nen,,leer\n'
    r = editor.post("/api/terms/import", content=body.encode(), headers={"Content-Type": "text/csv"})
    assert r.status_code == 422 and r.json()["error"]["line"] == 5, r.text
