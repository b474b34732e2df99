"""Excerpt builder: order, omission marks, headings, title segments, approval, quote share."""

import pytest

from app.errors import InvalidInput, SegmentNotApproved
from app.exporters.types import PostBlock
from app.publishing.excerpt import ExcerptSource, build_excerpt

OM = PostBlock("omission", "(…)")


def _doc(approved: bool = True) -> list[ExcerptSource]:
    kinds = ["title", "paragraph", "paragraph", "heading", "paragraph", "paragraph", "paragraph"]
    return [
        ExcerptSource(id=10 + i, position=i, kind=kind, text=f"Text {i}.", approved=approved)
        for i, kind in enumerate(kinds)
    ]


def test_adjacent_selection_from_start_to_end_has_no_marks():
    ex = build_excerpt(segments=_doc(), selected_ids=[11, 12, 13, 14, 15, 16])
    assert OM not in ex.blocks
    assert ex.blocks[2] == PostBlock("heading", "Text 3.")
    assert [b.kind for b in ex.blocks].count("paragraph") == 5


def test_gap_between_paragraphs_and_text_continuing_get_marks():
    ex = build_excerpt(segments=_doc(), selected_ids=[14, 11])
    assert ex.blocks == [
        PostBlock("paragraph", "Text 1."),
        OM,
        PostBlock("paragraph", "Text 4."),
        OM,
    ]


def test_skipped_heading_alone_is_not_an_omission():
    ex = build_excerpt(segments=_doc(), selected_ids=[12, 14], continues=False)
    assert ex.blocks == [PostBlock("paragraph", "Text 2."), PostBlock("paragraph", "Text 4.")]


def test_heading_of_the_selection_is_kept_and_gap_before_it_marked():
    ex = build_excerpt(segments=_doc(), selected_ids=[11, 13, 14])
    assert [b.kind for b in ex.blocks] == [
        "paragraph",
        "omission",
        "heading",
        "paragraph",
        "omission",
    ]


def test_continues_override():
    assert build_excerpt(segments=_doc(), selected_ids=[11], continues=False).blocks == [
        PostBlock("paragraph", "Text 1.")
    ]
    last = build_excerpt(segments=_doc(), selected_ids=[16], continues=True)
    assert last.blocks[-1] == OM


def test_title_segment_is_not_a_body_block():
    ex = build_excerpt(segments=_doc(), selected_ids=[10, 11])
    assert all(b.text != "Text 0." for b in ex.blocks)
    assert any("Titelsegmente" in w for w in ex.warnings)


def test_unapproved_and_unknown_ids_raise_with_ids():
    segments = _doc()
    segments[2] = ExcerptSource(12, 2, "paragraph", "Entwurf", approved=False)
    with pytest.raises(SegmentNotApproved) as info:
        build_excerpt(segments=segments, selected_ids=[11, 12, 99, 12])
    err = info.value
    assert isinstance(err, InvalidInput) and err.status == 422
    assert err.code == "segment_not_approved" and err.extra["segment_ids"] == [12, 99]
    assert err.to_dict()["segment_ids"] == [12, 99]


def test_quote_share_and_budget_warning():
    ex = build_excerpt(segments=_doc(), selected_ids=[11, 12], quote_budget=0.3)
    assert ex.total_chars == 6 * 7 and ex.quoted_chars == 14
    assert ex.share == pytest.approx(14 / 42)
    assert ex.over_budget and any("33%" in w for w in ex.warnings)
    under = build_excerpt(segments=_doc(), selected_ids=[11], quote_budget=0.5)
    assert not under.over_budget and under.warnings == []


def test_empty_selection_and_empty_document():
    ex = build_excerpt(segments=_doc(), selected_ids=[])
    assert ex.blocks == [] and ex.share == 0
    assert build_excerpt(segments=[], selected_ids=[]).total_chars == 0
