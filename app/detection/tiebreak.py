"""Second opinion on an unsure short text: lingua, restricted to the languages Werkbank confuses.

py3langid spreads a headline's probability over 41 Latin or 12 Cyrillic languages, so a right
answer is often too unsure to route. lingua (low-accuracy mode, trigram models, about 17 MB for
these seven languages) is asked only then. Restricted as it is, it would call a French headline
English, so its first choice counts only where py3langid already gives that language a good
share of its best score and the letter/word rules do not rule it out (`confirms`); and a short
Cyrillic text py3langid only weakly calls Russian is not routed when lingua is sure it is
another of the seven, or when a near-Russian language nothing rules out is about as likely and
lingua is not sure of Russian (`doubts_russian`). Values chosen on the tuning part only
(benchmarks/langid_tiebreak.py, docs/language-detection.md).
"""

import threading
from collections.abc import Callable
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
NEAR_RUSSIAN = ("uk", "be", "bg")
"""Languages a short text that looks Russian may be in instead (Kazakh letters always show)."""
RUSSIAN_OVER_NEAR = 0.8
"""lingua's Russian value that makes Russian a short text py3langid gives to uk/be/bg."""
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
    found = values(text)
    lang = max(found, key=found.__getitem__, default="und")
    return (lang, found[lang]) if found.get(lang, 0.0) > 0.0 else ("und", 0.0)


def values(text: str) -> dict[str, float]:
    """lingua's value for each language of LANGS (they sum to 1; {} when it knows none)."""
    found = _get_detector().compute_language_confidence_values(text)
    return {v.language.iso_code_639_1.name.lower(): v.value for v in found}


def confirms(text: str, scores: dict[str, float], ruled_out: set[str]) -> tuple[str, float]:
    """lingua's first choice and value when it is a fair second opinion on py3langid's `scores`:
    at least AGREE_CONFIDENCE, not ruled out, and given SHARE_OF_BEST of py3langid's best score;
    else ("und", 0.0)."""
    best = max(scores.values(), default=0.0)
    lang, value = first_choice(text)
    if value < AGREE_CONFIDENCE or lang in ruled_out or best <= 0.0:
        return "und", 0.0
    if lang == "ru" and max(scores, key=scores.__getitem__) in NEAR_RUSSIAN and value < RUSSIAN_OVER_NEAR:
        return "und", 0.0  # Russian over uk/be/bg only as `russian_after_all` allows it
    if scores.get(lang, 0.0) < SHARE_OF_BEST * best:
        return "und", 0.0
    return lang, value


def russian_after_all(text: str, scores: dict[str, float], rules: Callable[[str], set[str]]) -> float:
    """lingua's Russian value when a short text py3langid gives to Ukrainian, Belarusian or
    Bulgarian (`scores`) is Russian after all, else 0.0.

    The near-Russian answer carries none of its own letters or words when the rules leave
    Russian standing ("Победа Дональда Трампа сразу": no і/ў, py3langid be 0.39, ru 0.38);
    such a text is Russian when py3langid gives Russian SHARE_OF_BEST of its best score and
    lingua gives Russian at least RUSSIAN_OVER_NEAR. The letter and word rules (`rules`) are asked
    only when the scores allow it: most near-Russian texts end at the scores.
    """
    best = max(scores.values(), default=0.0)
    if best <= 0.0 or scores.get("ru", 0.0) < SHARE_OF_BEST * best or "ru" in rules(text):
        return 0.0
    value = values(text).get("ru", 0.0)
    return value if value >= RUSSIAN_OVER_NEAR else 0.0


def doubts_russian(text: str, scores: dict[str, float], rules: Callable[[str], set[str]]) -> bool:
    """Whether a short text py3langid calls Russian (`scores`) must not be routed as Russian.

    Either it is only weakly Russian (under DOUBT_RUSSIAN_BELOW) and lingua is sure
    (DOUBT_CONFIDENCE) of another of its languages that the letter and word rules (`rules`,
    asked only when needed) leave standing ("В 1072 году Шэнь был": lingua be 0.99, but "году"
    and "был" are not Belarusian); or a near-Russian language with SHARE_OF_BEST of the Russian
    score is left standing by the rules and lingua gives Russian less than AGREE_CONFIDENCE:
    nothing in the text tells the two apart ("Вибори мера перенесли на травень" reads as
    Russian and Ukrainian alike), so it is uncertain.
    """
    russian = scores.get("ru", 0.0)
    ruled_out: set[str] | None = None
    rivals = [c for c in NEAR_RUSSIAN if scores.get(c, 0.0) >= SHARE_OF_BEST * russian]
    if rivals:
        ruled_out = rules(text)
        rivals = [c for c in rivals if c not in ruled_out]
    if russian >= DOUBT_RUSSIAN_BELOW and not rivals:
        return False
    found = values(text)
    first = max(found, key=found.__getitem__, default="ru")
    sure_of_other = russian < DOUBT_RUSSIAN_BELOW and first != "ru" and found[first] >= DOUBT_CONFIDENCE
    if sure_of_other and first not in (rules(text) if ruled_out is None else ruled_out):
        return True
    return bool(rivals) and found.get("ru", 0.0) < AGREE_CONFIDENCE
