"""CSV and JSONL of segment pairs with a fixed column order."""

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


def pair_row(pair: SegmentPair) -> dict[str, object]:
    """One pair as an ordered mapping of the export columns (updated_at in ISO 8601)."""
    row = {name: getattr(pair, name) for name in COLUMNS}
    row["updated_at"] = pair.updated_at.isoformat()
    return row


def render_csv(pairs: list[SegmentPair]) -> str:
    """RFC 4180 CSV with a header row; empty cells for missing draft/editor."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for pair in pairs:
        writer.writerow(pair_row(pair))
    return out.getvalue()


def render_jsonl(pairs: list[SegmentPair]) -> str:
    """One JSON object per line, keys in column order, nulls kept."""
    return "".join(json.dumps(pair_row(p), ensure_ascii=False) + "\n" for p in pairs)
