"""glossary_term_missing: termbase entries of the source appear in their German form."""

from collections.abc import Iterator

from app.qa.base import Check, Pair, QAIssue, has_form


class GlossaryTermMissing(Check):
    code = "glossary_term_missing"
    severity = "warning"
    description = "Ein Glossarbegriff der Quelle steht nicht in seiner deutschen Form im Text."

    def run(self, pair: Pair) -> Iterator[QAIssue]:
        for term, m in pair.term_hits():
            if term.is_name():
                continue  # names and acronyms are name_missing's (no double report)
            if not pair.target_analysis.get(has_form, term.target_term):
                yield self.issue(
                    f"Glossar: „{m.group(0)}“ → „{term.target_term}“ fehlt im Deutschen", source_span=m.span()
                )
