"""Second opinion on an unsure short text: lingua, restricted to the languages Werkbank confuses.

py3langid spreads a headline's probability over 41 Latin or 12 Cyrillic languages, so a right
answer is often too unsure to route. lingua (low-accuracy mode, trigram models, about 17 MB for
these seven languages) is asked only then. Restricted as it is, it would call a French headline
English, so its first choice counts only where py3langid already gives that language a good
share of its best score and the letter/word rules do not rule it out (`confirms`); and a short
Cyrillic text py3langid only weakly calls Russian is not routed when lingua is sure it is
another of the seven (`doubts_russian`). Values chosen on the tuning part only
(benchmarks/langid_tiebreak.py, docs/language-detection.md).
"""

import threading
from typing import Any

LANGS = ("en", "ru", "de", "uk", "be", "bg", "kk")
AGREE_CONFIDENCE = 0.5
"""lingua's value for its first choice that counts as a second opinion."""
SHARE_OF_BEST = 0.5
"""py3langid's score for lingua's choice must be at least this share of py3langid's best score."""
DOUBT_RUSSIAN_BELOW = 0.5
"""A routed-as-Russian short text with a lower Russian score is checked by lingua."""
DOUBT_CONFIDENCE = 0.7
"""lingua's value for another language that makes such a text uncertain."""
MAX_LETTERS = 300
"""Longer texts are not asked (they are rarely unsure, and lingua's time grows with length)."""

_lock = threading.Lock()
_detector: Any = None


def _get_detector() -> Any:
    global _detector
    if _detector is None:
        with _lock:
            if _detector is None:
                from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

                languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper())) for c in LANGS]
                builder = LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode()
                _detector = builder.with_preloaded_language_models().build()
    return _detector


def first_choice(text: str) -> tuple[str, float]:
    """lingua's first language among LANGS and its value (("und", 0.0) when it has none)."""
    values = _get_detector().compute_language_confidence_values(text)
    if not values or values[0].value <= 0.0:
        return "und", 0.0
    return values[0].language.iso_code_639_1.name.lower(), values[0].value


def confirms(text: str, scores: dict[str, float], ruled_out: set[str]) -> tuple[str, float]:
    """lingua's first choice and value when it is a fair second opinion on py3langid's `scores`:
    at least AGREE_CONFIDENCE, not ruled out, and given SHARE_OF_BEST of py3langid's best score;
    else ("und", 0.0)."""
    best = max(scores.values(), default=0.0)
    lang, value = first_choice(text)
    if value < AGREE_CONFIDENCE or lang in ruled_out or best <= 0.0:
        return "und", 0.0
    if scores.get(lang, 0.0) < SHARE_OF_BEST * best:
        return "und", 0.0
    return lang, value


def doubts_russian(text: str, russian_score: float) -> bool:
    """Whether lingua is sure a short text py3langid weakly calls Russian is another language."""
    if russian_score >= DOUBT_RUSSIAN_BELOW:
        return False
    lang, value = first_choice(text)
    return lang != "ru" and value >= DOUBT_CONFIDENCE
