"""Scores of one extraction against the expected text: shingles, glued words, leaked lines, metadata."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from datetime import UTC, date, datetime

SHINGLE = 3
# Scripts written without spaces count one character as one word (Chinese, Japanese, Thai, Burmese).
_TOKEN = re.compile(r"[\u0e00-\u0e7f\u1000-\u109f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]|\w+")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def tokens(text: str) -> list[str]:
    """Lower-case word tokens (one per character in scripts without spaces)."""
    return _TOKEN.findall(unicodedata.normalize("NFKC", text).casefold())


def shingles(text: str, n: int = SHINGLE) -> Counter:
    """The multiset of n-word shingles of a text (the words themselves for shorter texts)."""
    words = tokens(text)
    if len(words) < n:
        return Counter(tuple(words[i : i + 1]) for i in range(len(words)))
    return Counter(tuple(words[i : i + n]) for i in range(len(words) - n + 1))


def prf(found: str, expected: str) -> tuple[float, float, float]:
    """Precision, recall and F1 of found's shingles against expected's."""
    got, want = shingles(found), shingles(expected)
    common = sum((got & want).values())
    p = common / sum(got.values()) if got else 0.0
    r = common / sum(want.values()) if want else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def glued_words(found: str, expected: str) -> list[str]:
    """Words of found that are two neighbouring words of expected run together ("Timesclaimed")."""
    want = expected.split()
    vocabulary = set(want)
    pairs = {a + b for a, b in zip(want, want[1:], strict=False)}
    return [w for w in found.split() if w not in vocabulary and w in pairs]


def leaked_lines(found_blocks: list[str], expected: str) -> list[str]:
    """Blocks of found with (almost) nothing in common with the expected text: boilerplate."""
    want = shingles(expected)
    want_words = set(tokens(expected))
    leaked = []
    for block in found_blocks:
        own = shingles(block)
        if sum(own.values()) >= 3:
            share = sum((own & want).values()) / sum(own.values())
        else:
            words = tokens(block)
            share = sum(w in want_words for w in words) / len(words) if words else 1.0
        if share < 0.5:
            leaked.append(block)
    return leaked


def same_title(found: str | None, expected: str) -> bool:
    """Exact match after unifying whitespace and curly/straight quotes."""
    if not found:
        return False
    norm = lambda s: " ".join(s.translate(_QUOTES).split())  # noqa: E731
    return norm(found) == norm(expected)


def same_authors(found: str | None, expected: list[str]) -> bool:
    """The same people, in any order ("; " separates names)."""
    names = [n.strip() for n in (found or "").split(";") if n.strip()]
    return sorted(names) == sorted(expected)


def same_date(found: datetime | None, expected: str) -> bool:
    """The same instant (when the page gives a time) or the same calendar day (date only)."""
    if found is None:
        return False
    if len(expected) == 10:
        return found.date() == date.fromisoformat(expected)
    return found.astimezone(UTC).replace(microsecond=0) == datetime.fromisoformat(
        expected.replace("Z", "+00:00")
    ).astimezone(UTC)
