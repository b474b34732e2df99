"""Plain data passed in and out of translators: glossary terms, results and per-text failures."""

from dataclasses import dataclass, field
from typing import NamedTuple


@dataclass(frozen=True)
class GlossaryTerm:
    """A termbase entry: the source term and the German form drafts must use."""

    source: str
    target: str
    case_sensitive: bool = False


@dataclass
class TranslationResult:
    """One translated text; dropped_terms lists glossary terms whose placeholder the engine lost."""

    text: str
    provider: str
    score: float | None = None
    dropped_terms: list[str] = field(default_factory=list)
    via: str | None = None  # pivot language the engine went through (offline ru→en→de)


@dataclass
class TranslationFailure:
    """Why one text was not translated; code is the error code of the mapped exception."""

    code: str
    reason: str


class Translated(NamedTuple):
    """What an engine may return per unit instead of a bare string."""

    text: str
    score: float | None = None
    via: str | None = None


@dataclass(frozen=True)
class DocumentContext:
    """The article around the texts of one translate call, for engines that use context (llm)."""

    title: str = ""
    paragraphs: tuple[str, ...] = ()  # the whole article's source texts, in order
    positions: tuple[int, ...] = ()  # per text of the call: its index in paragraphs
    kinds: tuple[str, ...] = ()  # per text of the call: title | heading | paragraph
