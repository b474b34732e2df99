"""Text normalisation applied to every source before it is stored."""

import re
import unicodedata

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u200e\u200f\u2028\u2029\ufeff]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def normalize_text(text: str) -> str:
    """NFC, unified line endings, control characters removed, whitespace trimmed per line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    # NFC after the removal: "e\x00\u0301" must end as "é", not as a bare e + accent
    text = unicodedata.normalize("NFC", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def collapse(text: str) -> str:
    """One paragraph on one line: all whitespace runs become one space."""
    return re.sub(r"\s+", " ", normalize_text(text)).strip()
