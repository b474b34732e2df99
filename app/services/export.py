"""First-cut document export: approved source/German pairs as JSON or Markdown."""

import json

from sqlmodel import Session

from app.errors import InvalidInput
from app.models import SegmentStatus
from app.services.documents import get_document, segments_of


def export_document(*, session: Session, document_id: int, fmt: str) -> tuple[str, str]:
    """(body, media type) of a document's approved pairs in order."""
    if fmt not in ("json", "markdown"):
        raise InvalidInput(
            f"Unknown document export format {fmt!r}", code="unknown_format", allowed=["json", "markdown"]
        )
    doc = get_document(session=session, document_id=document_id)
    pairs = [
        s for s in segments_of(session=session, document_id=document_id) if s.status == SegmentStatus.approved
    ]
    if fmt == "json":
        body = {
            "document_id": doc.id,
            "title": doc.title,
            "outlet": doc.outlet,
            "source_url": doc.source_url,
            "source_lang": doc.source_lang,
            "pairs": [
                {
                    "position": s.position,
                    "kind": s.kind,
                    "source_lang": s.source_lang,
                    "source": s.source_text,
                    "target": s.target_text,
                }
                for s in pairs
            ],
        }
        return json.dumps(body, ensure_ascii=False, indent=2), "application/json"
    lines: list[str] = []
    for s in pairs:
        target = s.target_text or ""
        if s.kind == "title":
            lines.append(f"# {target}" + (f" ({doc.outlet})" if doc.outlet else ""))
            if doc.source_url:
                lines += ["", doc.source_url]
        elif s.kind == "heading":
            lines.append(f"## {target}")
        else:
            lines.append(target)
        lines.append("")
    return "\n".join(lines).strip() + "\n", "text/markdown; charset=utf-8"
