"""Keyset paging: opaque cursors over the key of the last row of a page."""

import base64
import binascii
import json

from app.errors import InvalidInput
from app.models.types import MAX_ID

CURSOR_RULE = (
    "Opaque: pass the `next_cursor` of the previous page to get the next one. Pages are keyed by "
    "the last row shown, so rows added meanwhile never shift or repeat a page."
)


def encode_cursor(*key: int) -> str:
    """The cursor after a row with this key."""
    return base64.urlsafe_b64encode(json.dumps(list(key)).encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None, size: int = 1) -> tuple[int, ...] | None:
    """The key a cursor stands for (None for the first page); 422 `invalid_cursor` if not ours."""
    if cursor is None or cursor == "":
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        key = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (ValueError, UnicodeError, binascii.Error):
        key = None
    valid = isinstance(key, list) and len(key) == size
    if not valid or not all(isinstance(k, int) and not isinstance(k, bool) and 0 < k <= MAX_ID for k in key):
        raise InvalidInput("cursor must be the next_cursor of a previous page", code="invalid_cursor")
    return tuple(key)
