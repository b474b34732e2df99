"""Stored match lists as a document read sends them: JSON bytes spliced into the document's JSON.

A stored list is rendered (parsed, each match written as the API shows it) once per process and kept by
its stored text, so the cache cannot serve a stale list: another list is another text. Parsing ~100 KB of
stored JSON per read and serializing every match again cost more than the rest of the matches' share.
"""

import threading
from collections.abc import Mapping
from dataclasses import dataclass

from pydantic_core import from_json, to_json

from app.models import DocumentPublic

CACHED = 1024  # distinct stored lists kept rendered: about 10 KB each with their text, ~10 MB at most
_NULL = b'"matches":null'  # how a segment without matches serializes (a string holds no bare quote)


def shown(form: dict) -> dict:
    """A stored match as the API shows it: without its unit's id."""
    return {name: value for name, value in form.items() if name != "unit_id"}


@dataclass(frozen=True, slots=True)
class Rendered:
    """A list as the API shows it: each match's score and its JSON, best first; its units' ids."""

    scores: tuple[int, ...]
    parts: tuple[bytes, ...]
    units: frozenset[int]

    def json(self, min_score: int, limit: int) -> bytes:
        """The first `limit` matches scoring at least `min_score`, as a JSON array."""
        chosen = [part for value, part in zip(self.scores, self.parts, strict=True) if value >= min_score]
        return b"[" + b",".join(chosen[:limit]) + b"]"


def render(matches: list[dict]) -> Rendered:
    parts = tuple(to_json(shown(m)) for m in matches)
    return Rendered(tuple(m["score"] for m in matches), parts, frozenset(m["unit_id"] for m in matches))


class _Cache:
    """Rendered lists by stored text; the oldest entries go first when full. A hit takes no lock (a dict
    read is atomic): a read asks for thirty lists, a write adds a few."""

    def __init__(self, most: int) -> None:
        self.most, self.items, self.lock = most, dict[str, Rendered](), threading.Lock()

    def get(self, raw: str) -> Rendered | None:
        return self.items.get(raw)

    def put(self, raw: str, value: Rendered) -> None:
        with self.lock:
            self.items[raw] = value
            while len(self.items) > self.most:
                del self.items[next(iter(self.items))]


_cache = _Cache(CACHED)


def rendered(raw: str) -> Rendered:
    """A stored list's text rendered, parsed only the first time this process meets the text."""
    found = _cache.get(raw)
    if found is None:
        found = render(from_json(raw))
        _cache.put(raw, found)
    return found


def remember(raw: str, matches: list[dict]) -> None:
    """Keep a list rendered as it is stored (its writer has the matches parsed already)."""
    _cache.put(raw, render(matches))


def document_json(document: DocumentPublic, lists: Mapping[int, bytes]) -> bytes:
    """The document's JSON as the API writes it, each segment's `matches` the JSON array in `lists`."""
    for segment in document.segments:
        if segment.matches is not None:
            segment.matches = None
    body = document.__pydantic_serializer__.to_json(document, by_alias=True)
    pieces = body.split(_NULL)
    if len(pieces) != len(document.segments) + 1:  # not one per segment: never seen, but never wrong
        for segment in document.segments:
            segment.matches = from_json(lists[segment.id])
        return document.__pydantic_serializer__.to_json(document, by_alias=True)
    out = [pieces[0]]
    for segment, rest in zip(document.segments, pieces[1:], strict=True):
        out += [b'"matches":', lists[segment.id], rest]
    return b"".join(out)
