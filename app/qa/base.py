"""What a check sees (a Pair) and says (QAIssue), and the Check base class every plug-in extends."""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import ClassVar, Literal

from pydantic import BaseModel, Field

from app.qa.analysis import Analysis, analysis
from app.qa.patterns import at_word_start

Severity = Literal["error", "warning"]
Span = tuple[int, int]


class once:  # noqa: N801 - used like the decorator it stands in for
    """functools.cached_property without its lock: Python 3.11's takes an RLock on every first access,
    which cost more than most of what a Pair works out. Two threads may both compute a value (the same)."""

    def __init__(self, fn) -> None:  # noqa: ANN001
        self.fn, self.name, self.__doc__ = fn, fn.__name__, fn.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj, owner=None):  # noqa: ANN001, ANN204
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.fn(obj)
        return value


class QAIssue(BaseModel):
    """One finding. Spans are [start, end) offsets in Unicode code points; None when not located."""

    code: str = Field(max_length=64)
    severity: Severity
    message: str = Field(max_length=1000)
    source_span: Span | None = None
    target_span: Span | None = None


@dataclass(frozen=True)
class QATerm:
    """A termbase entry as the checks need it."""

    source_term: str
    target_term: str
    case_sensitive: bool = False

    def pattern(self) -> re.Pattern[str]:
        return self._pattern

    # Worked out once per entry, not once per segment checked (a document's segments share its termbase).
    @once
    def _pattern(self) -> re.Pattern[str]:
        return _term_pattern(self.source_term, self.case_sensitive)

    @once
    def folded(self) -> str:
        """The source term case-folded: a cheap substring test before the pattern's search."""
        return self.source_term.casefold()

    def is_name(self) -> bool:
        """Names and acronyms start with a capital letter in the source (e.g. „Путин“, „CSTO“)."""
        return self.source_term[:1].isupper()


@dataclass(frozen=True)
class Pair:
    """A source segment and its German text, with the termbase of the source language."""

    source: str
    target: str
    source_lang: str
    terms: tuple[QATerm, ...] = field(default_factory=tuple)

    @once
    def source_analysis(self) -> Analysis:
        """The source as every check reads it (app.qa.analysis: shared with other pairs of this text)."""
        return analysis(self.source, self.source_lang)

    @once
    def target_analysis(self) -> Analysis:
        """The German text as every check reads it."""
        return analysis(self.target, "de")

    @once
    def _folded_source(self) -> str:
        return self.source_analysis.get(folded)

    @once
    def hits(self) -> tuple[tuple[QATerm, re.Match[str]], ...]:
        """Every termbase entry found in the source, with its first occurrence (found once per pair)."""
        found = []
        folded = self._folded_source
        for term in self.terms:
            if term.folded not in folded:
                continue  # a substring test first: most of a termbase is not in a given sentence
            hit = term._pattern.search(self.source)
            if hit:
                found.append((term, hit))
        return tuple(found)

    def term_hits(self) -> tuple[tuple[QATerm, re.Match[str]], ...]:
        return self.hits


@lru_cache(maxsize=4096)
def _term_pattern(source_term: str, case_sensitive: bool) -> re.Pattern[str]:
    flags = 0 if case_sensitive else re.IGNORECASE
    return re.compile(rf"{at_word_start(source_term, not case_sensitive)}(?!\w)", flags)


@lru_cache(maxsize=4096)
def _form_pattern(form: str) -> re.Pattern[str]:
    return re.compile(at_word_start(form, True), re.IGNORECASE)


def contains_form(target: str, form: str) -> bool:
    """The German text holds `form` as a word start (German may inflect: Putin → Putins), any case."""
    return _form_pattern(form).search(target) is not None


def has_form(text: Analysis, form: str) -> bool:
    """contains_form as a feature: asked once per German text and form (names recur across checks)."""
    return contains_form(text.text, form)


def folded(text: Analysis) -> str:
    """The text case-folded (for substring tests before a pattern's search)."""
    return text.text.casefold()


class Check:
    """A plug-in: `code` names it, `severity` is its default; run() yields the issues of one pair.

    A check only sees plain text (no database, no HTTP). Checks that raise are reported as
    `check_failed` by the runner, so a faulty plug-in never breaks an edit.
    """

    code: ClassVar[str] = ""
    severity: ClassVar[Severity] = "warning"
    description: ClassVar[str] = ""

    def run(self, pair: Pair) -> Iterable[QAIssue]:
        raise NotImplementedError

    def issue(
        self,
        message: str,
        *,
        source_span: Span | None = None,
        target_span: Span | None = None,
        severity: Severity | None = None,
    ) -> QAIssue:
        return QAIssue(
            code=self.code,
            severity=severity or self.severity,
            message=message[:1000],
            source_span=source_span,
            target_span=target_span,
        )
