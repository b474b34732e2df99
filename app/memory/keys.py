"""How the memory compares texts: exact and near-exact keys, index words, the differences of a near match."""

import hashlib
import re
import unicodedata

from app.text.normalize import normalize_text

# Words as the index knows them: letters (and digits inside words), case-folded; pure numbers are
# left out because a near-exact match may differ exactly there.
_WORD = re.compile(r"[^\W\d_][\w]*", re.UNICODE)
_TOKEN = re.compile(r"\w+|[^\w\s]", re.UNICODE)
_DIGITS = re.compile(r"\d+")
_PUNCT_OR_SPACE = re.compile(r"[\W_]+", re.UNICODE)
MAX_WORD = 64


def exact_text(text: str) -> str:
    """The text as the memory stores and compares it: NFC, whitespace collapsed."""
    return " ".join(normalize_text(text).split())


def near_text(text: str) -> str:
    """The text with case, numbers and punctuation folded away: equal here but not exactly is a 99."""
    folded = unicodedata.normalize("NFKC", exact_text(text)).casefold()
    return " ".join(_PUNCT_OR_SPACE.sub(" ", _DIGITS.sub("0", folded)).split())


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def exact_key(text: str) -> str:
    return digest(exact_text(text))


def near_key(text: str) -> str:
    return digest(near_text(text))


def index_words(text: str) -> set[str]:
    """The distinct words of a text for the candidate index (case-folded, no numbers)."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return {word[:MAX_WORD] for word in _WORD.findall(folded)}


def fuzzy_text(text: str) -> str:
    """What fuzzy scores compare: case-folded, punctuation as spaces, whitespace collapsed."""
    folded = unicodedata.normalize("NFKC", exact_text(text)).casefold()
    return " ".join(_PUNCT_OR_SPACE.sub(" ", folded).split())


def fold_stored(source: str) -> str:
    """fuzzy_text of a stored source, which is exact_text already (the cheap part only, per candidate)."""
    return " ".join(_PUNCT_OR_SPACE.sub(" ", source.casefold()).split())


def differences(match_source: str, source: str) -> list[dict[str, str]]:
    """Where a near-exact match differs from the segment: [{"match": "2024", "segment": "2025"}, …].

    Tokens are words, numbers and single punctuation marks; only the differing runs are listed.
    """
    from difflib import SequenceMatcher

    a, b = _TOKEN.findall(exact_text(match_source)), _TOKEN.findall(exact_text(source))
    out = []
    for op, i1, i2, j1, j2 in SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op != "equal":
            out.append({"match": " ".join(a[i1:i2]), "segment": " ".join(b[j1:j2])})
    return out
