"""length_ratio: the German text is far shorter or longer than German usually is for this source language."""

from collections.abc import Iterator

from app.qa.base import Check, Pair, QAIssue

# German characters per source character that are normal for news (German runs ~10–30 % longer
# than English, about as long as Russian); outside these bounds a sentence was likely dropped or
# doubled. Short segments (titles, bylines) vary too much to judge.
RANGES = {"en": (0.7, 1.9), "ru": (0.65, 1.8)}
DEFAULT_RANGE = (0.6, 2.0)
MIN_SOURCE_CHARS = 30


class LengthRatio(Check):
    code = "length_ratio"
    severity = "warning"
    description = "Der deutsche Text ist ungewöhnlich kurz oder lang im Verhältnis zur Quelle."

    def run(self, pair: Pair) -> Iterator[QAIssue]:
        source, target = len(pair.source.strip()), len(pair.target.strip())
        if source < MIN_SOURCE_CHARS:
            return
        low, high = RANGES.get(pair.source_lang, DEFAULT_RANGE)
        ratio = target / source
        if not low <= ratio <= high:
            word = "kurz" if ratio < low else "lang"
            shown = f"{ratio:.2f} × die Quelle (üblich {low:.2f}–{high:.2f})".replace(".", ",")
            yield self.issue(f"Deutsch ist ungewöhnlich {word}: {shown}")
