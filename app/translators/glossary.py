"""Glossary protection: termbase entries become placeholders before MT and German terms after."""

import re
from dataclasses import dataclass, field

from app.translators.results import GlossaryTerm

# Engines keep bracketed ASCII tokens like [X3X] intact far better than XML or Unicode marks;
# the restore pattern tolerates the spaces and case changes some engines introduce.
_RESTORE = re.compile(r"\[\s*[Xx]\s*(\d+)\s*[Xx]\s*\]")


def placeholder(index: int) -> str:
    return f"[X{index}X]"


@dataclass
class Masked:
    """A text with its glossary hits replaced by placeholders, and how to put them back."""

    text: str
    terms: dict[int, GlossaryTerm] = field(default_factory=dict)


def _pattern(term: GlossaryTerm) -> re.Pattern[str]:
    flags = 0 if term.case_sensitive else re.IGNORECASE
    return re.compile(rf"(?<!\w){re.escape(term.source)}(?!\w)", flags)


def occurs(term: GlossaryTerm, text: str) -> bool:
    """Whether the term appears in text as a whole word."""
    return bool(term.source.strip()) and _pattern(term).search(text) is not None


def mask(text: str, glossary: tuple[GlossaryTerm, ...] | list[GlossaryTerm]) -> Masked:
    """Replace every glossary term found in text (longest terms first) by a placeholder."""
    if not glossary:
        return Masked(text)
    masked = Masked(text)
    for index, term in enumerate(sorted(glossary, key=lambda t: len(t.source), reverse=True)):
        if not term.source.strip():
            continue
        new_text, hits = _pattern(term).subn(placeholder(index), masked.text)
        if hits:
            masked.text = new_text
            masked.terms[index] = term
    return masked


def restore(translated: str, masked: Masked) -> tuple[str, list[str]]:
    """Put target terms back; return the text and the source terms whose placeholder vanished."""
    seen: set[int] = set()

    def _replace(match: re.Match[str]) -> str:
        index = int(match.group(1))
        term = masked.terms.get(index)
        if term is None:
            return ""  # a placeholder the engine invented; never leak brackets into a draft
        seen.add(index)
        return term.target

    text = _RESTORE.sub(_replace, translated)
    dropped = [term.source for index, term in sorted(masked.terms.items()) if index not in seen]
    return text, dropped
