"""quote_style: German quotation marks („…“ or ‚…‘) instead of straight, English or Russian ones."""

import re
from collections.abc import Iterator

from app.qa.analysis import Analysis
from app.qa.base import Check, Pair, QAIssue

# Straight double quotes, guillemets, and an English opening “ (German closes with it, never opens).
# Every alternative starts with its mark (the lookbehinds come after it), so the regex engine finds the
# marks with its fast scan for a first character instead of trying the pattern at every character.
WRONG = re.compile(r"[\"«»]|“(?:(?<=^“)|(?<=[\s(\[–—-]“))(?=\w)")


def wrong_quotes(text: Analysis) -> list[tuple[str, tuple[int, int]]]:
    if not any(mark in text.text for mark in '"«»“'):
        return []  # a cheap test first: most German texts have none of them
    return [(m.group(0), m.span()) for m in WRONG.finditer(text.text)]


class QuoteStyle(Check):
    code = "quote_style"
    severity = "warning"
    description = "Gerade oder fremde Anführungszeichen, wo deutsche („…“) hingehören."

    def run(self, pair: Pair) -> Iterator[QAIssue]:
        for mark, span in pair.target_analysis.get(wrong_quotes):
            yield self.issue(f"Anführungszeichen {mark} – im Deutschen „…“", target_span=span)
