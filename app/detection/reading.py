"""Reading one text: script prefilter, restricted model, letter and word rules, sentence votes.

A `Reading` keeps the model's feature counts of the text, so a document can be decided from
its paragraphs' readings without reading any of them again (see `combine`).
"""

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from app.config import get_settings
from app.detection.model import Features, get_model, langdetect_scores
from app.detection.rules import (
    CYRILLIC,
    LATIN,
    ruled_out_by_alphabet,
    ruled_out_by_words,
    scripts,
    sentence_pieces,
    split_units,
)

MIN_LETTERS = 3
"""Fewer letters than this: no language at all ("und")."""
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
VOTE_BELOW = 0.9999
"""A text of several sentences the model (before the rules) gives less than this as a whole
has its sentences' vote checked (`Reading.parts_disagree`). On the tuning part no paragraph
read at this or more had sentences voting otherwise (the highest: 0.9995, a Russian paragraph
with a Kazakh sentence); about a quarter of paragraphs are checked."""


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
        return top_scores(self.scores, top)


@dataclass(frozen=True)
class Reading:
    """A text read once as a whole: its detection plus what the model saw (for reuse)."""

    detection: Detection
    text: str
    script: str
    features: Features | None
    mixed_scripts: bool
    parts_disagree: bool = False

    @property
    def settled(self) -> bool:
        """Sure, one script, not disputed by the rules, and its sentences (read apart) vote for
        the same language: no sentence-by-sentence reading needed."""
        det = self.detection
        return (
            det.confidence >= SPLIT_BELOW
            and det.method != DISPUTED
            and not self.mixed_scripts
            and not self.parts_disagree
        )


def top_scores(scores: dict[str, float], top: int) -> list[dict[str, Any]]:
    """The `top` entries of `scores` as [{lang, confidence}], best first."""
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)[:top]
    return [{"lang": lang, "confidence": round(score, 4)} for lang, score in ranked]


def read(text: str) -> Reading:
    """One stretch of text as a whole: script prefilter, alphabet rules, restricted model."""
    latin, cyrillic, letters = scripts(text)
    mixed = min(latin, cyrillic) >= MIXED_SCRIPT_SHARE * letters
    if letters < MIN_LETTERS:
        return Reading(Detection("und", 0.0, {}, "script", letters), text, "other", None, mixed)
    script = max((latin, "latin"), (cyrillic, "cyrillic"), (letters - latin - cyrillic, "other"))[1]
    if latin and cyrillic:  # letters of the other script are noise to this script's model
        text = (CYRILLIC if script == "latin" else LATIN).sub("", text)
    pieces = sentence_pieces(text[:MEASURE_CHARS])
    features = get_model().features_by_part(pieces)
    # The sentences, each read apart and weighted by their size, may vote for another language
    # than the text read as a whole (both before the rules): one sentence in another language
    # can outweigh the rest of a paragraph (an English paragraph with one Dutch sentence read
    # as Dutch at 0.96), its n-grams being rare in the majority's language while the
    # majority's are common in most Latin languages. Such a text is read sentence by sentence.
    ranked, voted = get_model().rank_with_vote(features, script, vote_below=VOTE_BELOW)
    det = _score(text, script, features, letters, ranked)
    disagree = voted is not None and voted != max(ranked, key=ranked.__getitem__)
    return Reading(det, text, script, features, mixed, disagree)


def _score(
    text: str, script: str, features: Features, letters: int, ranked: dict[str, float] | None = None
) -> Detection:
    """The model's probabilities for these features (`ranked`, when the caller has them), then
    the rules and the short-text scaling."""
    ranked = get_model().rank_features(features, script) if ranked is None else ranked
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


def combine(readings: list[Reading], found: list[Detection], method: str) -> Detection:
    """Letter-weighted vote of the parts; then the winner's parts decided from their features.

    A quote in another language (or script) can neither win its paragraph or document nor
    lower the confidence in the language of the rest. Nothing is read again: the winning
    parts' feature counts (up to MEASURE_CHARS characters) are summed and scored once.
    """
    if len(readings) == 1:
        return found[0]
    votes: dict[str, float] = {}
    for det in found:
        for lang, p in det.scores.items():
            votes[lang] = votes.get(lang, 0.0) + p * det.letters
    if not votes:
        return Detection("und", 0.0, {}, method, sum(d.letters for d in found))
    winner = max(votes, key=votes.__getitem__)
    majority = [r for r, det in zip(readings, found, strict=True) if det.lang == winner and r.features]
    majority = majority or [r for r in readings if r.features]
    script = Counter(r.script for r in majority).most_common(1)[0][0]
    parts, texts, letters, chars = [], [], 0, 0
    for r in majority:
        if r.script != script or chars >= MEASURE_CHARS:
            continue
        parts.append(r.features)
        texts.append(r.text)
        letters, chars = letters + r.detection.letters, chars + len(r.text) + 1
    det = _score("\n".join(texts), script, get_model().merge(parts), letters)
    return Detection(det.lang, det.confidence, det.scores, method, det.letters)


def detect_language(text: str, *, whole: Reading | None = None) -> Detection:
    """Detect the language of one text (title, paragraph or whole article).

    The text is read as a whole first (`whole`, when the caller has read it already); only when
    that is unsure, or two scripts share it, is it read again sentence by sentence and decided
    by a vote.
    """
    whole = whole or read(text)
    if whole.settled:
        return whole.detection
    units = split_units(text)
    if len(units) < 2:
        return whole.detection
    readings = [read(unit) for unit in units]
    found = [r.detection for r in readings]
    if len({det.lang for det in found} - {"und"}) <= 1:
        return whole.detection
    return combine(readings, found, "sentence-vote")
