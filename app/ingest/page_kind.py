"""Is a page one article, or a home, section, staff or product page? Refused unless an article.

The page's own declaration decides first: a JSON-LD article type, article:published_time or a
single <article> element. og:type "article" is weaker (site builders put it on every page): it
does not count when the page's JSON-LD, more specific, calls the page a plain WebPage.
An undeclared page is an article only when it has a publication date and is not a teaser list.
"""

import re

import htmldate

from app.ingest.page import Page, squash

_LISTING_TYPES = {
    "CollectionPage",
    "ItemList",
    "ProfilePage",
    "SearchResultsPage",
    "AboutPage",
    "ContactPage",
    "WebPage",  # only when no article type is declared: a site's plain page
    # a page about a business or a product is its profile or shop page, not a story
    "LocalBusiness",
    "Product",
}
_LISTING_OG = {"website", "profile", "product", "video.other", "music.song", "book"}
# A page that calls itself a listing is still an article when its text is this much prose.
_PROSE_PARAGRAPHS = 30
_TEASER_HEADINGS = 10
_TEASER_LINK_DENSITY = 0.4
_LONG = 80  # characters of a paragraph that counts as prose


def _declares_article(page: Page) -> bool:
    if page.tree is not None and len(page.tree.xpath("//article")) == 1:
        return True  # one <article> element; teaser lists have none or many
    return bool(page.articles_ld() or page.meta("article:published_time"))


def _hints_article(page: Page) -> bool:
    """og:type article, unless the page's JSON-LD (more specific) calls it a plain WebPage."""
    if "WebPage" in page.ld_types():
        return False
    return "article" in {t.casefold() for t in page.meta("og:type")}


def _is_fragment(page: Page) -> bool:
    """Pasted markup without a document head: the editor's own choice of text."""
    return page.tree is not None and page.tree.find(".//title") is None and not page.meta("og:type")


def _declares_listing(page: Page) -> bool:
    og = {t.casefold() for t in page.meta("og:type")}
    return bool(og & _LISTING_OG or page.ld_types() & _LISTING_TYPES)


# A part of the <title> that names the page a home page: "Home | Site", "Site - Startseite"
_HOME_LABEL = re.compile(
    r"(?:^|[|:\-–—»·]\s*)#?\s*(?:home(?:page)?|startseite|accueil|inicio|página inicial|"
    r"pagina iniziale|главная(?: страница)?)\s*(?:$|[|:\-–—»·])",
    re.IGNORECASE,
)


def _titled_home(page: Page) -> bool:
    title = page.tree.findtext(".//title") if page.tree is not None else None
    return bool(title and _HOME_LABEL.search(squash(title)))


def _has_date(page: Page) -> bool:
    try:
        return htmldate.find_date(page.html, extensive_search=False, original_date=True) is not None
    except (ValueError, TypeError):
        return False


def not_article_reason(page: Page, paragraphs: list[str]) -> str | None:
    """Why the page is not one article (None: it is one)."""
    if _declares_article(page) or _is_fragment(page):
        return None
    if _hints_article(page):
        return None  # a date is not required: real articles without a machine-readable date exist
    prose = sum(len(p) >= _LONG for p in paragraphs)
    if _declares_listing(page):
        return None if prose >= _PROSE_PARAGRAPHS else "the page declares itself a website or listing"
    if _titled_home(page):
        return "the page's title calls it a home page"
    if page.linked_headings() >= _TEASER_HEADINGS and page.link_density() >= _TEASER_LINK_DENSITY:
        return "the page is a list of linked headlines"
    if not _has_date(page):
        return "the page states no publication date"
    return None
