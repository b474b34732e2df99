"""Every post shape of the seed pages, rendered and compared with the seed line by line."""

from datetime import date

import pytest
from markdown_it import MarkdownIt

from app.exporters import html, markdown, text
from testkit.htmltext import html_lines
from testkit.seed_posts import (
    DAY_HEADING,
    DAY_SEED,
    POSTS_SEED,
    SEEDS,
    content_lines,
    day_chunks,
    day_posts,
    expected_day,
    page_posts,
    read_seed,
    with_fixes,
)

pytestmark = pytest.mark.skipif(
    not (SEEDS / DAY_SEED).exists() or not (SEEDS / POSTS_SEED).exists(),
    reason="seed pages (../shared/seeds) not present",
)
DAY = date(2022, 1, 10)


def _assert_lines(actual: list[str], expected: list[str]) -> None:
    for number, (got, want) in enumerate(zip(actual, expected, strict=False), start=1):
        assert got == want, f"line {number} differs"
    assert len(actual) == len(expected)


def test_seed_fixes_are_exactly_the_bracketed_omission_mark():
    raw = content_lines(read_seed(DAY_SEED))
    changed = [a for a, b in zip(raw, with_fixes(raw), strict=True) if a != b]
    assert len(changed) == 1 and "<…>" in changed[0]
    assert any(line.endswith("hinzu. …") for line in with_fixes(raw))  # the author's ellipsis stays


def test_day_archive_text_matches_seed_page():
    posts = day_posts()
    assert len(posts) == 11
    _assert_lines(content_lines(text.render_day(DAY, posts)), expected_day())


def test_day_archive_html_page_matches_seed_page():
    lines = html_lines(html.render_day(DAY, day_posts()))
    assert lines[0] == DAY_HEADING  # the page's own <h1>
    _assert_lines(lines[1:], expected_day())


@pytest.mark.parametrize("index", range(11))
def test_each_day_post_markdown_and_html_match(index):
    post = day_posts()[index]
    expected = with_fixes(day_chunks()[index])
    as_html = MarkdownIt("commonmark").render(markdown.render_post(post))
    _assert_lines(html_lines(as_html), expected)
    _assert_lines([html.render_title(post), *html_lines(html.render_post(post))], expected)


def test_rt_de_english_line_and_cradle_shape_match_seed():
    posts, expected = page_posts()
    rendered = content_lines("".join(text.render_post(p) for p in posts))
    _assert_lines(rendered, expected)
    assert expected[1].startswith("https://de.rt.com/") and " ENGLISH: https://" in expected[1]
    assert expected[-2].endswith("vorbereitet. (…)")  # omission added by the excerpt builder
    md_lines = []
    for p in posts:
        md_lines += html_lines(MarkdownIt("commonmark").render(markdown.render_post(p)))
    _assert_lines(md_lines, expected)


def test_shapes_cover_teaser_credit_translation_and_tass():
    posts = {p.title.split(" ")[0]: p for p in day_posts()}
    teaser = day_posts()[0]
    assert teaser.read_more and teaser.outlet == "german-foreign-policy.com"
    assert any(p.credit == "Übersetzung Linke Zeitung" for p in posts.values())
    tass = next(p for p in day_posts() if p.outlet == "TASS")
    assert [b.text for b in tass.blocks if b.kind == "heading"][0] == "Umfang der Militärübungen"
    assert "Weiterlesen" in text.render_post(teaser)
