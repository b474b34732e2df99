"""Second opinion on an unsure short text: lingua, restricted to the languages Werkbank confuses.

py3langid spreads a headline's probability over 41 Latin or 12 Cyrillic languages, so a right
answer is often too unsure to route. lingua (low-accuracy mode, trigram models, about 17 MB for
these seven languages) is asked only then; its answer counts only when it *agrees* with
py3langid's best candidate, so it can confirm a guess but never introduce a language (restricted
as it is, it would call a French headline English). Measured in docs/language-detection.md.
"""

import threading
from typing import Any

LANGS = ("en", "ru", "de", "uk", "be", "bg", "kk")
AGREE_CONFIDENCE = 0.8
"""lingua's value for its top language that counts as agreement (chosen on the tuning part)."""
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


def agrees(text: str, lang: str) -> float:
    """lingua's confidence in `lang` when that is its own first choice and at least
    AGREE_CONFIDENCE; else 0.0 (no agreement, or a language lingua is not asked about)."""
    if lang not in LANGS:
        return 0.0
    values = _get_detector().compute_language_confidence_values(text)
    if not values or values[0].language.iso_code_639_1.name.lower() != lang:
        return 0.0
    return values[0].value if values[0].value >= AGREE_CONFIDENCE else 0.0
