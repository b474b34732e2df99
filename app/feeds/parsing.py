"""Reading a fetched feed with feedparser: RSS 0.9x/1.0/2.0 and Atom → entries with key, link, date."""

import calendar
import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit
from xml.sax import SAXException  # noqa: S406 - the exception type only; feedparser parses

import feedparser

from app.errors import InvalidInput
from app.ingest.urls import source_url_key

FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
    "application/x-rss+xml",
    "application/feed+xml",
    # Outlets serve feeds as these too; feedparser decides whether it is a feed.
    "text/html",
    "text/plain",
    "application/octet-stream",
)


@dataclass(frozen=True)
class FeedItem:
    """One entry of a feed: `key` names it across polls (its link's key, else its id or title)."""

    key: str
    link: str | None
    title: str | None
    published_at: datetime | None


@dataclass(frozen=True)
class ParsedFeed:
    items: list[FeedItem]
    total: int  # entries in the document, before the cap


def _when(entry: dict) -> datetime | None:
    for field in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(field)
        if parsed:
            try:
                return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)
            except (OverflowError, ValueError, OSError):
                return None
    return None


def _link(entry: dict, base: str) -> str | None:
    link = (entry.get("link") or "").strip()
    if not link:
        alternates = [x.get("href") for x in entry.get("links", []) if x.get("rel") == "alternate"]
        link = (alternates[0] or "").strip() if alternates else ""
    if not link:
        return None
    link = urljoin(base, link)
    return link if urlsplit(link).scheme in ("http", "https") else link[:2000]


def _item(entry: dict, base: str) -> FeedItem:
    link = _link(entry, base)
    title = (entry.get("title") or "").strip()[:1000] or None
    if link and urlsplit(link).scheme in ("http", "https"):
        key = source_url_key(link) or link
    else:
        ident = (entry.get("id") or "").strip() or (title or "") + "|" + (link or "")
        key = "id:" + hashlib.sha256(ident.encode()).hexdigest()
    return FeedItem(key=key, link=link[:2000] if link else None, title=title, published_at=_when(entry))


def parse_feed(body: bytes, *, url: str, content_type: str, limit: int) -> ParsedFeed:
    """The feed's entries (at most `limit`, in the feed's order); not a feed → 422 not_a_feed/invalid_xml."""
    parsed = feedparser.parse(body, response_headers={"content-location": url, "content-type": content_type})
    entries = parsed.get("entries", [])
    if not parsed.get("version"):
        raise InvalidInput(f"{url} is not an RSS or Atom feed", code="not_a_feed")
    if isinstance(parsed.get("bozo_exception"), SAXException):
        # feedparser reads broken XML leniently and may invent half entries; refuse it whole.
        raise InvalidInput(f"{url} is not well-formed XML: {parsed['bozo_exception']}", code="invalid_xml")
    unique: dict[str, FeedItem] = {}
    for entry in entries[:limit]:
        item = _item(entry, url)
        unique.setdefault(item.key, item)  # the same article twice in one feed is one entry
    return ParsedFeed(items=list(unique.values()), total=len(entries))
