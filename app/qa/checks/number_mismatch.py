"""number_mismatch: every number of the source is in the German text, in German form."""

from collections.abc import Iterator

from app.qa.analysis import Analysis
from app.qa.base import Check, Pair, QAIssue
from app.qa.numbers import Number, numbers_in, written_as_word


def _label(n: Number) -> str:
    return n.text


def numbers(text: Analysis) -> list[Number]:
    """The numbers of a text (a feature: read once per text, shared)."""
    return numbers_in(text.text, text.lang)


class NumberMismatch(Check):
    code = "number_mismatch"
    severity = "error"
    description = (
        "Zahlen der Quelle fehlen im Deutschen oder sind anders geschrieben (1,5 Millionen, 10.000)."
    )

    def run(self, pair: Pair) -> Iterator[QAIssue]:
        source = pair.source_analysis.get(numbers)
        target = pair.target_analysis.get(numbers)
        unmatched = list(target)
        for n in source:
            same = next((t for t in unmatched if t.value == n.value), None)
            if same is None:
                if not n.percent and written_as_word(n.value, pair.target):
                    continue
                yield self.issue(
                    f"Zahl „{_label(n)}“ fehlt im Deutschen (in deutscher Form: 1,5 Millionen, 10.000)",
                    source_span=(n.start, n.end),
                )
                continue
            unmatched.remove(same)
            if n.percent and not same.percent:
                yield self.issue(
                    f"„{_label(n)}“ ist ein Prozentwert, im Deutschen fehlt „%“ oder „Prozent“",
                    source_span=(n.start, n.end),
                    target_span=(same.start, same.end),
                )
        for t in unmatched:
            yield self.issue(
                f"Zahl „{_label(t)}“ steht nicht in der Quelle",
                target_span=(t.start, t.end),
                severity="warning",
            )
