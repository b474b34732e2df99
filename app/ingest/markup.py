"""The HTML handed to trafilatura and its XML read back as blocks, with no word glued or lost."""

import re

from lxml import etree

from app.ingest.segment import Block
from app.text.normalize import collapse

# Block elements end a word as a browser shows them; trafilatura joins text across a <div> or
# <figure> inside a paragraph without a space ("news.<div>…</div>\"From" → "news.\"From").
_BLOCK_TAG = re.compile(
    r"(</?(?:div|figure|figcaption|section|aside|table|tr|td|th|ul|ol|li|blockquote|h[1-6]|img|hr)\b[^>]*>)",
    re.IGNORECASE,
)
# Words follow (after closing tags at most): the text an empty element would take with it.
_TEXT_FOLLOWS = r"(?=(?:\s|</\w+\s*>)*[^\s<])"
# A block holding nothing but line breaks shows as a line break; trafilatura (favor_precision)
# deletes such an empty block together with the text after it ("<div><br></div>Next sentence.").
# Only those followed by words are replaced: elsewhere an empty ad slot stays the block it was.
_EMPTY_BLOCK = re.compile(
    rf"<(div|p|section|article|blockquote|center)\b[^>]*>(?:\s|<br\s*/?>)*</\1\s*>{_TEXT_FOLLOWS}",
    re.IGNORECASE,
)
# An empty inline element shows nothing; trafilatura deletes it with the text after it too.
_EMPTY_INLINE = re.compile(
    rf"<(span|b|i|em|strong|q|font|small|u)\b[^>]*>(\s*)</\1\s*>{_TEXT_FOLLOWS}", re.IGNORECASE
)
# A caption that repeats its image's alt or title text, next to the image: the picture's words, not
# the article's (trafilatura keeps it when it stands inside a paragraph). 20 characters at least,
# so that a short alt ("Logo", a name) never takes a line of text with it.
_SAME_AS = " or ".join(
    f"normalize-space(.) = normalize-space({way}-sibling::img[1]/@{attr})"
    for way in ("preceding", "following")
    for attr in ("alt", "title")
)
# Only the siblings of images are looked at: a page's other elements cost nothing.
CAPTION_XPATH = " | ".join(
    f"//img[@alt or @title]/{way}-sibling::*[string-length(normalize-space(.)) > 20][{_SAME_AS}]"
    for way in ("preceding", "following")
)
# Elements of trafilatura's XML that stand on lines of their own: text on either side is two words.
_XML_BLOCKS = {"p", "head", "item", "list", "quote", "lb"}


def prepared_html(html: str) -> str:
    """The page as trafilatura should read it: blocks spaced apart, empty elements that would take
    the following text with them replaced by what a browser shows for them."""
    for _ in range(4):  # nested empty blocks empty their parent: a few rounds, innermost first
        emptied = _EMPTY_BLOCK.sub("<br>", _EMPTY_INLINE.sub(r"\2", html))
        if emptied == html:
            break
        html = emptied
    return _BLOCK_TAG.sub(r" \1 ", html)


def _text(el: etree._Element, own_blocks: frozenset[str] = frozenset()) -> str:
    """The element's text; block children (and <lb/>) are separated by a space, so no words run
    together; children whose tag is in own_blocks are left out (they are blocks of their own)."""
    parts = [el.text or ""]
    for child in el:
        if child.tag in own_blocks:
            parts.append(" ")
        elif child.tag in _XML_BLOCKS:
            parts += [" ", _text(child, own_blocks), " "]
        else:
            parts.append(_text(child, own_blocks))
        parts.append(child.tail or "")
    return "".join(parts)


def xml_blocks(main: etree._Element, title: str | None) -> list[Block]:
    """Heading and paragraph blocks of trafilatura's <main>; an item's nested list gives blocks of
    its own, after the item's own words."""
    blocks: list[Block] = []
    for el in main.iter("head", "p", "item", "quote"):
        if el.tag == "quote" and el.find("p") is not None:
            continue
        if el.tag == "p" and el.getparent() is not None and el.getparent().tag == "item":
            continue
        text = collapse(_text(el, frozenset({"list"})))
        if not text:
            continue
        if el.tag == "head":
            if title and text.casefold() == title.casefold():
                continue  # the h1 that repeats the title, wherever it stands
            blocks.append(Block("heading", text))
        else:
            blocks.append(Block("paragraph", text))
    return blocks
