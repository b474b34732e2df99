"""Hypothesis over the text pipeline: normalise → segment → typography → exporters, on any text.

What is claimed, precisely:
- normalize_text never raises, is idempotent, and its output is NFC with one kind of line break,
  no control characters, no blank runs of three lines and no space at a line's ends (no-break
  and thin spaces inside a line are kept: tests/text/test_typography_properties.py).
- split_text of a normalised text never raises; every block is one collapsed line; before
  de-duplication the blocks hold exactly the words of the text, in order; de-duplication drops
  only paragraphs equal to an earlier block.
- typography.normalize never raises, is idempotent, lists changes that rebuild its output from
  its input, and never touches a letter or digit (only quotes, dots and brackets change).
- every post exporter renders any such blocks; the HTML fragment parsed back and the plain text
  show each block's typography-normalised text; the JSON export loads back to those texts.
- the pair exporters render any texts; TMX and XLIFF parse back (well-formed XML) to the
  source and target with only the characters XML 1.0 cannot carry removed; JSONL loads back.
"""

import json
import re
import unicodedata
from datetime import UTC, datetime
from unittest import mock
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from lxml import etree

from app.exporters import FORMATS, PAIR_FORMATS, POST_FORMATS, json_export, layout
from app.exporters import text as text_export
from app.exporters.types import PostBlock, PostView, SegmentPair
from app.exporters.xmltext import xml_safe
from app.ingest import segment
from app.text.normalize import collapse, normalize_text
from app.text.typography import normalize as typography
from testkit.htmltext import html_lines

# Characters the pipeline treats specially, mixed into otherwise arbitrary Unicode.
SPECIAL = list(
    "\"'“”„«»‘’‚‹›.…()[]<>&;:!?-–—/\\*_#`=~|\n\r\t \u00a0\u2009\u200b\u2028\ufeff\x00\x07\x85\u0301\u0308"
)
CHARS = st.one_of(st.characters(codec="utf-8"), st.sampled_from(SPECIAL))
TEXT = st.text(CHARS, max_size=300)
LINE = st.text(
    st.one_of(
        st.characters(codec="utf-8", exclude_categories=("Cc", "Zl", "Zp")),
        st.sampled_from(list("\"'„“”….()[] ")),
    ),
    min_size=1,
    max_size=60,
)
PROPS = settings(
    max_examples=200,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u200e\u200f\u2028\u2029\ufeff]")


def words(text: str) -> list[str]:
    return text.split()


# --- normalise -------------------------------------------------------------------------------


@PROPS
@given(TEXT)
@example("e\x00\u0301")  # found: NFC ran before the NUL went, leaving e + U+0301 (not NFC)
@example("Cafe\u200b\u0301")  # the same with a zero-width space pasted from a web page
def test_normalize_text_is_idempotent_nfc_and_clean(raw):
    out = normalize_text(raw)
    assert normalize_text(out) == out
    assert unicodedata.is_normalized("NFC", out)
    assert "\r" not in out and not _CONTROL.search(out) and "\n\n\n" not in out
    assert all(line == line.strip(" \t\u00a0") for line in out.split("\n"))
    assert out == out.strip()


# --- segment ---------------------------------------------------------------------------------


def _undeduplicated(text: str, title: str | None = None) -> list[segment.Block]:
    with mock.patch.object(segment, "dedupe", lambda blocks: blocks):
        return segment.split_text(text, title=title)


@PROPS
@given(TEXT)
def test_split_text_never_raises_and_blocks_are_collapsed_lines(raw):
    for block in segment.split_text(normalize_text(raw)):
        assert block.text and block.text == collapse(block.text) and "\n" not in block.text
        assert block.kind in ("title", "heading", "paragraph")


@PROPS
@given(
    st.lists(LINE, min_size=1, max_size=12),
    st.lists(st.sampled_from(["\n", "\n\n", "\n \n"]), min_size=12, max_size=12),
)
def test_segments_hold_exactly_the_words_of_the_text(lines, breaks):
    text = normalize_text("".join(line + brk for line, brk in zip(lines, breaks, strict=False)))
    blocks = _undeduplicated(text)
    assert words(" ".join(b.text for b in blocks)) == words(text)
    kept = segment.dedupe(blocks)
    seen: set[str] = set()
    for block in blocks:
        if block in kept and (block.kind != "paragraph" or block.text not in seen):
            kept.remove(block)
        else:
            assert block.kind == "paragraph" and block.text in seen, block
        seen.add(block.text)
    assert kept == []


# --- typography ------------------------------------------------------------------------------


@PROPS
@given(TEXT)
@example("0»0")  # found: a lone » became “, which the next pass read as an opening „
def test_typography_is_idempotent_replayable_and_keeps_every_letter(raw):
    result = typography(raw)
    assert typography(result.text).text == result.text
    rebuilt, last = [], 0
    for change in result.changes:
        assert change.start >= last and raw[change.start : change.end] == change.before
        rebuilt += [raw[last : change.start], change.after]
        last = change.end
    assert "".join(rebuilt) + raw[last:] == result.text
    assert [c for c in result.text if c.isalnum()] == [c for c in raw if c.isalnum()]


# --- exporters -------------------------------------------------------------------------------


def _post(blocks: list[PostBlock], title: str) -> PostView:
    return PostView(
        id=1,
        title=title or "Titel",
        outlet="TASS",
        source_url="https://tass.com/a",
        source_label="Quelle:",
        original_url=None,
        original_label=None,
        subtitle=None,
        byline=None,
        published_at=datetime(2022, 1, 10, 9, 30, tzinfo=UTC),
        blocks=blocks,
        read_more=False,
        read_more_url=None,
        full_original_line=None,
        credit=None,
        categories=["Welt"],
        tags=[],
        slug="titel",
        status="draft",
        zone=ZoneInfo("Europe/Berlin"),
    )


def _pipeline_post(raw: str, title: str) -> tuple[PostView, list[str]]:
    blocks = [
        PostBlock("heading" if b.kind == "heading" else "paragraph", b.text)
        for b in segment.split_text(normalize_text(raw))
        if b.kind != "title"
    ]
    post = _post(blocks, normalize_text(title))
    shown = [typography(layout.clean(b.text)).text for b in blocks]
    return post, [" ".join(s.replace("\xa0", " ").split()) for s in shown if s]


@PROPS
@given(TEXT, st.text(CHARS, max_size=80))
def test_every_post_format_renders_and_html_text_and_json_give_the_blocks_back(raw, title):
    post, shown = _pipeline_post(raw, title)
    for name in POST_FORMATS:
        assert FORMATS[name].render_post(post)
    html_out = html_lines(FORMATS["html"].render_post(post))
    assert [line for line in html_out if line != "Quelle: https://tass.com/a"] == shown
    plain = text_export.render_post(post)
    assert all(s in " ".join(plain.replace("\xa0", " ").split()) for s in shown)
    data = json.loads(json_export.render_post(post))
    assert [" ".join(b["text"].replace("\xa0", " ").split()) for b in data["blocks"] if b["text"]] == shown


OPTIONAL = st.none() | st.text(CHARS, max_size=60)


@PROPS
@given(
    title=st.text(CHARS, max_size=60),
    outlet=OPTIONAL,
    subtitle=OPTIONAL,
    byline=OPTIONAL,
    credit=OPTIONAL,
    source_url=OPTIONAL,
    line=OPTIONAL,
    terms=st.lists(st.text(CHARS, max_size=20), max_size=3),
)
def test_any_field_values_render_in_every_format_and_wxr_stays_xml(
    title, outlet, subtitle, byline, credit, source_url, line, terms
):
    """Fields as editors type them (no normalisation on the way in): nothing raises, XML stays XML."""
    post = _post([PostBlock("paragraph", "Absatz.")], title)
    post = PostView(
        **{
            **post.__dict__,
            "outlet": outlet,
            "subtitle": subtitle,
            "byline": byline,
            "credit": credit,
            "source_url": source_url,
            "full_original_line": line,
            "categories": terms,
            "tags": terms,
        }
    )
    rendered = {name: FORMATS[name].render_post(post) for name in POST_FORMATS}
    assert etree.fromstring(rendered["wxr"].encode()).find("channel/item") is not None
    assert json.loads(rendered["json"])["blocks"] == [{"kind": "paragraph", "text": "Absatz."}]


def _pairs(texts: list[tuple[str, str]]) -> list[SegmentPair]:
    when = datetime(2022, 1, 9, 8, 15, tzinfo=UTC)
    return [
        SegmentPair(1, i, "en", "de", source, None, target, "approved", "anna", when)
        for i, (source, target) in enumerate(texts)
    ]


@PROPS
@given(st.lists(st.tuples(TEXT, TEXT), min_size=1, max_size=4))
def test_pair_formats_render_and_xml_and_jsonl_give_the_texts_back(texts):
    pairs = _pairs(texts)
    for name in PAIR_FORMATS:
        assert FORMATS[name].render_pairs(pairs)
    tmx = etree.fromstring(FORMATS["tmx"].render_pairs(pairs).encode())
    segs = [seg.text or "" for seg in tmx.iter("seg")]
    assert segs == [xml_safe(t) for pair in texts for t in pair]
    xliff = etree.fromstring(FORMATS["xliff"].render_pairs(pairs).encode())
    found = [(el.text or "") for el in xliff.iter() if etree.QName(el).localname in ("source", "target")]
    assert found == [xml_safe(t) for pair in texts for t in pair]
    rows = [json.loads(line) for line in FORMATS["jsonl"].render_pairs(pairs).split("\n") if line]
    assert [(r["source"], r["target"]) for r in rows] == texts
