"""Expected article text rendered from a hand annotation of the page, independent of any extractor.

Some corpus pages come without an expected text (htmldate's test pages have only dates). For those
the manifest holds an annotation made by reading the page's HTML, never an extractor's output:

    "annotation": {"body": [XPath, …], "drop": [XPath, …]}

The guideline, the same for every annotated page:
- `title`: the article's headline as the page shows it (its h1 or headline element), without the
  site's name; a kicker above it or a subtitle shown as a separate line is not part of it.
- `body`: the element(s) holding the article's own text, in reading order. The headline is not
  body text.
- Body text is the lead or standfirst, paragraphs, sub-headings, lists, block quotes, code, the
  cell text of tables that belong to the article, footnotes, and the author's sign-off line when
  it is part of the text.
- `drop`: elements inside the body that are not article text: bylines and date lines, share and
  print bars, tag and category lists, related-article teasers, "read more" / "continue at" links
  and "follow us" calls, author boxes, newsletter and donation calls, advertisements, image and
  video captions and photo credits, agency or source credit lines, copyright notices, pull quotes
  that repeat a sentence of the text, embedded widgets, players and social-media posts, comment
  sections, navigation between posts. Text that only a stretch of an element's text would remove
  (a date at the start of a lead) stays: annotations select elements, never parts of them.
- Expressions are XPath 1.0; `has-class("x")` stands for "the class attribute holds the token x".
- Every expression must find at least one element (a typo fails loudly, it never silently keeps
  boilerplate).

Rendering (lxml only): scripts, styles, templates and comments are dropped; a block element
(paragraph, heading, list item, table row, div, …) or a <br> ends a paragraph; inline elements
keep the source's own spacing, so words glued in the HTML stay glued in the expected text;
whitespace runs become one space; paragraphs are joined by a blank line.
"""

from __future__ import annotations

import re

from lxml import html as lxml_html
from lxml.etree import _Element

BLOCKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "br",
        "caption",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
SKIPPED = frozenset(
    ["script", "style", "noscript", "template", "iframe", "svg", "button", "select", "textarea", "input"]
)


_HAS_CLASS = re.compile(r"""has-class\((["'])([^"']+)\1\)""")


def xpath(expression: str) -> str:
    """Plain XPath 1.0 for an annotation expression (has-class("x") expanded)."""
    return _HAS_CLASS.sub(
        lambda m: f"contains(concat(' ', normalize-space(@class), ' '), ' {m.group(2)} ')", expression
    )


class AnnotationError(ValueError):
    """An annotation expression finds nothing on its page."""


def _paragraphs(element: _Element) -> list[str]:
    out: list[str] = []
    buffer: list[str] = []

    def flush() -> None:
        text = " ".join("".join(buffer).split())
        if text:
            out.append(text)
        buffer.clear()

    def walk(node: _Element) -> None:
        tag = node.tag if isinstance(node.tag, str) else None
        if tag is None or tag.lower() in SKIPPED:  # comments, processing instructions, scripts
            buffer.append(node.tail or "")
            return
        block = tag.lower() in BLOCKS
        if block:
            flush()
        buffer.append(node.text or "")
        for child in node:
            walk(child)
        if block:
            flush()
        buffer.append(node.tail or "")

    walk(element)
    flush()
    return out


def _find(root: _Element, expression: str) -> list[_Element]:
    found = [e for e in root.xpath(xpath(expression)) if isinstance(e, _Element)]
    if not found:
        raise AnnotationError(f"{expression!r} finds no element")
    return found


def render_expected(html: str, annotation: dict) -> str:
    """The expected body text of a page: its annotated body without the dropped elements."""
    parser = lxml_html.HTMLParser(encoding="utf-8", remove_comments=True)
    root = lxml_html.document_fromstring(html.encode("utf-8"), parser=parser)
    bodies = [e for expression in annotation["body"] for e in _find(root, expression)]
    # Every expression is read on the page as it is, before anything is dropped.
    dropped = [e for expression in annotation.get("drop", []) for e in _find(root, expression)]
    for element in dropped:
        if element.getparent() is not None:
            element.drop_tree()  # keeps its tail text, which belongs to the parent
    return "\n\n".join(p for body in bodies for p in _paragraphs(body))
