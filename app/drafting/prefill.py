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
    targets = exact_targets(session=session, lang=lang, texts=[i.source_text for i in items])
    hits, rest = [], []
    for item in items:
        target = targets.get(exact_key(item.source_text))
        if target:
            hits.append((item, TranslationResult(text=target, provider=PROVIDER)))
        else:
            rest.append(item)
    return hits, rest
