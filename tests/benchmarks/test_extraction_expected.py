"""Expected texts rendered from hand annotations: paragraphs, dropped elements, loud mistakes."""

import json

import pytest
from lxml import etree

from benchmarks.extraction_corpus import MANIFEST
from benchmarks.extraction_expected import AnnotationError, render_expected, xpath

PAGE = """<html><head><title>Site | Story</title><script>var x = "not text";</script></head><body>
<nav>Home News</nav>
<article class="post story-body">
  <h1>Story</h1>
  <div class="byline">By Someone, 1 May</div>
  <p class="lead">The <b>lead</b> says it all.</p>
  <!-- a comment -->
  <p>New York<em>Times</em> wrote it.<br>Second line.</p>
  <figure><img src="a.jpg"><figcaption>A caption</figcaption></figure>
  <h2>Sub heading</h2>
  <ul><li>one</li><li>two</li></ul>
  <div class="share">Share Tweet</div> tail after the share bar
  <p>Last <span>para</span>.</p>
</article>
<aside class="story">Related: another story</aside>
</body></html>"""


def test_blocks_become_paragraphs_and_inline_spacing_is_the_source_s():
    text = render_expected(PAGE, {"body": ['//article[has-class("story-body")]']})
    assert text.split("\n\n") == [
        "Story",
        "By Someone, 1 May",
        "The lead says it all.",
        "New YorkTimes wrote it.",  # glued in the HTML, so glued in the expected text
        "Second line.",
        "A caption",
        "Sub heading",
        "one",
        "two",
        "Share Tweet",
        "tail after the share bar",
        "Last para.",
    ]
    assert "not text" not in text and "comment" not in text and "Home" not in text


def test_dropped_elements_go_with_their_text_and_their_tail_stays():
    annotation = {
        "body": ['//article[has-class("story-body")]'],
        "drop": ["//article/h1", '//div[has-class("byline")]', "//figure", '//div[has-class("share")]'],
    }
    text = render_expected(PAGE, annotation)
    assert "Story\n\n" not in text and "Someone" not in text and "caption" not in text
    assert "Share" not in text and "tail after the share bar" in text


def test_expressions_are_read_on_the_page_before_anything_is_dropped():
    page = "<html><body><div id='b'><p>a</p><p>b</p><p>c</p></div></body></html>"
    text = render_expected(page, {"body": ["//div[@id='b']"], "drop": ["//div/p[1]", "//div/p[2]"]})
    assert text == "c"


def test_bodies_are_joined_in_the_order_given():
    page = "<html><body><div id='x'>second</div><p id='y'>first</p></body></html>"
    assert render_expected(page, {"body": ["//p[@id='y']", "//div[@id='x']"]}) == "first\n\nsecond"


def test_has_class_matches_whole_class_tokens_only():
    assert "normalize-space(@class)" in xpath('//div[has-class("story")]')
    text = render_expected(PAGE, {"body": ['//*[has-class("story")]']})
    assert text == "Related: another story"  # not article.story-body


def test_an_expression_that_finds_nothing_fails_loudly():
    with pytest.raises(AnnotationError):
        render_expected(PAGE, {"body": ["//main"]})
    with pytest.raises(AnnotationError):
        render_expected(PAGE, {"body": ["//article"], "drop": ['//div[has-class("sharebar")]']})


def test_every_annotation_in_the_manifest_is_well_formed():
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    annotated = [page for source in manifest["sources"] for page in source["pages"] if "annotation" in page]
    assert len(annotated) >= 17
    for page in annotated:
        assert page["kind"] == "article" and page.get("title") and "expected" not in page, page["name"]
        assert page["split"] in ("tune", "score"), page["name"]
        assert page["annotation"]["body"], page["name"]
        for expression in page["annotation"]["body"] + page["annotation"].get("drop", []):
            etree.XPath(xpath(expression))  # compiles
