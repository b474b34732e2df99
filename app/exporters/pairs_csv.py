"""CSV (formula cells neutralised) and JSONL of segment pairs with a fixed column order."""

import csv
import io
import json

from app.exporters.types import SegmentPair

COLUMNS = (
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
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def pair_row(pair: SegmentPair) -> dict[str, object]:
    """One pair as an ordered mapping of the export columns (updated_at in ISO 8601)."""
    row = {name: getattr(pair, name) for name in COLUMNS}
    row["updated_at"] = pair.updated_at.isoformat()
    return row


def safe_cell(value: object) -> object:
    """A text cell starting with = + - @ tab or CR gets a leading ' so spreadsheets show it as text.

    OWASP's CSV injection rule, kept deliberately simple: "-5 Grad" or "- Punkt" get the
    apostrophe too (a reader strips one leading ' from such cells to get the text back).
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def render_csv(pairs: list[SegmentPair]) -> str:
    """RFC 4180 CSV with a header row; empty cells for missing draft/editor; formulas neutralised."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for pair in pairs:
        writer.writerow({name: safe_cell(value) for name, value in pair_row(pair).items()})
    return out.getvalue()


def render_jsonl(pairs: list[SegmentPair]) -> str:
    """One JSON object per line, keys in column order, nulls kept."""
    return "".join(json.dumps(pair_row(p), ensure_ascii=False) + "\n" for p in pairs)
