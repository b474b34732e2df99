"""An HTML page parsed once: its tree, meta tags, JSON-LD objects and headings, for the metadata rules."""

import json
import re
from dataclasses import dataclass
from functools import cached_property

import lxml.html
from lxml import etree

_SPACE = re.compile(r"\s+")
# The first <body> tag's class, read from the markup itself: pages with output before <html>
# (a PHP warning) lose the real <body> tag's attributes in lxml's tree.
_BODY_CLASS = re.compile(r"<body\b[^>]*?\bclass\s*=\s*[\"']([^\"']*)", re.IGNORECASE)


def squash(text: str) -> str:
    """Whitespace runs as one space (for comparing page strings, not for stored text)."""
    return _SPACE.sub(" ", text).strip()


def _walk(node: object) -> list[dict]:
    """Every JSON-LD object in a parsed script, @graph, mainEntity and lists included."""
    if isinstance(node, list):
        return [obj for item in node for obj in _walk(item)]
    if isinstance(node, dict):
        return [node, *_walk(node.get("@graph", [])), *_walk(node.get("mainEntity", []))]
    return []


@dataclass
class Page:
    """The parsed page; every lookup is lazy and tolerant of broken markup."""

    html: str

    @cached_property
    def tree(self) -> etree._Element | None:
        try:
            parser = lxml.html.HTMLParser(encoding="utf-8")
            return lxml.html.fromstring(self.html.encode("utf-8", errors="replace"), parser=parser)
        except (etree.ParserError, ValueError):
            return None

    def meta(self, *keys: str) -> list[str]:
        """Contents of <meta> tags whose property, name or itemprop is one of keys, in page order."""
        if self.tree is None:
            return []
        wanted = {k.casefold() for k in keys}
        found = []
        for el in self.tree.iter("meta"):
            name = (el.get("property") or el.get("name") or el.get("itemprop") or "").casefold()
            if name in wanted and (el.get("content") or "").strip():
                found.append(squash(el.get("content")))
        return found

    @cached_property
    def json_ld(self) -> list[dict]:
        if self.tree is None:
            return []
        objects: list[dict] = []
        for script in self.tree.iter("script"):
            if (script.get("type") or "").strip().casefold() != "application/ld+json":
                continue
            try:
                objects += _walk(json.loads(script.text or ""))
            except (ValueError, RecursionError):  # broken or absurdly nested JSON-LD: ignored
                continue
        return objects

    def ld_types(self) -> set[str]:
        """Every JSON-LD @type on the page."""
        types: set[str] = set()
        for obj in self.json_ld:
            kind = obj.get("@type")
            types.update(t for t in (kind if isinstance(kind, list) else [kind]) if isinstance(t, str))
        return types

    def articles_ld(self) -> list[dict]:
        """JSON-LD objects that describe an article (NewsArticle, BlogPosting, Report…)."""
        found = []
        for obj in self.json_ld:
            kind = obj.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if any(isinstance(k, str) and _ARTICLE_TYPE.search(k) for k in kinds):
                found.append(obj)
        return found

    def body_classes(self) -> set[str]:
        """Class names of the <body> tag (where CMSs say which kind of page they render)."""
        found = _BODY_CLASS.search(self.html)
        return set(found.group(1).casefold().split()) if found else set()

    def stated_url(self) -> str | None:
        """The page's own address: og:url, else its canonical link (possibly relative)."""
        if self.tree is None:
            return None
        links = [h.strip() for h in self.tree.xpath("//link[@rel='canonical']/@href") if h.strip()]
        return next(iter(self.meta("og:url") + links), None)

    def headings(self, tag: str = "h1") -> list[str]:
        """Texts of the page's headings of one level, words kept apart across inline tags."""
        if self.tree is None:
            return []
        return [t for t in (squash(" ".join(h.itertext())) for h in self.tree.iter(tag)) if t]

    def linked_headings(self) -> int:
        """How many h1–h4 contain a link: teaser lists of home and section pages have many."""
        if self.tree is None:
            return 0
        return len(self.tree.xpath("//*[self::h1 or self::h2 or self::h3 or self::h4][.//a]"))

    def link_density(self) -> float:
        """Share of the body's text that is link text."""
        if self.tree is None:
            return 0.0
        body = self.tree.find("body")
        total = len(squash(body.text_content())) if body is not None else 0
        linked = sum(len(squash(a.text_content())) for a in self.tree.iter("a"))
        return linked / total if total else 0.0


_ARTICLE_TYPE = re.compile(r"Article$|^BlogPosting$|^Report$|^LiveBlogPosting$")
