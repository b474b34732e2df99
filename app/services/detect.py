"""Language detection: script prefilter, alphabet rules, py3langid restricted per script.

The measurements behind every choice here are in docs/language-detection.md and
docs/benchmarks.md (produced by benchmarks/langid.py).
"""

import copy
import re
import threading
from dataclasses import dataclass, field
from typing import Any

from app.config import Settings, get_settings
from app.errors import InvalidInput, LanguageUncertain, UnsupportedLanguage

TRANSLATED_LANGS = frozenset({"en", "ru"})
KEPT_LANGS = frozenset({"de"})
ROUTED_LANGS = TRANSLATED_LANGS | KEPT_LANGS

# The model only chooses among languages of the text's script. Each set holds the languages
# Werkbank routes plus the ones it must recognise in order to refuse them (a Ukrainian text
# must come out as "uk", never as the nearest routed language).
LATIN_CANDIDATES = (
    "en", "de", "fr", "es", "it", "pt", "nl", "pl", "cs", "sk", "sl", "hr", "bs", "ro",
    "hu", "sv", "da", "no", "fi", "et", "lv", "lt", "tr", "ca", "gl", "eu", "sq", "lb",
    "af", "fy", "ga", "cy", "is", "mt", "az", "uz", "id", "vi", "tl", "sw", "eo",
)  # fmt: skip
CYRILLIC_CANDIDATES = ("ru", "uk", "be", "bg", "kk", "sr", "mk", "ky", "mn", "tt", "tg", "ba")
CANDIDATE_LANGS = frozenset(LATIN_CANDIDATES + CYRILLIC_CANDIDATES)

MIN_CONFIDENCE: float = Settings.model_fields["detect_min_confidence"].default
"""Below this the API answers 422 `language_uncertain` (setting `detect_min_confidence`)."""
MIN_LETTERS = 3
"""Fewer letters than this: no language at all ("und")."""
MIN_SEGMENT_LETTERS = 20
"""A paragraph needs this many letters before it may differ from its document's language."""
MEASURE_CHARS = 5000
"""Longest text the model reads at once (a document is measured on its first characters)."""
ALPHABET_TOLERANCE = 0.005
"""Share of a text's Cyrillic letters foreign to a language's alphabet that still allows it."""
ALPHABET_PENALTY = 0.01
"""Factor on the model's probability of a language whose alphabet the text does not fit."""
SURE_LETTERS = 20
"""Below this many letters the confidence is scaled down (by letters / SURE_LETTERS)."""
SECOND_OPINION_BELOW = 0.9
"""Latin-script texts the model is less sure of than this are also asked of langdetect."""

_RU = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
# Alphabets of the Cyrillic candidates: a text with letters a language never uses is not that
# language (Ukrainian "і/ї/є" rule out Russian, Russian "ы/э/ё" rule out Ukrainian, ...).
_ALPHABETS = {
    "ru": _RU,
    "uk": "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя",
    "be": "абвгґдеёжзійклмнопрстуўфхцчшыьэюя",
    "bg": "абвгдежзийклмнопрстуфхцчшщъьюяѝ",
    "kk": _RU + "әғқңөұүһі",
    "sr": "абвгдђежзијклљмнњопрстћуфхцчџш",
    "mk": "абвгдѓежзѕијклљмнњопрстќуфхцчџш",
    "ky": _RU + "ңөү",
    "mn": _RU + "өү",
    "tt": _RU + "әөүҗңһ",
    "tg": "абвгғдеёжзиӣйкқлмнопрстуӯфхҳчҷшъэюя",
    "ba": _RU + "әөүғҡңҙҫһ",
}
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F\u1E00-\u1EFF]")
_CYRILLIC = re.compile(r"[\u0400-\u052F]")
_LETTER = re.compile(r"[^\W\d_]")
# Over-splitting ("z. B.", "Mr. Smith") costs nothing: fragments weigh by their letters.
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'»“”)\]]*\s+|\n+")
# Letters of the other script are noise to a model restricted to one script's languages.
_FOREIGN_LETTERS = {"latin": _CYRILLIC, "cyrillic": _LATIN}
_langdetect_lock = threading.Lock()


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


def _top(scores: dict[str, float], top: int) -> list[dict[str, Any]]:
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)[:top]
    return [{"lang": lang, "confidence": round(score, 4)} for lang, score in ranked]


class _Models:
    """py3langid identifiers (one per script), loaded once on first use."""

    _lock = threading.Lock()
    _loaded: dict[str, Any] | None = None

    @classmethod
    def get(cls) -> dict[str, Any]:
        if cls._loaded is None:
            with cls._lock:
                if cls._loaded is None:
                    cls._loaded = cls._load()
        return cls._loaded

    @staticmethod
    def _load() -> dict[str, Any]:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        full = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        # set_languages() swaps the model's arrays on the instance it is called on: restricted
        # copies share the loaded model and are never changed again, so threads may share them.
        latin, cyrillic = copy.copy(full), copy.copy(full)
        latin.set_languages(LATIN_CANDIDATES)
        cyrillic.set_languages(CYRILLIC_CANDIDATES)
        return {"latin": latin, "cyrillic": cyrillic, "other": full}


def load_model() -> None:
    """Load both models now (else the first detection that needs one loads it)."""
    _Models.get()
    _langdetect_scores("warm up")


def _script(text: str) -> tuple[str, int]:
    """Dominant script ("latin", "cyrillic", "other") and the number of letters."""
    latin = len(_LATIN.findall(text))
    cyrillic = len(_CYRILLIC.findall(text))
    letters = len(_LETTER.findall(text))
    script = max((latin, "latin"), (cyrillic, "cyrillic"), (letters - latin - cyrillic, "other"))
    return script[1], letters


def ruled_out_by_alphabet(text: str) -> set[str]:
    """Cyrillic candidates whose alphabet lacks more than a tolerated share of the text's letters.

    "і", "ї", "є", "ґ" rule out Russian and Bulgarian; "ы", "э", "ё" rule out Ukrainian and
    Bulgarian; "ў" rules out all but Belarusian; "ә", "қ", "ң", ... rule out the Slavic ones.
    """
    lowered = [c for c in text.lower() if "\u0400" <= c <= "\u052f"]
    allowed = ALPHABET_TOLERANCE * len(lowered)
    return {
        lang for lang, alphabet in _ALPHABETS.items() if sum(c not in alphabet for c in lowered) > allowed
    }


def _measure(text: str, *, second_opinion: bool = True) -> Detection:
    """One stretch of text as a whole: script prefilter, alphabet rules, restricted model."""
    script, letters = _script(text)
    if letters < MIN_LETTERS:
        return Detection("und", 0.0, {}, "script", letters)
    if script in _FOREIGN_LETTERS:
        text = _FOREIGN_LETTERS[script].sub("", text)
    ranked = dict(_Models.get()[script].rank(text))
    method = "py3langid"
    if script == "cyrillic" and (excluded := ruled_out_by_alphabet(text)):
        # Soft, not absolute: when the model is sure of a language the alphabet rules out, the
        # text is a mix (a Belarusian phrase run into Russian) and the model's choice stands.
        ranked = {k: p * (ALPHABET_PENALTY if k in excluded else 1.0) for k, p in ranked.items()}
        method = "alphabet+py3langid"
    total = sum(ranked.values()) or 1.0
    scores = {k: p / total for k, p in ranked.items() if p / total >= 0.0005}
    lang = max(scores, key=scores.__getitem__) if scores else "und"
    if second_opinion and script == "latin" and scores.get(lang, 0.0) < SECOND_OPINION_BELOW:
        scores, method = _second_opinion(text, lang, scores, method)
    if letters < SURE_LETTERS:  # "Okay." or "So lala": no detector can know, so none claims to
        scores = {k: p * letters / SURE_LETTERS for k, p in scores.items()}
    return Detection(lang, scores.get(lang, 0.0), scores, method, letters)


def _second_opinion(text: str, lang: str, scores: dict[str, float], method: str):
    """Short Latin texts: raise the confidence when langdetect, independently, agrees."""
    other = _langdetect_scores(text)
    if not other or max(other, key=other.__getitem__) != lang:
        return scores, method
    p, q = scores[lang], min(other[lang], 0.99)
    combined = p * q / (p * q + (1 - p) * (1 - q))
    rest = (1 - combined) / ((1 - p) or 1.0)
    merged = {k: (combined if k == lang else v * rest) for k, v in scores.items()}
    return merged, method + "+langdetect"


def _langdetect_scores(text: str) -> dict[str, float]:
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    with _langdetect_lock:  # the seed is global: a run must not interleave with another
        DetectorFactory.seed = 0
        try:
            return {r.lang.split("-")[0]: r.prob for r in detect_langs(text)}
        except LangDetectException:
            return {}


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
    # Beyond a few thousand characters the model's answer no longer changes.
    det = _measure("\n".join(majority or parts)[:MEASURE_CHARS])
    return Detection(det.lang, det.confidence, det.scores, method, det.letters)


def detect_language(text: str) -> Detection:
    """Detect the language of one text (title, paragraph or whole article)."""
    units = split_units(text)
    if len(units) < 2:
        return _measure(text)
    found = [_measure(unit, second_opinion=False) for unit in units]
    if len({det.lang for det in found} - {"und"}) <= 1:
        return _measure(text[:MEASURE_CHARS])
    return _vote(units, found, "sentence-vote")


def split_units(text: str) -> list[str]:
    """Sentences, cut again where the script changes (a Cyrillic quote in an English sentence).

    Good enough for voting, not for segmentation.
    """
    units = []
    for sentence in _SENTENCE_END.split(text):
        run, run_script = [], ""
        for word in sentence.split():
            script = _word_script(word) or run_script
            if run and script != run_script:
                units.append(" ".join(run))
                run = []
            run.append(word)
            run_script = script
        if run:
            units.append(" ".join(run))
    return units


def _word_script(word: str) -> str:
    if _CYRILLIC.search(word):
        return "cyrillic"
    if _LATIN.search(word):
        return "latin"
    return "other" if _LETTER.search(word) else ""


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

    Raises LanguageUncertain (422, with `candidates`) below the confidence threshold (setting
    `detect_min_confidence`) and UnsupportedLanguage (422, with `detected`) for any language
    other than en/ru/de. `override` (the request's source_lang) skips detection.
    """
    if override is not None:
        return _overridden(paragraphs, override)
    if min_confidence is None:
        min_confidence = get_settings().detect_min_confidence
    doc = detect_document(paragraphs, min_confidence=min_confidence)
    if route_confidence(doc) < min_confidence:
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
