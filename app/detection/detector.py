"""Language detection and routing: whole text first, script prefilter, letter and word rules.

The measurements behind every choice here are in docs/language-detection.md and
docs/benchmarks.md (produced by benchmarks/langid.py).
"""

from dataclasses import dataclass, field
from typing import Any

from app.config import Settings, get_settings
from app.detection.model import CYRILLIC_CANDIDATES, LATIN_CANDIDATES, get_model, langdetect_scores
from app.detection.rules import (
    CYRILLIC,
    LATIN,
    ruled_out_by_alphabet,
    ruled_out_by_words,
    scripts,
    split_units,
)
from app.errors import InvalidInput, LanguageUncertain, UnsupportedLanguage

__all__ = [
    "ROUTED_LANGS", "KEPT_LANGS", "TRANSLATED_LANGS", "Detection", "DocumentDetection",
    "detect_document", "detect_language", "load_model", "route_confidence", "route_language",
    "ruled_out_by_alphabet", "split_units", "threshold",
]  # fmt: skip

TRANSLATED_LANGS = frozenset({"en", "ru"})
KEPT_LANGS = frozenset({"de"})
ROUTED_LANGS = TRANSLATED_LANGS | KEPT_LANGS
CANDIDATE_LANGS = frozenset(LATIN_CANDIDATES + CYRILLIC_CANDIDATES)

MIN_CONFIDENCE: float = Settings.model_fields["detect_min_confidence"].default
"""Below this the API answers 422 `language_uncertain` (setting `detect_min_confidence`)."""
REFUSE_CONFIDENCE = 0.5
"""A refusal this sure is answered `unsupported_language` even below `detect_min_confidence`."""
HEADLINE_WORDS = 3
"""Fewer words ("Kasachstan", "So lala") are no headline: they need `detect_min_confidence`."""
MIN_LETTERS = 3
"""Fewer letters than this: no language at all ("und")."""
MIN_SEGMENT_LETTERS = 20
"""A paragraph needs this many letters before it may differ from its document's language."""
MEASURE_CHARS = 3000
"""Longest text the model reads at once (beyond this its answer no longer changes)."""
RULE_PENALTY = 0.01
"""Factor on the model's probability of a language the alphabet or word rules rule out."""
DISPUTED = "rules+py3langid"
"""Method of a reading where the rules ruled out the model's choice (so it may be a mix)."""
SURE_LETTERS = 20
"""Below this many letters the confidence is scaled down (by letters / SURE_LETTERS)."""
SPLIT_BELOW = 0.9
"""A text of several sentences read less surely than this is read again sentence by sentence."""
MIXED_SCRIPT_SHARE = 0.15
"""A second script with at least this share of the letters also makes a text be split."""


@dataclass(frozen=True)
class Detection:
    """The language of one text: ISO 639-1 code (or "und"), confidence 0..1, scores, method."""

    lang: str
    confidence: float
    scores: dict[str, float] = field(default_factory=dict)
    method: str = "py3langid"
    letters: int = 0

    def candidates(self, top: int = 3) -> list[dict[str, Any]]:
        """The `top` most likely languages with their scores, best first."""
        return _top(self.scores, top)


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
        return _top(self.scores, top)

    @property
    def letters(self) -> int:
        """Letters of all paragraphs: decides which confidence threshold applies."""
        return sum(p.letters for p in self.paragraphs)


def _top(scores: dict[str, float], top: int) -> list[dict[str, Any]]:
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)[:top]
    return [{"lang": lang, "confidence": round(score, 4)} for lang, score in ranked]


def load_model() -> None:
    """Load the model now (else the first detection loads it)."""
    get_model()


def _measure(text: str, latin: int, cyrillic: int, letters: int) -> Detection:
    """One stretch of text as a whole: script prefilter, alphabet rules, restricted model."""
    if letters < MIN_LETTERS:
        return Detection("und", 0.0, {}, "script", letters)
    script = max((latin, "latin"), (cyrillic, "cyrillic"), (letters - latin - cyrillic, "other"))[1]
    if latin and cyrillic:  # letters of the other script are noise to this script's model
        text = (CYRILLIC if script == "latin" else LATIN).sub("", text)
    ranked = get_model().rank(text[:MEASURE_CHARS], script)
    method = "py3langid"
    if script == "cyrillic" and ranked and (excluded := _ruled_out(text[:MEASURE_CHARS])):
        # Soft, not absolute: when the model is sure of a language the rules rule out, the
        # text is a mix (a Belarusian phrase run into Russian) and the model's choice stands.
        disputed = max(ranked, key=ranked.__getitem__) in excluded
        ranked = {k: p * (RULE_PENALTY if k in excluded else 1.0) for k, p in ranked.items()}
        method = DISPUTED if disputed else "alphabet+py3langid"
    total = sum(ranked.values()) or 1.0
    scores = {k: p / total for k, p in ranked.items() if p / total >= 0.0005}
    lang = max(scores, key=scores.__getitem__) if scores else "und"
    if script == "latin" and scores and get_settings().detect_langdetect_tiebreak:
        scores, method = _second_opinion(text, lang, scores, method)
    if letters < SURE_LETTERS:  # "Okay." or "So lala": no detector can know, so none claims to
        scores = {k: p * letters / SURE_LETTERS for k, p in scores.items()}
    return Detection(lang, scores.get(lang, 0.0), scores, method, letters)


def _ruled_out(text: str) -> set[str]:
    return ruled_out_by_alphabet(text) | ruled_out_by_words(text)


def _second_opinion(text: str, lang: str, scores: dict[str, float], method: str):
    """Opt-in: raise the confidence of an unsure Latin text when langdetect, independently, agrees."""
    p = scores[lang]
    if p >= SPLIT_BELOW:
        return scores, method
    other = langdetect_scores(text)
    if not other or max(other, key=other.__getitem__) != lang:
        return scores, method
    q = min(other[lang], 0.99)
    combined = p * q / (p * q + (1 - p) * (1 - q))
    rest = (1 - combined) / ((1 - p) or 1.0)
    merged = {k: (combined if k == lang else v * rest) for k, v in scores.items()}
    return merged, method + "+langdetect"


def _measure_text(text: str) -> Detection:
    return _measure(text, *scripts(text))


def _vote(parts: list[str], found: list[Detection], method: str) -> Detection:
    """Letter-weighted vote of the parts; then the winning language's parts measured together.

    A quote in another language (or script) can neither win its paragraph or document nor
    lower the confidence in the language of the rest.
    """
    if len(parts) == 1:
        return found[0]
    votes: dict[str, float] = {}
    for det in found:
        for lang, p in det.scores.items():
            votes[lang] = votes.get(lang, 0.0) + p * det.letters
    if not votes:
        return Detection("und", 0.0, {}, method, sum(d.letters for d in found))
    winner = max(votes, key=votes.__getitem__)
    majority = [part for part, det in zip(parts, found, strict=True) if det.lang == winner]
    det = _measure_text("\n".join(majority or parts)[:MEASURE_CHARS])
    return Detection(det.lang, det.confidence, det.scores, method, det.letters)


def detect_language(text: str) -> Detection:
    """Detect the language of one text (title, paragraph or whole article).

    The text is read as a whole first; only when that is unsure, or two scripts share it, is it
    read again sentence by sentence and decided by a vote.
    """
    latin, cyrillic, letters = scripts(text)
    whole = _measure(text, latin, cyrillic, letters)
    mixed_scripts = min(latin, cyrillic) >= MIXED_SCRIPT_SHARE * letters
    if whole.confidence >= SPLIT_BELOW and whole.method != DISPUTED and not mixed_scripts:
        return whole
    units = split_units(text)
    if len(units) < 2:
        return whole
    found = [_measure_text(unit) for unit in units]
    if len({det.lang for det in found} - {"und"}) <= 1:
        return whole
    return _vote(units, found, "sentence-vote")


def detect_document(paragraphs: list[str], *, min_confidence: float = MIN_CONFIDENCE) -> DocumentDetection:
    """Detect each paragraph, then the document by a letter-weighted vote of its paragraphs.

    `mixed` lists the paragraphs confidently in another routed language (translated from their
    own language), `unsupported` those confidently in a language Werkbank does not route.
    """
    found = [detect_language(p) for p in paragraphs]
    doc = _vote(paragraphs, found, "paragraph-vote")
    mixed, unsupported = [], []
    for i, det in enumerate(found):
        if det.lang in ("und", doc.lang) or det.letters < MIN_SEGMENT_LETTERS:
            continue
        if route_confidence(det) >= min_confidence:
            (mixed if det.lang in ROUTED_LANGS else unsupported).append(i)
    return DocumentDetection(doc.lang, doc.confidence, found, mixed, doc.scores, unsupported)


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

    Raises LanguageUncertain (422, with `candidates`) below the confidence threshold (see
    `threshold`; `min_confidence` overrides it for every length) and UnsupportedLanguage
    (422, with `detected`) for any language other than en/ru/de. `override` (the request's
    source_lang) skips detection.
    """
    if override is not None:
        return _overridden(paragraphs, override)
    doc = detect_document(paragraphs)
    words = sum(len(p.split()) for p in paragraphs)
    needed = min_confidence if min_confidence is not None else threshold(doc, words=words)
    if doc.lang == "und" or route_confidence(doc) < needed:
        raise LanguageUncertain(
            "Cannot tell the language of this text with enough confidence; choose one with source_lang",
            candidates=doc.candidates(3),
            supported=sorted(ROUTED_LANGS),
        )
    if doc.lang not in ROUTED_LANGS:
        raise UnsupportedLanguage(
            f"The text is in {doc.lang!r}: Werkbank translates en and ru and keeps de",
            detected=doc.lang,
            confidence=round(doc.confidence, 4),
            supported=sorted(ROUTED_LANGS),
        )
    return doc


def threshold(doc: Detection | DocumentDetection, *, words: int = HEADLINE_WORDS) -> float:
    """The route confidence `doc` (of `words` words) needs to be translated, kept or refused.

    Headlines rarely reach the threshold of longer texts even when right, so texts under
    `detect_short_letters` letters with at least HEADLINE_WORDS words use
    `detect_min_confidence_short`. A refusal needs at most REFUSE_CONFIDENCE: refused or
    uncertain, the answer is a 422 with the same way out (`source_lang`).
    """
    settings = get_settings()
    if doc.letters < settings.detect_short_letters and words >= HEADLINE_WORDS:
        needed = settings.detect_min_confidence_short
    else:
        needed = settings.detect_min_confidence
    return needed if doc.lang in ROUTED_LANGS else min(needed, REFUSE_CONFIDENCE)


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
