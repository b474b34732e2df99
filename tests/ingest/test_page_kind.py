"""One test per rule of app/ingest/page_kind.py: which pages are refused as not one article."""

import pytest

from app.errors import InvalidInput
from app.ingest.extract import extract_html
from app.ingest.page import Page
from app.ingest.page_kind import _story_shaped, not_article_reason

PARA = "The talks in Geneva resumed on Monday after a long pause, officials from both delegations said in a statement."
BODY = f"<h1>Talks resume in Geneva</h1><p>{PARA}</p><p>{PARA} Again.</p>"


def html(head: str = "", body: str = BODY, body_attrs: str = "") -> str:
    return f"<html><head><title>Talks resume | Example</title>{head}</head><body{body_attrs}>{body}</body></html>"


def reason(page_html: str, url: str | None = None) -> str | None:
    return not_article_reason(Page(page_html), [PARA, PARA], url)


def refused(page_html: str, url: str | None = None) -> str:
    with pytest.raises(InvalidInput) as info:
        extract_html(page_html, url=url)
    assert info.value.code == "not_an_article"
    assert extract_html(page_html, url=url, force=True).blocks  # force ingests it anyway
    return info.value.extra["reason"]


def test_rule_1_pasted_markup_without_head_is_an_article():
    assert reason(f"<div><p>{PARA}</p><p>{PARA}</p></div>") is None


def test_rule_2_json_ld_article_or_published_time_declares_an_article():
    ld = '<script type="application/ld+json">{"@type": "NewsArticle"}</script><meta property="og:type" content="website">'
    assert reason(html(ld), url="https://example.org/") is None
    published = '<meta property="article:published_time" content="2024-05-12T10:00:00Z">'
    assert reason(html(published)) is None


@pytest.mark.parametrize(
    "classes", ["post-template-default single single-post postid-548", "node-type-article page-node"]
)
def test_rule_3_a_cms_post_is_an_article_even_without_date_or_og(classes):
    # og:type website and no date would refuse it otherwise (rules 7 and 10)
    head = '<meta property="og:type" content="website"><meta property="og:url" content="https://example.org/news/">'
    assert reason(html(head, body_attrs=f' class="{classes}"')) is None


def test_rule_3_a_cms_post_class_is_read_behind_output_before_the_document():
    page_html = "<br /><b>Warning</b>: undefined constant<br />" + html(
        body_attrs=' class="single single-post postid-12"'
    )
    assert Page(page_html).body_classes() >= {"single-post", "postid-12"}
    assert reason(page_html) is None


@pytest.mark.parametrize(
    ("classes", "kind"),
    [
        ("page-template-default page page-id-353", "static"),
        ("archive category category-news", "home, archive or search"),
        ("home blog", "home, archive or search"),
        ("search search-results", "home, archive or search"),
        ("html front no-sidebars page-node", "home, archive or search"),  # Drupal's front page
    ],
)
def test_rule_3_a_cms_static_or_listing_page_is_refused(classes, kind):
    head = '<meta property="og:type" content="article">'
    assert refused(html(head, body_attrs=f' class="{classes}"')) == f"the site renders it as a {kind} page"


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/tag/geneva/",
        "https://example.org/category/politics/",
        "https://example.org/author/anna-muster/",
        "https://example.org/2011/",
        "https://example.org/suche/?q=genf",
    ],
)
def test_rule_4_navigation_addresses_are_refused(url):
    assert refused(html(), url=url) == "the page's address is a tag, category, author, archive or search page"


def test_rule_4_og_url_counts_when_no_url_is_given_and_a_story_shape_wins():
    head = '<meta property="og:url" content="https://example.org/tag/geneva/">'
    assert refused(html(head)).startswith("the page's address is a tag")
    story = "https://example.org/category/politics/talks-resume-in-geneva-after-pause"
    assert reason(html(), url=story) is None
    dated = '<meta name="date" content="2024-05-12">'
    assert reason(html(dated), url="https://example.org/?p=959") is None  # a WordPress post id, not paging


def test_rule_5_one_article_element_declares_an_article_but_a_product_does_not():
    undated = '<meta property="og:type" content="website"><meta property="og:url" content="https://example.org/about/">'
    assert reason(html(undated, body=f"<article>{BODY}</article>")) is None
    product = html(undated, body=f'<article class="product_page">{BODY}</article>')
    assert refused(product) == "the page's one <article> element is a product"
    dated = '<meta name="date" content="2024-05-12">'
    assert refused(html(dated, body=f'<article class="product_page">{BODY}</article>'))


def test_rule_6_og_article_needs_a_date_a_story_address_or_no_address():
    og = '<meta property="og:type" content="article">'
    assert reason(html(og)) is None  # no address known: benefit of the doubt
    assert reason(html(og), url="https://example.org/news/119843/come-together") is None
    dated = og + '<meta name="date" content="2024-05-12">'
    assert reason(html(dated), url="https://example.org/services/debt-collection") is None
    assert refused(html(og), url="https://example.org/services/debt-collection") == (
        "the page has og:type article but no date and no story's address"
    )


def test_rule_7_og_website_counts_only_at_an_address_that_is_not_a_story():
    website = '<meta property="og:type" content="website"><meta name="date" content="2024-05-12">'
    assert (
        refused(html(website), url="https://example.org/") == "the page declares itself a website or listing"
    )
    assert refused(html(website), url="https://example.org/campaigns/forests/asia-pacific/")
    assert (
        reason(html(website), url="https://example.org/aktuell/2687.swine-fever-genome-editing.html") is None
    )
    assert reason(html(website)) is None  # no address, a date: the later rules decide


def test_rule_7_a_business_og_type_is_refused():
    head = '<meta property="og:type" content="business.business"><meta name="date" content="2024-05-12">'
    assert refused(html(head)) == "the page declares itself a website or listing"


DATED = '<meta name="date" content="2024-05-12">'  # so that rule 10 does not decide first


@pytest.mark.parametrize(
    "url", ["https://example.org/", "https://example.org/de/index.html", "https://example.org/kontakt"]
)
def test_rule_7a_the_site_root_an_index_or_contact_page_is_refused(url):
    assert refused(html(DATED), url=url) == (
        "the page's address is the site's home, an index, contact, imprint or login page"
    )


def test_rule_7a_a_post_id_query_on_the_root_or_an_og_article_is_not_a_home_page():
    assert reason(html(DATED), url="https://example.org/?p=959") is None
    og = '<meta property="og:type" content="article"><meta property="og:url" content="https://example.org/">'
    assert reason(html(og + DATED)) is None  # og:type article with a date: rule 6 decided


def test_rule_7a_a_broken_canonical_link_is_no_address():
    broken = '<link rel="canonical" href="https://.example.org" />'  # no host name before the dot
    assert reason(html(DATED + broken)) is None
    assert refused(html(DATED + '<link rel="canonical" href="https://example.org" />')).startswith(
        "the page's address is the site's home"
    )


@pytest.mark.parametrize(
    "title",
    [
        "The GNU General Public License v3.0 - GNU Project - Free Software Foundation",
        "Terms of Service | Example",
        "Impressum – Example GmbH",
    ],
)
def test_rule_8a_a_title_naming_a_legal_text_is_refused(title):
    page_html = html(DATED).replace("<title>Talks resume | Example</title>", f"<title>{title}</title>")
    assert refused(page_html) == "the page's title names a legal text (licence, terms, imprint)"


def test_rule_8a_a_headline_about_a_licence_or_a_story_address_is_an_article():
    headline = "<title>Ten years on, developers still argue about the GNU General Public License</title>"
    assert reason(html(DATED).replace("<title>Talks resume | Example</title>", headline)) is None
    terms = html(DATED).replace("Talks resume | Example", "Terms of Service")
    assert reason(terms, url="https://example.org/2024/05/12/terms-of-service") is None


def test_rule_9a_a_page_of_links_with_almost_no_text_is_refused():
    toc = "".join(f'<li><a href="/{i}.html">Chapter {i}: installation and usage</a></li>' for i in range(20))
    page_html = html(DATED, body=f"<h1>Docs</h1><p>Welcome to the docs.</p><ul>{toc}</ul>")
    assert (
        not_article_reason(Page(page_html), ["Welcome to the docs."])
        == "the page is mostly links with almost no text of its own"
    )
    assert not_article_reason(Page(page_html), [PARA, PARA, PARA]) is None  # its own text: rule 10 decides
    story = "https://example.org/news/2024/talks-resume-in-geneva"
    assert not_article_reason(Page(page_html), ["Welcome to the docs."], story) is None


def test_rule_10_no_date_is_refused_unless_the_address_is_a_story():
    assert (
        refused(html(), url="https://example.org/chronik/zahlen-und-daten/")
        == "the page states no publication date"
    )
    assert reason(html(), url="https://example.org/der-neue-trend-muss-statt-wunschkoalition/") is None


@pytest.mark.parametrize(
    ("path", "story"),
    [
        ("/2013/middle_east/8/3/syria.clashes/index.html", True),
        ("/view/AEN20190820002300325", True),
        ("/news/119843/Come-Together", True),
        ("/infos/putsch-1145", True),
        ("/2016/12/python-360-is-now-available.html", True),
        ("/2011/", False),
        ("/2011/12/", False),
        ("/ldtblog/fall-in-love-with-black/", True),
        ("/", False),
        ("/en", False),
        ("/team", False),
        ("/unsere-projekte/", False),
        ("/chronik/zahlen-und-daten/", False),
        ("/de/spezialisierung/internationale-forderungsbeitreibung", False),
    ],
)
def test_rule_11_story_shaped_addresses(path, story):
    assert _story_shaped(path) is story
