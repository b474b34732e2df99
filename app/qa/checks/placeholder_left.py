"""tag_or_placeholder_left: machine placeholders ([X0X]), markup tags or template slots in the German text."""

import re
from collections.abc import Iterator

from app.qa.analysis import Analysis
from app.qa.base import Check, Pair, QAIssue

# [X0X] is the glossary placeholder of app.translators.glossary (also as engines mangle it: [ x 0 x ]);
# then HTML/XML tags, {{slots}}, {0}/{name}, printf-style %s/%d, and __PH0__ style tokens.
LEFTOVER = re.compile(
    r"\[\s*[Xx]\s*\d+\s*[Xx]\s*\]|</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>|\{\{[^{}]*\}\}|\{\w*\}|%[sd]\b|__\w+__"
)


def leftovers(text: Analysis) -> list[tuple[str, tuple[int, int]]]:
    if not any(mark in text.text for mark in "[<{%_"):
        return []  # every leftover starts with one of these: a cheap test before the scan
    return [(m.group(0), m.span()) for m in LEFTOVER.finditer(text.text)]


class PlaceholderLeft(Check):
    code = "tag_or_placeholder_left"
    severity = "error"
    description = "Platzhalter, Tags oder Vorlagenfelder im deutschen Text, die nicht in der Quelle stehen."

    def run(self, pair: Pair) -> Iterator[QAIssue]:
        found = pair.target_analysis.get(leftovers)
        if not found:
            return
        in_source = {mark for mark, _ in pair.source_analysis.get(leftovers)}
        for mark, span in found:
            if mark not in in_source:
                yield self.issue(f"Platzhalter oder Tag „{mark}“ im deutschen Text", target_span=span)
