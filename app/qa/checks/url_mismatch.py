"""url_mismatch: web addresses and e-mail addresses are the same on both sides."""

import re
from collections.abc import Iterator
from typing import NamedTuple

from app.qa.analysis import Analysis
from app.qa.base import Check, Pair, QAIssue

ADDRESS = re.compile(r"(?:https?://|www\.)[^\s<>\"“”„«»]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
# Without "@" only the web part can match: it starts where the text has "http" or "www." in any case,
# found with str.find in the lower-cased text (the same offsets unless the text holds "İ", the one
# character lower() turns into two), and the pattern is tried there only, not at every character.
WEB = re.compile(r"(?:https?://|www\.)[^\s<>\"“”„«»]+", re.IGNORECASE)
_TRIM = ".,;:!?)]’'"


class Address(NamedTuple):
    """An address found in a text, without the sentence punctuation after it."""

    start: int
    end: int
    text: str

    def span(self) -> tuple[int, int]:
        return self.start, self.end


def _web_starts(text: str) -> list[int] | None:
    """Where a web address may start (sorted); None when the offsets of lower() are not the text's."""
    low = text.lower()
    if "http" not in low and "www." not in low:
        return []
    if "\u0130" in text:
        return None
    found = []
    for mark in ("http", "www."):
        at = low.find(mark)
        while at >= 0:
            found.append(at)
            at = low.find(mark, at + 1)
    return sorted(found)


def _matches(text: str) -> list[re.Match[str]]:
    if "@" in text:
        return list(ADDRESS.finditer(text))
    starts = _web_starts(text)
    if starts is None:
        return list(WEB.finditer(text))
    found: list[re.Match[str]] = []
    for at in starts:
        if found and at < found[-1].end():
            continue  # inside the address before it ("http://www.…"), as finditer goes on after a match
        m = WEB.match(text, at)
        if m:
            found.append(m)
    return found


def addresses(text: str) -> list[Address]:
    """Every address of a text; sentence punctuation after it is not part of it."""
    found = []
    for m in _matches(text):
        start, end = m.span()
        while end > start and text[end - 1] in _TRIM:
            end -= 1
        found.append(Address(start, end, text[start:end]))
    return found


def _addresses(text: Analysis) -> list[Address]:
    return addresses(text.text)


class UrlMismatch(Check):
    code = "url_mismatch"
    severity = "error"
    description = "Web- oder E-Mail-Adressen der Quelle fehlen im Deutschen oder wurden verändert."

    def run(self, pair: Pair) -> Iterator[QAIssue]:
        source = pair.source_analysis.get(_addresses)
        target = pair.target_analysis.get(_addresses)
        left = [m.text for m in target]
        for m in source:
            if m.text in left:
                left.remove(m.text)
            else:
                yield self.issue(
                    f"Adresse „{m.text}“ fehlt im Deutschen oder ist verändert", source_span=m.span()
                )
        for m in target:
            if m.text in left:
                left.remove(m.text)
                yield self.issue(
                    f"Adresse „{m.text}“ steht nicht in der Quelle",
                    target_span=m.span(),
                    severity="warning",
                )
