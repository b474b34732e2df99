"""A page's title, authors and publication time: the page's own metadata first, generic rules after."""

import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import htmldate

from app.ingest.page import Page, squash

# Separators between a headline and the site or section names around it.
_SEPARATORS = re.compile(
    r"(\s+(?:\||-{1,2}|–|—|»|«|›|‹|::|·)\s+|(?<=\S)-(?=[^\x00-\x7f])|(?<=[^\x00-\x7f])-(?=\S))"
)
_TOKEN = re.compile(r"\w+")
# Words that name an organisation or a desk, not a person.
_NOT_A_PERSON = re.compile(
    r"\b(desk|staff|wire|news|agency|press|media|editorial|redaktion|team|reuters|associated|"
    r"submitted|print|updated|admin|contributors?)\b|https?:|www\.|@",
    re.IGNORECASE,
)
_NAMED_ZONE = re.compile(r"(?<=\d)\s*([A-Z]{3,5})$")
_BY = re.compile(r"^(?:by|von|от|автор)\s*:?\s+", re.IGNORECASE)
_NAME_SPLIT = re.compile(r"\s*(?:[,;|/]|\band\b|\bund\b|\bи\b|&)\s*", re.IGNORECASE)


def _tokens(text: str) -> set[str]:
    return set(_TOKEN.findall(text.casefold()))


def _is_site(part: str, site_names: list[str]) -> bool:
    key = part.casefold().replace(" ", "")
    return any(key and (key in s or s in key) for s in site_names if s)


def strip_site_name(title: str, site_names: list[str]) -> str:
    """The headline without site, section and breadcrumb parts at either end ("… | CNN Politics")."""
    names = [n.casefold().replace(" ", "") for n in site_names if n]
    for name in site_names:  # "Site name: Headline" or "Site name | tagline: Headline"
        if name and title.casefold().startswith(name.casefold()) and len(title) > len(name) + 10:
            rest = title[len(name) :].lstrip(" :|-–—»«›‹")
            if rest != title[len(name) :]:
                title = rest
    pieces = _SEPARATORS.split(title)  # text, separator, text, … (separators captured)
    while len(pieces) > 1:
        texts = pieces[::2]
        for end in (-1, 0):
            part = texts[end].strip()
            remaining = " ".join(texts[:-1] if end == -1 else texts[1:])
            short_label = len(part.split()) <= 4 and len(remaining.split()) >= 3
            if _is_site(part, names) or (short_label and len(part) < len(remaining) / 2):
                pieces = pieces[:-2] if end == -1 else pieces[2:]
                break
        else:
            break
    return squash("".join(pieces))


def _similar(a: str, b: str) -> float:
    x, y = _tokens(a), _tokens(b)
    return len(x & y) / len(x | y) if x | y else 0.0


def _continues(title: str, h1: str, site_names: list[str]) -> bool:
    """The h1 is the metadata title's sentence followed by more of the headline ("Hydrogen as a key
    technology. The chancellor visits …"): the metadata kept only the first sentence."""
    if not title.endswith((".", "!", "?")) or not h1.casefold().startswith(title.casefold()):
        return False
    rest = h1[len(title) :].strip()
    names = [n.casefold().replace(" ", "") for n in site_names if n]
    return (
        len(rest.split()) >= 3
        and rest[:1].isupper()
        and not _BY.match(rest)
        and not _SEPARATORS.match(" " + rest)
        and not _is_site(rest, names)
    )


def page_title(page: Page, found: str | None, site_names: list[str]) -> str | None:
    """The headline as the page shows it: its h1 when that matches the metadata title, else the
    metadata title without the site name."""
    # The page's own metadata before trafilatura's guess, which may be a sidebar's heading
    candidates = page.meta("og:title", "twitter:title")
    if page.tree is not None and page.tree.findtext(".//title"):
        candidates.append(squash(page.tree.findtext(".//title")))
    candidates += [found] if found else []
    names = {n.casefold().replace(" ", "").removeprefix("www.") for n in site_names if n}
    cleaned = [strip_site_name(c, site_names) for c in candidates]
    cleaned = [c for c in cleaned if c.casefold().replace(" ", "").removeprefix("www.") not in names]
    norm = lambda s: squash(s.replace("’", "'").replace("‘", "'")).casefold()  # noqa: E731
    for h1 in page.headings("h1"):
        if any(norm(h1) in norm(c) and len(h1) >= len(c) / 3 for c in candidates):
            return h1
    best = next((c for c in cleaned if c), None)
    for h1 in page.headings("h1"):
        if best and _continues(best, h1, site_names):
            return h1
    for h1 in page.headings("h1"):
        if best and _similar(h1, best) >= 0.6:
            # an h1 that only adds words to the title carries a site name or byline: keep the title
            return best if norm(best) in norm(h1) else h1
    return best


def _person_names(raw: str, site_names: list[str]) -> list[str]:
    names = []
    for part in _NAME_SPLIT.split(_BY.sub("", squash(raw))):
        part = _BY.sub("", part.strip(" .:"))
        if len(part.split()) < 2 or len(part) > 60 or _NOT_A_PERSON.search(part):
            continue
        if _is_site(part, [n.casefold().replace(" ", "") for n in site_names if n]):
            continue
        names.append(part)
    return list(dict.fromkeys(names))


def _ld_people(page: Page) -> list[str]:
    people = []
    for obj in page.articles_ld():
        authors = obj.get("author")
        for author in authors if isinstance(authors, list) else [authors]:
            if isinstance(author, dict) and author.get("@type") in ("Person", None):
                people.append(str(author.get("name") or ""))
            elif isinstance(author, str):
                people.append(author)
    return [p for p in people if p]


def page_authors(page: Page, found: str | None, site_names: list[str]) -> str | None:
    """People who wrote the article, "; "-separated: JSON-LD persons, meta author, then trafilatura's."""
    owners = site_names + page.meta("copyright", "dcterms.rightsHolder", "og:site_name")
    for raw in [_ld_people(page), page.meta("author", "article:author", "dc.creator"), [found or ""]]:
        names = [n for r in raw for n in _person_names(r, owners)]
        if names:
            return "; ".join(dict.fromkeys(names))
    return None


def _parse(value: str) -> datetime | None:
    value = value.strip()
    zone = None
    if named := _NAMED_ZONE.search(value):  # "2021-01-03T17:40:00EET": a zone by its name
        try:
            zone = ZoneInfo(named.group(1))
        except (ZoneInfoNotFoundError, ValueError, OSError):
            return None
        value = value[: named.start()]
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if zone is not None and parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=zone)
    # A time without offset or a bare date: read as UTC (a bare date keeps its calendar day).
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def page_published(page: Page, found: str | None) -> datetime | None:
    """Publication time with its time of day: JSON-LD, then OpenGraph/meta, then the page's
    marked-up publication time (<time pubdate>, itemprop datePublished), then htmldate."""
    stated = [str(o.get("datePublished") or "") for o in page.articles_ld()]
    stated += page.meta("article:published_time", "datePublished", "og:published_time", "pubdate")
    if page.tree is not None:  # htmldate reads these too, but keeps only their day
        stated += page.tree.xpath("//time[@pubdate]/@datetime | //*[@itemprop='datePublished']/@datetime")
    for value in stated:
        if value and (parsed := _parse(value)):
            return parsed.astimezone(UTC)
    try:
        guess = htmldate.find_date(
            page.html, extensive_search=False, original_date=True, outputformat="%Y-%m-%dT%H:%M:%S%z"
        )
    except (ValueError, TypeError):
        guess = None
    parsed = _parse(guess) if guess else None
    if parsed is None and found:
        parsed = _parse(found)
    return parsed.astimezone(UTC) if parsed else None
