"""Language detection and routing: whole text first, script prefilter, letter and word rules.

The measurements behind every choice here are in docs/language-detection.md and
docs/benchmarks.md (produced by benchmarks/langid.py).
"""

from dataclasses import dataclass, field, replace
from typing import Any

from app.config import Settings, get_settings
from app.detection import tiebreak
from app.detection.model import CYRILLIC_CANDIDATES, LATIN_CANDIDATES, get_model
from app.detection.reading import (
    DISPUTED,
    Detection,
    Reading,
    combine,
    detect_language,
    read,
    top_scores,
)
from app.detection.rules import names_only, ruled_out_by_alphabet, ruled_out_by_words, split_units
from app.errors import InvalidInput, LanguageUncertain, UnsupportedLanguage

__all__ = [
    "ROUTED_LANGS", "KEPT_LANGS", "TRANSLATED_LANGS", "Detection", "DocumentDetection",
    "detect_certain", "detect_document", "detect_language", "is_certain", "load_model",
    "route_confidence", "route_language", "ruled_out_by_alphabet", "split_units", "threshold",
]  # fmt: skip

TRANSLATED_LANGS = frozenset({"en", "ru"})
KEPT_LANGS = frozenset({"de"})
ROUTED_LANGS = TRANSLATED_LANGS | KEPT_LANGS
CANDIDATE_LANGS = frozenset(LATIN_CANDIDATES + CYRILLIC_CANDIDATES)

MIN_CONFIDENCE: float = Settings.model_fields["detect_min_confidence"].default
"""Below this the API answers 422 `language_uncertain` (setting `detect_min_confidence`)."""
REFUSE_CONFIDENCE = 0.5
"""Refused languages together need this score for `unsupported_language` (else uncertain)."""
REFUSE_NAMED_SHARE = 0.5
"""The refused language a 422 names needs this share of the refused languages' summed score."""
HEADLINE_WORDS = 3
"""Fewer words ("Kasachstan", "So lala") are no headline: they need `detect_min_confidence`."""
MIN_SEGMENT_LETTERS = 20
"""A paragraph needs this many letters before it may differ from its document's language."""


@dataclass(frozen=True)
class DocumentDetection:
    """Document-level decision plus each paragraph's own detection.

    `mixed`: paragraphs confidently in another routed language; each is translated from its
    own `paragraphs[i].lang`. `unsupported`: paragraphs confidently in a language Werkbank
    does not route; they follow the document language.
    """

    lang: str
    confidence: float
    paragraphs: list[Detection]
    mixed: list[int]
    scores: dict[str, float] = field(default_factory=dict)
    unsupported: list[int] = field(default_factory=list)

    def candidates(self, top: int = 3) -> list[dict[str, Any]]:
        """The `top` most likely document languages with their scores, best first."""
        return top_scores(self.scores, top)

    @property
    def letters(self) -> int:
        """Letters of all paragraphs: decides which confidence threshold applies."""
        return sum(p.letters for p in self.paragraphs)


def load_model() -> None:
    """Load the model now (else the first detection loads it)."""
    get_model()


def detect_document(paragraphs: list[str], *, min_confidence: float = MIN_CONFIDENCE) -> DocumentDetection:
    """Decide the document first, from one reading of each paragraph; read paragraphs again
    sentence by sentence only where the document may be mixed.

    Every paragraph is read once as a whole; the document is the letter-weighted vote of those
    readings, scored from their features (nothing is read twice). A paragraph is read again by
    sentences only when its reading is unsure, disputed by the rules or of two scripts *and*
    not plainly in the document's language. `mixed` lists the paragraphs confidently in another
    routed language (translated from their own language), `unsupported` those confidently in
    a language Werkbank does not route.
    """
    readings = [read(p) for p in paragraphs]
    if len(readings) == 1:
        found = [detect_language(paragraphs[0], whole=readings[0])]
        doc = found[0]
    else:
        found = [r.detection for r in readings]
        doc = combine(readings, found, "paragraph-vote")
        again = [i for i, r in enumerate(readings) if _maybe_mixed(r, doc)]
        for i in again:
            found[i] = detect_language(paragraphs[i], whole=readings[i])
        if any(found[i] != readings[i].detection for i in again):  # new lang or weight: vote again
            doc = combine(readings, found, "paragraph-vote")
    mixed, unsupported = [], []
    for i, det in enumerate(found):
        if det.lang in ("und", doc.lang) or det.letters < MIN_SEGMENT_LETTERS:
            continue
        if route_confidence(det) >= min_confidence:
            (mixed if det.lang in ROUTED_LANGS else unsupported).append(i)
    return DocumentDetection(doc.lang, doc.confidence, found, mixed, doc.scores, unsupported)


def _maybe_mixed(reading: Reading, doc: Detection) -> bool:
    """A paragraph worth reading sentence by sentence: unsure, and not plainly the document's."""
    if reading.settled:
        return False
    det = reading.detection
    return det.lang != doc.lang or det.method == DISPUTED or reading.mixed_scripts


def route_confidence(det: Detection | DocumentDetection) -> float:
    """How sure the route is: a routed language's own score; for a refused language, the
    summed score of all refused languages (Bulgarian or Macedonian: refused either way)."""
    if det.lang in ROUTED_LANGS:
        return det.scores.get(det.lang, 0.0)
    if det.lang == "und":
        return 0.0
    return sum(p for lang, p in det.scores.items() if lang not in ROUTED_LANGS)


def route_language(
    paragraphs: list[str], *, override: str | None = None, min_confidence: float | None = None
) -> DocumentDetection:
    """The routing decision for a document: its language if Werkbank translates or keeps it.

    Raises LanguageUncertain (422, with `candidates`) when the answer is not sure enough (see
    `is_certain`; `min_confidence` overrides the threshold for every length) and
    UnsupportedLanguage (422, with `detected`) for any language other than en/ru/de.
    `override` (the request's source_lang) skips detection.
    """
    if override is not None:
        return _overridden(paragraphs, override)
    doc = detect_certain(paragraphs, min_confidence=min_confidence)
    if doc.lang not in ROUTED_LANGS:
        raise UnsupportedLanguage(
            f"The text is in {doc.lang!r}: Werkbank translates en and ru and keeps de",
            detected=doc.lang,
            confidence=round(doc.confidence, 4),
            supported=sorted(ROUTED_LANGS),
        )
    return doc


def detect_certain(paragraphs: list[str], *, min_confidence: float | None = None) -> DocumentDetection:
    """The document's language, or LanguageUncertain (422, with `candidates`) when unsure.

    A short text on its own ("Путин и Си", "Biden Putin Xi") gets its candidates, never a
    guess presented as an answer. Inside a document the same line is judged with the rest.
    """
    doc = detect_document(paragraphs)
    words = sum(len(p.split()) for p in paragraphs)
    use_tiebreak = min_confidence is None and _tiebreak_applies(doc)
    askable = use_tiebreak and words >= HEADLINE_WORDS and not names_only(" ".join(paragraphs))
    if askable and doc.lang in tiebreak.NEAR_RUSSIAN and (russian := _russian_after_all(paragraphs, doc)):
        answer: DocumentDetection | None = russian
    elif is_certain(doc, words=words, min_confidence=min_confidence):
        answer = doc
    elif askable:
        answer = _second_opinion(paragraphs, doc)
    else:
        # A word or two ("Kasachstan", "So lala") or names alone ("Trump Biden Harris") stay
        # uncertain: no detector can know.
        answer = None
    if answer is not None and use_tiebreak and answer.lang == "ru" and _doubted(paragraphs, doc):
        answer = None
    if answer is None:
        raise LanguageUncertain(
            "Cannot tell the language of this text with enough confidence; choose one with source_lang",
            candidates=doc.candidates(3),
            supported=sorted(ROUTED_LANGS),
        )
    return answer


def _tiebreak_applies(doc: DocumentDetection) -> bool:
    """Short enough for lingua's second opinion (and the setting allows it)."""
    return get_settings().detect_short_tiebreak and 0 < doc.letters <= tiebreak.MAX_LETTERS


def _doubted(paragraphs: list[str], doc: DocumentDetection) -> bool:
    """A short text only weakly Russian that lingua is sure is Ukrainian, Bulgarian, ..., or one
    nothing tells from Ukrainian, Belarusian or Bulgarian: the costly near-Russian error
    (uk/be/bg translated as ru) becomes an uncertain answer with its candidates."""
    return tiebreak.doubts_russian("\n".join(paragraphs), doc.scores, _rules)


def _rules(text: str) -> set[str]:
    return ruled_out_by_alphabet(text) | ruled_out_by_words(text)


def _russian_after_all(paragraphs: list[str], doc: DocumentDetection) -> DocumentDetection | None:
    """A short text py3langid gives to uk/be/bg that nothing in it shows to be so and lingua is
    sure is Russian (`tiebreak.russian_after_all`), as Russian; else None."""
    text = "\n".join(paragraphs)
    value = tiebreak.russian_after_all(text, doc.scores, _rules)
    return _decided(doc, "ru", value) if value else None


def _second_opinion(paragraphs: list[str], doc: DocumentDetection) -> DocumentDetection | None:
    """The unsure `doc` decided by lingua's fair second opinion (app/detection/tiebreak.py), or None.

    lingua's first choice may differ from py3langid's best candidate ("De Gaulle hatte
    angeordnet": py3langid no 0.35, de 0.22; lingua de 0.99) when py3langid gives it at least
    tiebreak.SHARE_OF_BEST of its best score and the letter/word rules do not rule it out.
    """
    text = "\n".join(paragraphs)
    lang, value = tiebreak.confirms(text, doc.scores, _rules(text))
    return None if lang == "und" else _decided(doc, lang, value)


def _decided(doc: DocumentDetection, lang: str, value: float) -> DocumentDetection:
    """`doc` decided as `lang` at lingua's `value`."""
    found = [
        replace(p, lang=lang, method=p.method + "+lingua") if p.lang in (doc.lang, lang) else p
        for p in doc.paragraphs
    ]
    return replace(doc, lang=lang, confidence=value, paragraphs=found, scores={**doc.scores, lang: value})


def is_certain(
    doc: Detection | DocumentDetection, *, words: int, min_confidence: float | None = None
) -> bool:
    """Whether `doc` (of `words` words) is sure enough to be routed or refused.

    Routed: the language's score reaches `threshold` (or `min_confidence`). Refused: the refused
    languages together reach REFUSE_CONFIDENCE *and* the language the 422 names holds at least
    REFUSE_NAMED_SHARE of that: "Trump Biden Harris" (sv 0.07 of 0.72 spread over 40 Latin
    languages) is not Swedish, while Bulgarian 0.50 / Macedonian 0.45 is a refusal.
    """
    if doc.lang == "und":
        return False
    confidence = route_confidence(doc)
    if doc.lang not in ROUTED_LANGS:
        return confidence >= REFUSE_CONFIDENCE and doc.confidence >= REFUSE_NAMED_SHARE * confidence
    needed = min_confidence if min_confidence is not None else threshold(doc, words=words)
    return confidence >= needed


def threshold(doc: Detection | DocumentDetection, *, words: int = HEADLINE_WORDS) -> float:
    """The score a routed language needs in `doc` (of `words` words) to be translated or kept.

    Headlines rarely reach the threshold of longer texts even when right, so texts under
    `detect_short_letters` letters with at least HEADLINE_WORDS words use
    `detect_min_confidence_short`. Refusals follow their own rule (`is_certain`).
    """
    settings = get_settings()
    if doc.letters < settings.detect_short_letters and words >= HEADLINE_WORDS:
        needed = settings.detect_min_confidence_short
    else:
        needed = settings.detect_min_confidence
    return needed if doc.lang in ROUTED_LANGS else REFUSE_CONFIDENCE


def _overridden(paragraphs: list[str], override: str) -> DocumentDetection:
    lang = override.strip().lower()
    if lang not in ROUTED_LANGS:
        raise InvalidInput(
            f"source_lang {override!r} is not supported: use one of en, ru, de",
            code="unsupported_language",
            source_lang=override,
            supported=sorted(ROUTED_LANGS),
        )
    found = [Detection(lang, 1.0, {lang: 1.0}, "override") for _ in paragraphs]
    return DocumentDetection(lang, 1.0, found, [], {lang: 1.0})
