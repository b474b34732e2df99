"""url_mismatch: web addresses and e-mail addresses are the same on both sides."""

import re
from collections.abc import Iterator

from app.qa.base import Check, Pair, QAIssue

ADDRESS = re.compile(r"(?:https?://|www\.)[^\s<>\"“”„«»]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
# Without "@" only the web part can match, and it is far cheaper to scan for (the e-mail part tries
# every word); without "http"/"www." either, nothing can.
WEB = re.compile(r"(?:https?://|www\.)[^\s<>\"“”„«»]+", re.IGNORECASE)


def addresses(text: str) -> list[re.Match[str]]:
    """Every address of a text; sentence punctuation after it is not part of it."""
    found: list[re.Match[str]] = []
    if "@" in text:
        pattern = ADDRESS
    elif "http" in text.lower() or "www." in text.lower():
        pattern = WEB
    else:
        return found
    for m in pattern.finditer(text):
        end = m.end()
        while end > m.start() and text[end - 1] in ".,;:!?)]’'":
            end -= 1
        found.append(_at(text, m.start(), end))
    return found


def _at(text: str, start: int, end: int) -> re.Match[str]:
    return re.compile(re.escape(text[start:end])).match(text, start)  # type: ignore[return-value]


class UrlMismatch(Check):
    code = "url_mismatch"
    severity = "error"
    description = "Web- oder E-Mail-Adressen der Quelle fehlen im Deutschen oder wurden verändert."

    def run(self, pair: Pair) -> Iterator[QAIssue]:
        source = addresses(pair.source)
        target = addresses(pair.target)
        left = [m.group(0) for m in target]
        for m in source:
            if m.group(0) in left:
                left.remove(m.group(0))
            else:
                yield self.issue(
                    f"Adresse „{m.group(0)}“ fehlt im Deutschen oder ist verändert", source_span=m.span()
                )
        for m in target:
            if m.group(0) in left:
                left.remove(m.group(0))
                yield self.issue(
                    f"Adresse „{m.group(0)}“ steht nicht in der Quelle",
                    target_span=m.span(),
                    severity="warning",
                )
