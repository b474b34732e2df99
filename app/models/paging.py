"""Keyset paging: opaque cursors over the sort key of the last row of a page."""

import base64
import binascii
import json
from datetime import UTC, datetime, timedelta

from app.errors import InvalidInput
from app.models.types import MAX_ID

CURSOR_RULE = (
    "Opaque: pass the `next_cursor` of the previous page to get the next one. Pages are keyed by "
    "the last row shown, so rows added meanwhile never shift or repeat a page."
)
NEXT_CURSOR_HEADER = "X-Next-Cursor"
LIST_CURSOR_RULE = (
    f"{CURSOR_RULE} This list answers a plain array; when more rows follow, the response carries the "
    f'next page\'s cursor in the `{NEXT_CURSOR_HEADER}` header (and a `Link: <…>; rel="next"`).'
)
Key = int | str | datetime
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _plain(value: Key) -> int | str:
    if isinstance(value, datetime):  # microseconds since the epoch: exact, and an int
        delta = value.astimezone(UTC) - EPOCH
        return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds
    return value


def encode_cursor(*key: Key) -> str:
    """The cursor after a row with this sort key."""
    raw = json.dumps([_plain(k) for k in key], ensure_ascii=False).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _valid(value: object, kind: type) -> bool:
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_ID
    if kind is datetime:
        return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 10**17
    return isinstance(value, str) and len(value) <= 1000


def decode_cursor(cursor: str | None, *kinds: type) -> tuple | None:
    """The key a cursor stands for (None for the first page); 422 `invalid_cursor` if not ours.

    `kinds` are the key's types (default one id): int ids, str, or datetime (aware UTC).
    """
    if not cursor:
        return None
    kinds = kinds or (int,)
    try:
        key = json.loads(base64.urlsafe_b64decode((cursor + "=" * (-len(cursor) % 4)).encode("ascii")))
    except (ValueError, UnicodeError, binascii.Error):
        key = None
    if not (isinstance(key, list) and len(key) == len(kinds) and all(map(_valid, key, kinds))):
        raise InvalidInput("cursor must be the next_cursor of a previous page", code="invalid_cursor")
    return tuple(
        EPOCH + timedelta(microseconds=k) if kind is datetime else k
        for k, kind in zip(key, kinds, strict=True)
    )
