"""Language detection: one public function per text and one per document."""

import re
import threading
from dataclasses import dataclass, field

TRANSLATED_LANGS = frozenset({"en", "ru"})
KEPT_LANGS = frozenset({"de"})
ROUTED_LANGS = TRANSLATED_LANGS | KEPT_LANGS

_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")
# Letters that Russian never uses: their presence rules Russian out.
_NOT_RUSSIAN = {
    "uk": re.compile(r"[іїєґІЇЄҐ]"),
    "be": re.compile(r"[ўЎ]"),
    "kk": re.compile(r"[әғқңөұүһӘҒҚҢӨҰҮҺ]"),
    "bg": re.compile(r"ъ(?=[а-яА-Я])|ѝ"),
}
_lock = threading.Lock()


@dataclass(frozen=True)
class Detection:
    """The language of one text: ISO 639-1 code (or "und"), confidence 0..1, scores, method."""

    lang: str
    confidence: float
    scores: dict[str, float] = field(default_factory=dict)
    method: str = "langdetect"


@dataclass(frozen=True)
class DocumentDetection:
    """Document-level decision plus each paragraph's own detection."""

    lang: str
    confidence: float
    paragraphs: list[Detection]
    mixed: list[int]


def _langdetect_scores(text: str) -> dict[str, float]:
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    with _lock:
        DetectorFactory.seed = 0
        try:
            return {r.lang.split("-")[0]: r.prob for r in detect_langs(text)}
        except LangDetectException:
            return {}


def detect_language(text: str) -> Detection:
    """Detect the language of one text (title, paragraph or whole article)."""
    letters_cyr = len(_CYRILLIC.findall(text))
    letters_lat = len(_LATIN.findall(text))
    if letters_cyr + letters_lat == 0:
        return Detection("und", 0.0, {}, "script")
    if letters_cyr > letters_lat:
        for lang, pattern in _NOT_RUSSIAN.items():
            if pattern.search(text):
                return Detection(lang, 0.99, {lang: 0.99}, "script")
    scores = _langdetect_scores(text)
    if not scores:
        return Detection("und", 0.0, {}, "langdetect")
    lang = max(scores, key=scores.__getitem__)
    return Detection(lang, scores[lang], scores, "langdetect")


def detect_document(paragraphs: list[str]) -> DocumentDetection:
    """Detect each paragraph and decide the document's language by majority of characters."""
    found = [detect_language(p) for p in paragraphs]
    weight: dict[str, float] = {}
    for text, det in zip(paragraphs, found, strict=True):
        if det.lang != "und":
            weight[det.lang] = weight.get(det.lang, 0.0) + len(text)
    if not weight:
        return DocumentDetection("und", 0.0, found, [])
    lang = max(weight, key=weight.__getitem__)
    confidence = weight[lang] / sum(weight.values())
    mixed = [i for i, d in enumerate(found) if d.lang not in ("und", lang)]
    return DocumentDetection(lang, confidence, found, mixed)


def route_language(paragraphs: list[str], *, override: str | None = None) -> DocumentDetection:
    """The document's routable language, or a typed error for languages Werkbank cannot handle."""
    from app.errors import InvalidInput, UnsupportedLanguage

    if override is not None:
        code = override.strip().lower()
        if code not in ROUTED_LANGS:
            raise InvalidInput(
                f"source_lang must be one of {sorted(ROUTED_LANGS)}",
                code="unsupported_language",
                detected=code,
            )
        fixed = [Detection(code, 1.0, {code: 1.0}, "override") for _ in paragraphs]
        return DocumentDetection(code, 1.0, fixed, [])
    found = detect_document(paragraphs)
    if found.lang not in ROUTED_LANGS:
        raise UnsupportedLanguage(
            f"Detected language {found.lang!r}; Werkbank handles English, Russian and German",
            detected=found.lang,
        )
    return found
