"""Title, subtitle, outlet and labels are plain text: markup in them shows as text in every format."""

import json
from datetime import date
from html import unescape

import lxml.html
from lxml import etree
from markdown_it import MarkdownIt

from app.exporters import html, json_export, markdown, text, wxr
from testkit.htmltext import html_lines
from testkit.sample_posts import sample_post

HOSTILE = "<script>alert(1)</script> & „Zitat“"
OUTLET = "<b>Outlet</b>"
TITLE = f"{HOSTILE} ({OUTLET})"
MARKUP_TAGS = {"script", "b", "i", "img"}


def _post():
    return sample_post(
        title=HOSTILE,
        outlet=OUTLET,
        subtitle=f"Unter {HOSTILE}",
        source_label="<i>Quelle:</i>",
        original_url="https://example.org/en",
        original_label="<img src=x onerror=alert(2)>",
        byline="<b>Von</b> Pepe",
    )


def _tags(markup: str) -> set[str]:
    root = lxml.html.fragment_fromstring(markup, create_parent="div")
    return {el.tag for el in root.iter()}


def test_html_fragment_and_day_page_show_markup_as_text():
    post = _post()
    fragment = html.render_post(post)
    assert not _tags(fragment) & MARKUP_TAGS
    lines = html_lines(fragment)
    assert lines[0].startswith("<i>Quelle:</i> https://") and "<img src=x onerror=alert(2)>" in lines[0]
    assert f"Unter {HOSTILE}" in lines and "<b>Von</b> Pepe" in lines
    page = html.render_day(date(2022, 1, 10), [post])
    root = lxml.html.document_fromstring(page.encode())
    assert not {el.tag for el in root.iter()} & MARKUP_TAGS
    assert root.findtext(".//article/header/h2") == TITLE


def test_markdown_shows_markup_as_text():
    rendered = MarkdownIt("commonmark").render(markdown.render_post(_post()))
    assert not _tags(rendered) & MARKUP_TAGS
    lines = html_lines(rendered)
    assert lines[0] == TITLE and f"Unter {HOSTILE}" in lines


def test_text_and_json_keep_the_plain_text():
    assert text.render_post(_post()).splitlines()[0] == TITLE
    assert json.loads(json_export.render_post(_post()))["display_title"] == TITLE


def test_wxr_title_and_excerpt_are_escaped_html():
    parser = etree.XMLParser(strip_cdata=False, resolve_entities=False)
    item = etree.fromstring(wxr.render_post(_post()).encode(), parser).find("channel/item")
    title = item.findtext("title")
    excerpt = item.findtext("excerpt:encoded", namespaces=wxr.NAMESPACES)
    # WordPress shows post_title and post_excerpt as HTML: what it imports must be escaped text.
    for value, plain in ((title, TITLE), (excerpt, f"Unter {HOSTILE}")):
        assert "<" not in value and unescape(value) == plain
        assert _tags(value) == {"div"}
    content = item.findtext("content:encoded", namespaces=wxr.NAMESPACES)
    assert not _tags(content) & MARKUP_TAGS
