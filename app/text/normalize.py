"""Text normalisation applied to every source before it is stored.

It removes only what carries no meaning: control characters, the byte-order mark, zero-width
spaces and direction marks, and runs of ordinary spaces and tabs. No-break spaces (U+00A0,
U+202F), thin spaces and every other character are kept: "24\u00a0Stunden" stays as written.
"""

import re
import unicodedata

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u200e\u200f\ufeff]")
# A run of ordinary spaces/tabs is one space; around a meaningful space only that space stays.
_RUN = re.compile(r"[ \t]*([\u00a0\u2000-\u200a\u202f\u205f\u3000]+)[ \t]*|[ \t]{2,}|\t")
_LINE_ENDS = re.compile(r"\r\n|[\r\u2028]")


def _unify_run(match: re.Match[str]) -> str:
    return match.group(1) or " "


def normalize_text(text: str) -> str:
    """NFC, unified line endings, control characters removed, whitespace trimmed per line."""
    text = _LINE_ENDS.sub("\n", text).replace("\u2029", "\n\n")
    text = _CONTROL.sub("", text)
    # NFC after the removal: "e\x00\u0301" must end as "é", not as a bare e + accent
    text = unicodedata.normalize("NFC", text)
    lines = [_RUN.sub(_unify_run, line).strip() for line in text.split("\n")]
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def collapse(text: str) -> str:
    """One paragraph on one line: line breaks and ordinary whitespace runs become one space."""
    return re.sub(r"[ \t\n]+", " ", normalize_text(text)).strip()
