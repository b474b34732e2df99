"""Bulk ingest: many items, one result each, every item processed even when some fail."""

import json
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from sqlmodel import Session

from app.config import Settings
from app.errors import InvalidInput, WerkbankError
from app.ingest.pipeline import ingest
from app.models import DocumentCreate, User


@dataclass
class BulkOutcome:
    """One result per item, and how many were created, already known, or refused."""

    results: list[dict[str, Any]]
    created: int
    existing: int
    errors: int


def parse_items(body: bytes, *, ndjson: bool) -> list[Any]:
    """A JSON array or NDJSON lines; a line that is not JSON becomes an error item."""
    text = body.decode("utf-8", errors="replace")
    if ndjson:
        items: list[Any] = []
        for line in text.splitlines():
            if not line.strip():
                continue
            try:
                items.append(json.loads(line))
            except json.JSONDecodeError:
                items.append(InvalidInput("Line is not valid JSON", code="malformed_json"))
        return items
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInput("Request body is not valid JSON", code="malformed_json") from exc
    if not isinstance(data, list):
        raise InvalidInput("Expected a JSON array of documents", code="invalid_input")
    return data


def _one(item: Any, *, session: Session, user: User, settings: Settings) -> dict[str, Any]:
    if isinstance(item, WerkbankError):
        raise item
    if not isinstance(item, dict):
        raise InvalidInput("Each item must be a JSON object", code="invalid_input")
    try:
        payload = DocumentCreate.model_validate(item)
    except ValidationError as exc:
        raise InvalidInput(str(exc.errors()[0].get("msg")), code="invalid_input") from exc
    outcome = ingest(session=session, payload=payload, user=user, settings=settings)
    doc = outcome.document
    return {
        "result": "created" if outcome.created else "existing",
        "document_id": doc.id,
        "status": doc.status,
        "source_lang": doc.source_lang,
        "title": doc.title,
    }


def ingest_many(
    *, session: Session, items: list[Any], user: User, settings: Settings
) -> list[dict[str, Any]]:
    """Ingest each item in its own transaction and report created / existing / error."""
    results: list[dict[str, Any]] = []
    for index, item in enumerate(items):
        try:
            results.append({"index": index, **_one(item, session=session, user=user, settings=settings)})
        except WerkbankError as exc:
            session.rollback()
            results.append(
                {"index": index, "result": "error", "error": exc.to_dict(), "status_code": exc.status}
            )
    return results


def ingest_body(
    *, session: Session, body: bytes, ndjson: bool, user: User, settings: Settings
) -> BulkOutcome:
    """Ingest every item of a JSON array or NDJSON body; one result each, with the counts."""
    items = parse_items(body, ndjson=ndjson)
    results = ingest_many(session=session, items=items, user=user, settings=settings)
    count = {k: sum(1 for r in results if r["result"] == k) for k in ("created", "existing", "error")}
    return BulkOutcome(results, created=count["created"], existing=count["existing"], errors=count["error"])
