"""The blog's seed posts reproduced through Werkbank keep every no-break space and every "…".

The same production as tests/api/test_seed_posts.py (ingest → edit → approve → post → export),
but the seed lines keep their no-break spaces, and the export is compared with them unchanged.
"""

import pytest

from testkit.seed_posts import DAY_SEED, POSTS_SEED, SEEDS, content_lines, day_posts, expected_day, page_posts

from .test_seed_posts import _produce

pytestmark = pytest.mark.skipif(
    not (SEEDS / DAY_SEED).exists() or not (SEEDS / POSTS_SEED).exists(), reason="seed pages not present"
)


def _export(client, post_id: int) -> list[str]:
    return content_lines(client.get(f"/api/posts/{post_id}/export?format=text").text, keep_nbsp=True)


def test_day_posts_keep_no_break_spaces_and_the_authors_ellipsis(translator, editor):
    views = day_posts(keep_nbsp=True)
    for n, view in enumerate(views):
        _produce(translator, editor, view, n)
    day = content_lines(translator.get("/api/days/2022-01-10/export?format=text").text, keep_nbsp=True)
    expected = expected_day(keep_nbsp=True)
    assert sum(line.count("\xa0") for line in expected) >= 20  # the seed really has them
    for number, (got, want) in enumerate(zip(day, expected, strict=False), start=1):
        assert got == want, f"line {number} differs"
    assert len(day) == len(expected)
    assert any(line.endswith("hinzu. …") for line in day) and "(…) (…)" not in "\n".join(day)


def test_rt_de_and_cradle_posts_keep_no_break_spaces(translator, editor):
    views, expected = page_posts(keep_nbsp=True)
    lines = []
    for n, view in enumerate(views):
        lines += _export(translator, _produce(translator, editor, view, n))
    assert any("\xa0" in line for line in expected)
    assert lines == expected
