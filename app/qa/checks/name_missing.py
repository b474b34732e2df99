"""name_missing: Latin-script names, acronyms and codes of the source are in the German text (or their
termbase form); names of the termbase (e.g. Cyrillic „Путин“ → „Putin“) in their German form."""

import re
from collections.abc import Iterator

from app.qa.base import Check, Pair, QAIssue, QATerm, contains_form

# `\b` first in each (they start with a word character): the scan skips to word starts.
CODE = re.compile(r"\b(?<![\w-])(?=[\w-]*[A-Za-z])(?=[\w-]*\d)[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*(?![\w-])")
NOT_A_CODE = re.compile(r"\d+(?:st|nd|rd|th|s|m|k|b|bn|mn|tn|km|kg|h)?", re.IGNORECASE)
ACRONYM = re.compile(r"\b(?<![\w-])[A-Z][A-Z&]*[A-Z](?![\w-])")
LATIN_WORD = re.compile(r"\b(?<![\w'’-])[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ'’-]*[A-Za-zÀ-ÖØ-öø-ÿ]")
CAPITALISED = re.compile(r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'’-]+")
SENTENCE_END = ".!?:;…"  # then whitespace: the next word starts a sentence
OPENERS = '"“„«‘([–—-'  # then any whitespace: the next word starts a quote, bracket or aside
# Capitalised English words that are rarely names: function words, titles, institutions, calendar.
COMMON = set(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "for",
        "from",
        "he",
        "her",
        "his",
        "how",
        "i",
        "if",
        "in",
        "is",
        "it",
        "its",
        "mr",
        "mrs",
        "ms",
        "dr",
        "no",
        "not",
        "of",
        "on",
        "or",
        "our",
        "she",
        "so",
        "that",
        "the",
        "their",
        "there",
        "these",
        "they",
        "this",
        "those",
        "to",
        "we",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "why",
        "with",
        "you",
        "your",
        "after",
        "before",
        "during",
        "since",
        "until",
        "about",
        "over",
        "under",
        "president",
        "minister",
        "prime",
        "foreign",
        "defence",
        "defense",
        "secretary",
        "general",
        "chairman",
        "chancellor",
        "governor",
        "mayor",
        "king",
        "queen",
        "prince",
        "pope",
        "senator",
        "senate",
        "congress",
        "parliament",
        "government",
        "ministry",
        "office",
        "department",
        "state",
        "house",
        "council",
        "committee",
        "court",
        "supreme",
        "federal",
        "national",
        "republic",
        "kingdom",
        "union",
        "united",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "according",
        "also",
        "however",
        "meanwhile",
        "earlier",
        "later",
        "today",
        "yesterday",
        "tomorrow",
        "news",
        "agency",
    ]
)
DEMONYM = re.compile(r".+(?:ian|ean|ese|ish|ans)$", re.IGNORECASE)


def _covered(span: tuple[int, int], hits: list[tuple[QATerm, re.Match[str]]]) -> QATerm | None:
    for term, m in hits:
        if m.start() <= span[0] and span[1] <= m.end():
            return term
    return None


def _starts_sentence(text: str, at: int) -> bool:
    """The word at `at` opens the text, a sentence, a quote or a bracket (only the text before it)."""
    before = text[:at]
    kept = before.rstrip()
    if not kept:
        return before in ("", "\n")
    return (kept[-1] in SENTENCE_END and kept != before) or kept[-1] in OPENERS


def _title_case(words: list[re.Match[str]]) -> bool:
    """A headline in Title Case (most of its Latin words capitalised): capitals say nothing there."""
    return len(words) >= 3 and sum([m.group(0)[0].isupper() for m in words]) >= 0.6 * len(words)


class NameMissing(Check):
    code = "name_missing"
    severity = "error"
    description = "Namen, Abkürzungen und Kennungen der Quelle fehlen im Deutschen (oder ihre Glossarform)."

    def _candidates(self, pair: Pair) -> Iterator[tuple[tuple[int, int], str, str]]:
        """(span, the form the German text must hold, severity) of every name-like token of the source.

        Consecutive name words are one name, found when its last word is ("Vladimir Putin" →
        "Wladimir Putin" keeps the surname; German spells many first names its own way).
        """
        seen: list[tuple[int, int]] = []
        for m in CODE.finditer(pair.source):
            if not NOT_A_CODE.fullmatch(m.group(0)):
                seen.append(m.span())
                yield m.span(), m.group(0), "error"
        for m in ACRONYM.finditer(pair.source):
            if not any(a <= m.start() < b for a, b in seen):
                seen.append(m.span())
                yield m.span(), m.group(0), "error"
        covered = {at for a, b in seen for at in range(a, b)}
        every = list(LATIN_WORD.finditer(pair.source))
        words = [m for m in every if m.start() not in covered]
        if pair.source_lang != "ru":
            words = (
                []
                if _title_case(every)
                else [
                    m
                    for m in words
                    if m.group(0)[0].isupper()  # cheap test first: CAPITALISED starts with a capital
                    and CAPITALISED.fullmatch(m.group(0))
                    and self._is_name(pair.source, m)
                ]
            )
        run: list[re.Match[str]] = []
        for m in [*words, None]:
            if run and (m is None or pair.source[run[-1].end() : m.start()].strip()):
                yield (run[0].start(), run[-1].end()), run[-1].group(0), "warning"
                run = []
            if m is not None:
                run.append(m)

    @staticmethod
    def _is_name(source: str, m: re.Match[str]) -> bool:
        word = m.group(0)
        if word.lower() in COMMON or DEMONYM.match(word):
            return False
        return not _starts_sentence(source, m.start())

    def run(self, pair: Pair) -> Iterator[QAIssue]:
        hits = list(pair.term_hits())
        spans = []
        for span, form, severity in self._candidates(pair):
            spans.append(span)
            term = _covered(span, hits)
            wanted = term.target_term if term else form
            if contains_form(pair.target, wanted):
                continue
            via = f" (Glossar: „{term.target_term}“)" if term else ""
            name = pair.source[span[0] : span[1]]
            yield self.issue(f"„{name}“ fehlt im Deutschen{via}", source_span=span, severity=severity)
        # Termbase names no token above stands for: Cyrillic ones („Путин“), and Latin ones made of
        # common words („Foreign Ministry“ → „Außenministerium“).
        for term, m in hits:
            overlaps = any(a < m.end() and m.start() < b for a, b in spans)
            if term.is_name() and not overlaps and not contains_form(pair.target, term.target_term):
                yield self.issue(
                    f"Name „{m.group(0)}“ fehlt im Deutschen (Glossar: „{term.target_term}“)",
                    source_span=m.span(),
                )
