"""The shared post shape: typography over every field, change list, aware datetimes."""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from app.exporters.layout import merged_blocks, normalize_post, safe_url
from app.exporters.types import PostBlock, SegmentPair
from testkit.sample_posts import sample_post


def test_normalize_post_lists_changes_per_field():
    post = sample_post(credit='Übersetzung "LZ"')
    result = normalize_post(post)
    fields = {c.field for c in result.changes}
    assert {"title", "credit", "blocks[0]", "blocks[3]"} <= fields
    assert result.post.credit == "Übersetzung „LZ“"
    assert result.post.source_url == post.source_url  # URLs are never touched
    assert normalize_post(result.post).changes == []


def test_omission_joins_the_paragraph_before_it_only():
    blocks = [
        PostBlock("heading", "H"),
        PostBlock("omission", "(…)"),
        PostBlock("paragraph", "P"),
        PostBlock("omission", "(…)"),
    ]
    assert merged_blocks(blocks) == [
        PostBlock("heading", "H"),
        PostBlock("paragraph", "(…)"),
        PostBlock("paragraph", "P (…)"),
    ]


def test_author_ellipsis_stays_and_omission_is_never_doubled_or_glued():
    blocks = [
        PostBlock("paragraph", 'Er sagte "so schnell wie möglich"...'),
        PostBlock("omission", "(…)"),
        PostBlock("paragraph", "Er hatte schon gekürzt (…)"),
        PostBlock("omission", "(…)"),
        PostBlock("paragraph", "Und dann …"),
    ]
    post = normalize_post(sample_post(blocks=blocks)).post
    assert merged_blocks(post.blocks) == [
        PostBlock("paragraph", "Er sagte „so schnell wie möglich“… (…)"),
        PostBlock("paragraph", "Er hatte schon gekürzt (…)"),
        PostBlock("paragraph", "Und dann …"),
    ]


def test_no_break_and_thin_spaces_reach_the_post_unchanged():
    blocks = [PostBlock("paragraph", "Kasachstan – Ereignisse der letzten 24\u00a0Stunden, 5\u202f% mehr")]
    post = normalize_post(sample_post(title="Global Times\u00a0China", blocks=blocks)).post
    assert post.title == "Global Times\u00a0China"
    assert post.blocks[0].text == "Kasachstan – Ereignisse der letzten 24\u00a0Stunden, 5\u202f% mehr"


def test_safe_url():
    assert safe_url(" https://a.example/x?y=1 ") == "https://a.example/x?y=1"
    assert safe_url("javascript:alert(1)") is None
    assert safe_url('https://a.example/"><script>') is None
    assert safe_url(None) is None


def test_naive_datetimes_are_refused_and_aware_ones_kept_in_utc():
    # Was "naive is taken as UTC" while SQLite reads came back naive; the column type now
    # returns aware UTC, so a naive value here is a caller's mistake (see app/times.py).
    with pytest.raises(ValueError, match="naive"):
        sample_post(published_at=datetime(2022, 1, 10, 12, 0))
    with pytest.raises(ValueError, match="naive"):
        SegmentPair(1, 1, "en", "de", "a", None, "b", "approved", None, datetime(2022, 1, 10, 12, 0))
    post = sample_post(published_at=datetime(2022, 1, 10, 13, 0, tzinfo=timezone(timedelta(hours=1))))
    assert post.published_at.tzinfo is UTC
    pair = SegmentPair(
        1, 1, "en", "de", "a", None, "b", "approved", None, datetime(2022, 1, 10, 12, 0, tzinfo=UTC)
    )
    assert pair.updated_at == datetime(2022, 1, 10, 12, 0, tzinfo=UTC)
    assert pair.unit_id == "1/1"
