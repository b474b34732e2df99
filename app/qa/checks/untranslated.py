"""untranslated: the German text is the source unchanged, or holds Cyrillic words."""

import re
from collections.abc import Iterator

from app.qa.analysis import Analysis
from app.qa.base import Check, Pair, QAIssue

CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff][\u0400-\u04ff'’-]*")
LETTERS = re.compile(r"[^\W\d_]")


def _plain(text: Analysis) -> str:
    return " ".join(text.text.split()).casefold()


def _cyrillic(text: Analysis) -> list[tuple[str, tuple[int, int]]]:
    return [(m.group(0), m.span()) for m in CYRILLIC_WORD.finditer(text.text)]


class Untranslated(Check):
    code = "untranslated"
    severity = "error"
    description = "Der deutsche Text ist die unveränderte Quelle oder enthält kyrillische Wörter."

    def run(self, pair: Pair) -> Iterator[QAIssue]:
        source, target = pair.source_analysis, pair.target_analysis
        if source.get(_plain) == target.get(_plain) and LETTERS.search(pair.source):
            # A short line (a name, a title like "Reuters") may rightly stay as it is.
            short = len(pair.source.split()) < 3
            yield self.issue(
                "Der deutsche Text ist die unveränderte Quelle",
                source_span=(0, len(pair.source)),
                target_span=(0, len(pair.target)),
                severity="warning" if short else "error",
            )
            return
        for word, span in target.get(_cyrillic):
            yield self.issue(f"Kyrillisches Wort „{word}“ im deutschen Text", target_span=span)
