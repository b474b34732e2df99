"""name_missing: Latin-script names, acronyms and codes of the source are in the German text (or their
termbase form); names of the termbase (e.g. Cyrillic „Путин“ → „Putin“) in their German form."""

import re
from collections.abc import Iterator

from app.qa.analysis import Analysis
from app.qa.base import Check, Pair, QAIssue, QATerm, has_form

CODE = re.compile(r"\b(?<![\w-])(?=[\w-]*[A-Za-z])(?=[\w-]*\d)[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*(?![\w-])")
# A code holds an ASCII letter and digit side by side or with one hyphen between (somewhere its letters
# turn to digits): without such a pair no CODE scan is needed. Digit first, so the regex engine finds the
# digits with its fast scan of a character class (see the next comment).
CODE_HINT = re.compile(r"[0-9](?:(?<=[A-Za-z][0-9])|(?<=[A-Za-z]-[0-9])|-?[A-Za-z])")
NOT_A_CODE = re.compile(r"\d+(?:st|nd|rd|th|s|m|k|b|bn|mn|tn|km|kg|h)?", re.IGNORECASE)
# The first letter first, the lookbehind on the character before it next: `[A-Z](?<![\w-][A-Z])` is
# `\b(?<![\w-])[A-Z]`, and a pattern starting with a character class lets the regex engine skip to the
# next candidate letter in its fast loop instead of trying the pattern at every character (~2× faster).
_LATIN = "A-Za-zÀ-ÖØ-öø-ÿ"
ACRONYM = re.compile(r"[A-Z](?<![\w-][A-Z])[A-Z&]*[A-Z](?![\w-])")
LATIN_WORD = re.compile(rf"[{_LATIN}](?<![\w'’-][{_LATIN}])[{_LATIN}'’-]*[{_LATIN}]")
# The Latin words whose first letter is upper case (str.isupper: A-Z, À-Ö, Ø-Þ of _LATIN): no word
# starts inside another (the lookbehind), so these are exactly LATIN_WORD's matches with a capital.
CAPITAL_WORD = re.compile(rf"[A-ZÀ-ÖØ-Þ](?<![\w'’-][A-ZÀ-ÖØ-Þ])[{_LATIN}'’-]*[{_LATIN}]")
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


def _title_case(source: str, capitalised: int) -> bool:
    """A headline in Title Case (most of its Latin words capitalised): capitals say nothing there.

    Words are counted only until there are too many for that (a sentence of news is over after ten
    words or so): ≥ 3 words with ≥ 60 % capitalised needs 2 capitalised words at least."""
    if capitalised < 2:
        return False
    words = 0
    for _ in LATIN_WORD.finditer(source):
        words += 1
        if capitalised < 0.6 * words:
            return False
    return words >= 3 and capitalised >= 0.6 * words


def candidates(text: Analysis) -> list[tuple[tuple[int, int], str, str]]:
    """(span, the form the German text must hold, severity) of every name-like token of a source.

    Consecutive name words are one name, found when its last word is ("Vladimir Putin" →
    "Wladimir Putin" keeps the surname; German spells many first names its own way). A feature
    (app.qa.analysis): found once per source text, whatever the German text or the termbase.
    """
    return list(_candidates(text.text, text.lang))


def _candidates(source: str, lang: str) -> Iterator[tuple[tuple[int, int], str, str]]:
    seen: list[tuple[int, int]] = []
    for m in CODE.finditer(source) if CODE_HINT.search(source) else ():
        if not NOT_A_CODE.fullmatch(m.group(0)):
            seen.append(m.span())
            yield m.span(), m.group(0), "error"
    for m in ACRONYM.finditer(source):
        if not any(a <= m.start() < b for a, b in seen):
            seen.append(m.span())
            yield m.span(), m.group(0), "error"
    covered = {at for a, b in seen for at in range(a, b)}
    if lang == "ru":
        words = [m for m in LATIN_WORD.finditer(source) if m.start() not in covered]
    else:
        # Only capitalised words can be names here: found by their own scan (capitals are rare, so the
        # engine's skip to the next candidate pays), the others only counted for the Title Case test.
        capitalised = list(CAPITAL_WORD.finditer(source))
        words = (
            []
            if _title_case(source, len(capitalised))
            else [
                m
                for m in capitalised
                if m.start() not in covered and CAPITALISED.fullmatch(m.group(0)) and _is_name(source, m)
            ]
        )
    run: list[re.Match[str]] = []
    for m in [*words, None]:
        if run and (m is None or source[run[-1].end() : m.start()].strip()):
            yield (run[0].start(), run[-1].end()), run[-1].group(0), "warning"
            run = []
        if m is not None:
            run.append(m)


def _is_name(source: str, m: re.Match[str]) -> bool:
    word = m.group(0)
    if word.lower() in COMMON or DEMONYM.match(word):
        return False
    return not _starts_sentence(source, m.start())


class NameMissing(Check):
    code = "name_missing"
    severity = "error"
    description = "Namen, Abkürzungen und Kennungen der Quelle fehlen im Deutschen (oder ihre Glossarform)."

    def run(self, pair: Pair) -> Iterator[QAIssue]:
        hits = list(pair.term_hits())
        spans = []
        german = pair.target_analysis
        for span, form, severity in pair.source_analysis.get(candidates):
            spans.append(span)
            term = _covered(span, hits)
            wanted = term.target_term if term else form
            if german.get(has_form, wanted):
                continue
            via = f" (Glossar: „{term.target_term}“)" if term else ""
            name = pair.source[span[0] : span[1]]
            yield self.issue(f"„{name}“ fehlt im Deutschen{via}", source_span=span, severity=severity)
        # Termbase names no token above stands for: Cyrillic ones („Путин“), and Latin ones made of
        # common words („Foreign Ministry“ → „Außenministerium“).
        for term, m in hits:
            overlaps = any(a < m.end() and m.start() < b for a, b in spans)
            if term.is_name() and not overlaps and not german.get(has_form, term.target_term):
                yield self.issue(
                    f"Name „{m.group(0)}“ fehlt im Deutschen (Glossar: „{term.target_term}“)",
                    source_span=m.span(),
                )
