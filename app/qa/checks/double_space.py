"""double_space: two or more spaces in a row in the German text."""

import re
from collections.abc import Iterator

from app.qa.base import Check, Pair, QAIssue

SPACES = re.compile(r"[ \u00a0]{2,}")


class DoubleSpace(Check):
    code = "double_space"
    severity = "warning"
    description = "Doppelte Leerzeichen im deutschen Text."

    def run(self, pair: Pair) -> Iterator[QAIssue]:
        for m in SPACES.finditer(pair.target):
            yield self.issue("Doppeltes Leerzeichen", target_span=m.span())
