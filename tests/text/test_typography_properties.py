"""Hypothesis over German typography and normalisation: what they own, they change; nothing else.

- typography.normalize never changes a letter or digit, is idempotent, and keeps every character
  it does not own (quote characters, dots, "…" and the brackets of an omission mark) in order;
  "(…)" appears only where the input had a bracketed omission mark.
- normalize_text keeps every no-break, narrow and thin space between words.
"""

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from app.text.normalize import collapse, normalize_text
from app.text.typography import normalize

QUOTES = "\"'“”„«»‘’‚‹›"
OWNED = set(QUOTES + ".…()[]<>")
SPECIAL = list(QUOTES + ".…()[]<> \n\u00a0\u202f\u2009-–—,;:!?") + [
    "...",
    "(...)",
    "[…]",
    "'n'",
    "Rock",
    "24",
]
TEXT = st.lists(st.one_of(st.characters(codec="utf-8"), st.sampled_from(SPECIAL)), max_size=80).map("".join)
PROPS = settings(max_examples=300, derandomize=True, database=None, deadline=None)
BRACKETED = re.compile(r"[\[(<](?:\.{3}|…)[\])>]")


@PROPS
@given(TEXT)
def test_typography_keeps_letters_digits_and_every_character_it_does_not_own(raw):
    out = normalize(raw).text
    assert [c for c in out if c.isalnum()] == [c for c in raw if c.isalnum()]
    assert [c for c in out if c not in OWNED] == [c for c in raw if c not in OWNED]


@PROPS
@given(TEXT)
def test_typography_is_idempotent(raw):
    once = normalize(raw).text
    assert normalize(once).text == once
    assert normalize(once).changes == []


@PROPS
@given(TEXT)
def test_omission_marks_only_where_the_input_had_bracketed_ones(raw):
    out = normalize(raw).text
    assert out.count("(…)") == len(BRACKETED.findall(raw)) + raw.count("(…)") - len(
        [m for m in BRACKETED.finditer(raw) if m.group() == "(…)"]
    )
    assert out.count("…") >= raw.count("…")  # the author's ellipsis is never taken away


WORD = st.text(st.characters(codec="utf-8", categories=("L", "N")), min_size=1, max_size=8)
SPACE = st.sampled_from([" ", "\u00a0", "\u202f", "\u2009", "\u2007"])


@PROPS
@given(st.lists(st.tuples(WORD, SPACE), min_size=1, max_size=10))
def test_normalize_text_keeps_meaningful_spaces_between_words(pairs):
    raw = "".join(w + s for w, s in pairs[:-1]) + pairs[-1][0]
    expected = unicodedata.normalize("NFC", raw)
    assert normalize_text(raw) == expected
    assert collapse(raw) == expected
