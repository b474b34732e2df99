"""double_space: two or more spaces in a row in the German text."""

import re
from collections.abc import Iterator

from app.qa.analysis import Analysis
from app.qa.base import Check, Pair, QAIssue

SPACES = re.compile(r"[ \u00a0]{2,}")


def runs(text: Analysis) -> list[tuple[int, int]]:
    return [m.span() for m in SPACES.finditer(text.text)]


class DoubleSpace(Check):
    code = "double_space"
    severity = "warning"
    description = "Doppelte Leerzeichen im deutschen Text."

    def run(self, pair: Pair) -> Iterator[QAIssue]:
        for span in pair.target_analysis.get(runs):
            yield self.issue("Doppeltes Leerzeichen", target_span=span)
