"""Drafts from the translation memory: a segment whose source was approved before needs no engine."""

from collections.abc import Sequence
from typing import Protocol, TypeVar

from sqlmodel import Session

from app.memory.keys import exact_key
from app.memory.matching import exact_targets
from app.translators.base import TranslationResult

PROVIDER = "tm"


class HasSource(Protocol):
    source_text: str


T = TypeVar("T", bound=HasSource)


def from_memory(
    session: Session, lang: str, items: Sequence[T]
) -> tuple[list[tuple[T, TranslationResult]], list[T]]:
    """(items with an exact memory match and their draft, items left for the engine)."""
    keys = [exact_key(i.source_text) for i in items]
    targets = exact_targets(session=session, lang=lang, keys=keys)
    hits, rest = [], []
    for item, key in zip(items, keys, strict=True):
        target = targets.get(key)
        if target:
            hits.append((item, TranslationResult(text=target, provider=PROVIDER)))
        else:
            rest.append(item)
    return hits, rest
