"""end_punctuation: the German text ends with the source's mark (. ! ? : ; …) or, like it, with none."""

from collections.abc import Iterator

from app.qa.analysis import Analysis
from app.qa.base import Check, Pair, QAIssue

CLOSERS = "\"'“”„«»‘’)]» \u00a0"
KINDS = {".": ".", "!": "!", "?": "?", ":": ":", "…": "…", ";": ";"}


def ending(text: str) -> tuple[str, int]:
    """The final punctuation mark (or "" for none) and its offset, looking through quotes and brackets."""
    end = len(text.rstrip())
    while end and text[end - 1] in CLOSERS:
        end -= 1
    if text[:end].endswith("..."):
        return "…", end - 3
    mark = text[end - 1] if end else ""
    return (KINDS.get(mark, ""), end - 1) if mark in KINDS else ("", end)


def _ending(text: Analysis) -> tuple[str, int]:
    return ending(text.text)


class EndPunctuation(Check):
    code = "end_punctuation"
    severity = "warning"
    description = "Das Satzzeichen am Ende weicht von der Quelle ab."

    def run(self, pair: Pair) -> Iterator[QAIssue]:
        source, s_at = pair.source_analysis.get(_ending)
        target, t_at = pair.target_analysis.get(_ending)
        if source == target:
            return
        said = f"„{source}“" if source else "keines"
        yield self.issue(
            f"Satzzeichen am Ende: Quelle {said}, Deutsch {f'„{target}“' if target else 'keines'}",
            source_span=(s_at, s_at + 1) if source else None,
            target_span=(t_at, t_at + 1) if target else None,
        )
