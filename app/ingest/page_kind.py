"""Is a page one article, or a home, section, staff or product page? Refused unless an article.

The rules, in the order they decide (each has its test in tests/ingest/test_page_kind.py):
1. Pasted markup without a document head is the editor's own choice: an article.
2. A JSON-LD article type or article:published_time declares an article.
3. The CMS's <body> classes: a post ("single-post", "postid-12", "node-type-article") is an
   article; a static page ("page-template-…", "page-id-12") or a home, archive or search page
   ("home", Drupal's "front", "archive", "search-results") is not.
4. The address (the given URL, else og:url or the canonical link) of a tag, category, author,
   archive or search page (courlan's navigation and site-structure filters, a search query) is
   not an article, unless it also has a story's shape (rule 11).
5. A single <article> element declares an article (teaser lists have many), unless its class
   names it a product: a shop's product page.
6. og:type "article" (weaker: site builders put it on every page; it does not count when the
   page's JSON-LD calls the page a plain WebPage) is an article when the page has a date, a
   story's address or no known address; a dateless page at another address is not.
7. A JSON-LD listing, profile, business or product type, or such an og:type, is not an article
   (unless it holds 30 prose paragraphs); og:type "website" alone, which CMSs also put on
   stories, only counts when the page's known address is not a story's.
7a. An undeclared page whose address is the site's root, an index page or a contact, imprint or
   login page (courlan's path filter) is not an article.
8. A <title> that names the page a home page ("Startseite | Site") is not an article.
8a. A <title> part or first heading that names a legal text ("… License v3.0", "Terms of Service",
   "Impressum") is not an article, unless the address has a story's shape.
9. Many linked headlines in a page that is mostly link text is a teaser list.
9a. A page that is mostly link text with almost no text of its own (a menu, index or table of
   contents) is not an article, unless the address has a story's shape.
10. An undeclared page without a publication date is not an article, unless its address has a
   story's shape.
11. A story's address: a date or a long number in the path, or a slug of four words or more.
"""

import re
from urllib.parse import parse_qs, urljoin, urlsplit

import courlan
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
_LISTING_OG = {"website", "profile", "product", "video.other", "music.song", "book", "business.business"}
# A page that calls itself a listing is still an article when its text is this much prose.
_PROSE_PARAGRAPHS = 30
_TEASER_HEADINGS = 10
_TEASER_LINK_DENSITY = 0.4
_LITTLE_TEXT = 300  # characters of extracted paragraphs: a menu or table of contents has less
_LONG = 80  # characters of a paragraph that counts as prose

# Body classes of WordPress (body_class()) and Drupal that name the kind of page rendered.
_POST_CLASS = re.compile(
    r"^(?:single-post|singular-post|postid-\d+|single-format-\w+|(?:page-)?node-type-article)$"
)
_PAGE_CLASS = re.compile(r"^(?:page-template(?:-[\w-]+)?|page-id-\d+)$")
_LISTING_CLASS = {"home", "front", "archive", "search-results", "error404"}  # "front": Drupal's home

# A year followed by a named part ("/2013/middle_east/…", "/2016/12/slug"; not "/2011/12/"), or
# a compact date ("AEN20190820…")
_STORY_DATE = re.compile(r"/(?:19|20)\d\d/(?:\d{1,2}/)*[^/\d][^/]*|(?:19|20)\d\d(?:0[1-9]|1[0-2])[0-3]\d")
_LONG_NUMBER = re.compile(r"(?<!\d)(?!(?:19|20)\d\d(?!\d))\d{4,}(?!\d)")  # a year alone is an archive
_SLUG_WORD = re.compile(r"[^\W\d_]{2,}")
_SEARCH_KEYS = {"s", "q", "query", "search", "suche", "keywords"}


def _address(page: Page, url: str | None) -> tuple[str, str] | None:
    """(path, query) of the page's address: the given URL, else the page's own og:url/canonical."""
    stated = url or page.stated_url()
    if not stated:
        return None
    parts = urlsplit(urljoin(url, stated) if url else stated)
    if not url and parts.netloc and not courlan.filters.domain_filter(parts.netloc):
        return None  # a broken og:url or canonical link ("https://.example.org") says nothing
    return parts.path or "/", parts.query


def _story_shaped(path: str) -> bool:
    """A date, a long number or a slug of four words or more in the path (rule 11)."""
    if _STORY_DATE.search(path) or _LONG_NUMBER.search(path):
        return True
    segments = [re.sub(r"\.\w{2,5}$", "", s) for s in path.split("/") if s]
    return any(len(_SLUG_WORD.findall(s)) >= 4 and re.search(r"[-_+]", s) for s in segments)


def _navigation(path: str, query: str) -> bool:
    """Tag, category, author, archive or search address (courlan's filters on the path)."""
    here = f"https://site.invalid{path}"  # the path alone: courlan reads "?p=12" as paging
    if courlan.is_navigation_page(here) or not courlan.filters.type_filter(here):
        return True
    return bool(_SEARCH_KEYS & {k.casefold() for k in parse_qs(query)})


def _site_root(path: str, query: str) -> bool:
    """The site's root, an index page or a contact, imprint or login page (courlan's path filter)."""
    if query:
        return False  # "/?p=959" is a WordPress post
    return path.strip("/") == "" or not courlan.filters.path_filter(path, query)


def _cms_kind(page: Page) -> str | None:
    """ "post", "page" or "listing" as the CMS's body classes say, else None."""
    classes = page.body_classes()
    if any(_POST_CLASS.match(c) for c in classes):
        return "post"
    if classes & _LISTING_CLASS:
        return "listing"
    if any(_PAGE_CLASS.match(c) for c in classes):
        return "page"
    return None


def _single_article(page: Page) -> str | None:
    """ "article" for one <article> element, "product" when that element is a product's."""
    found = page.tree.xpath("//article") if page.tree is not None else []
    if len(found) != 1:
        return None
    return "product" if "product" in (found[0].get("class") or "").casefold() else "article"


def _hints_article(page: Page) -> bool:
    """og:type article, unless the page's JSON-LD (more specific) calls it a plain WebPage."""
    if "WebPage" in page.ld_types():
        return False
    return "article" in {t.casefold() for t in page.meta("og:type")}


def _is_fragment(page: Page) -> bool:
    """Pasted markup without a document head: the editor's own choice of text."""
    return page.tree is not None and page.tree.find(".//title") is None and not page.meta("og:type")


# A part of the <title> that names the page a home page: "Home | Site", "Site - Startseite"
_HOME_LABEL = re.compile(
    r"(?:^|[|:\-–—»·]\s*)#?\s*(?:home(?:page)?|startseite|accueil|inicio|página inicial|"
    r"pagina iniziale|главная(?: страница)?)\s*(?:$|[|:\-–—»·])",
    re.IGNORECASE,
)


def _titled_home(page: Page) -> bool:
    title = page.tree.findtext(".//title") if page.tree is not None else None
    return bool(title and _HOME_LABEL.search(squash(title)))


# A legal text's name ending a <title> part or heading, a version number allowed after it
_LEGAL_LABEL = re.compile(
    r"(?:licen[cs]e|terms of (?:service|use)|terms and conditions|privacy (?:policy|notice|statement)|"
    r"cookie policy|legal notice|imprint|impressum|datenschutz(?:erklärung)?|nutzungsbedingungen|"
    r"geschäftsbedingungen|agb|mentions légales|conditions générales(?: d'utilisation| de vente)?|"
    r"politique de confidentialité)(?:\s+v?\d+(?:\.\d+)*)?$",
    re.IGNORECASE,
)
_TITLE_PARTS = re.compile(r"\s[|:\-–—»·]\s")
_LABEL_WORDS = 6  # "The GNU General Public License v3.0"; a headline about a licence is longer


def _titled_legal(page: Page) -> bool:
    """A <title> part or the first h1 (else h2) names the page a licence, terms or imprint."""
    title = page.tree.findtext(".//title") if page.tree is not None else None
    parts = _TITLE_PARTS.split(squash(title)) if title else []
    parts += (page.headings("h1") or page.headings("h2"))[:1]
    return any(_LEGAL_LABEL.search(p) and len(p.split()) <= _LABEL_WORDS for p in parts)


def _has_date(page: Page) -> bool:
    try:
        return htmldate.find_date(page.html, extensive_search=False, original_date=True) is not None
    except (ValueError, TypeError):
        return False


def _listing_reason(page: Page, address: tuple[str, str] | None, prose: int) -> str | None:
    """Rule 7: a declared listing, profile or product page; og:type website needs the address."""
    og = {t.casefold() for t in page.meta("og:type")}
    declared = page.ld_types() & _LISTING_TYPES
    if not (declared or og & _LISTING_OG) or prose >= _PROSE_PARAGRAPHS:
        return None
    if not declared and og & _LISTING_OG == {"website"} and (address is None or _story_shaped(address[0])):
        return None
    return "the page declares itself a website or listing"


def not_article_reason(page: Page, paragraphs: list[str], url: str | None = None) -> str | None:
    """Why the page is not one article (None: it is one)."""
    if _is_fragment(page) or page.articles_ld() or page.meta("article:published_time"):
        return None
    cms = _cms_kind(page)
    if cms == "post":
        return None
    if cms is not None:
        return f"the site renders it as a {'static' if cms == 'page' else 'home, archive or search'} page"
    address = _address(page, url)
    story = address is not None and _story_shaped(address[0])
    if address is not None and not story and _navigation(*address):
        return "the page's address is a tag, category, author, archive or search page"
    single = _single_article(page)
    if single == "product":
        return "the page's one <article> element is a product"
    if single:
        return None
    if _hints_article(page):
        if address is None or story or _has_date(page):
            return None
        return "the page has og:type article but no date and no story's address"
    return _undeclared_reason(page, paragraphs, address, story)


def _undeclared_reason(
    page: Page, paragraphs: list[str], address: tuple[str, str] | None, story: bool
) -> str | None:
    """Rules 7 to 10, for a page that declares no article."""
    reason = _listing_reason(page, address, sum(len(p) >= _LONG for p in paragraphs))
    if reason:
        return reason
    if address is not None and _site_root(*address):
        return "the page's address is the site's home, an index, contact, imprint or login page"
    if _titled_home(page):
        return "the page's title calls it a home page"
    if page.linked_headings() >= _TEASER_HEADINGS and page.link_density() >= _TEASER_LINK_DENSITY:
        return "the page is a list of linked headlines"
    if not story and _titled_legal(page):
        return "the page's title names a legal text (licence, terms, imprint)"
    if not story and page.link_density() >= _TEASER_LINK_DENSITY and sum(map(len, paragraphs)) < _LITTLE_TEXT:
        return "the page is mostly links with almost no text of its own"
    if not story and not _has_date(page):
        return "the page states no publication date"
    return None
