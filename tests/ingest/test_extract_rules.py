"""Extraction rules on small real-shaped pages: no glued words, clean titles, people, times, non-articles."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.errors import InvalidInput
from app.ingest.extract import extract_html
from app.ingest.markup import prepared_html
from app.ingest.metadata import strip_site_name

PARA = "The talks in Geneva resumed on Monday after a long pause, officials from both delegations said in a statement."


def page(body: str, head: str = "") -> str:
    return f"<html><head><title>Talks resume | Example News</title>{head}</head><body><article>{body}</article></body></html>"


def test_no_glued_words_at_inline_tags():
    html = page(
        f"<h1>Talks resume</h1><p>The <em>New York Times</em> claimed a “misguided<em> </em>policy” yesterday. {PARA}</p>"
    )
    text = " ".join(b.text for b in extract_html(html).blocks)
    assert "New York Times claimed" in text and "misguided policy" in text


def test_line_breaks_do_not_cut_or_glue_sentences():
    html = page(
        f"<h1>Talks resume</h1><p>{PARA}<br><br>In its coverage the <em>Times</em><br>reported it.<br>SENAIN.<br>His lawyer said so.</p>"
    )
    text = " ".join(b.text for b in extract_html(html).blocks)
    assert "Times reported" in text and "SENAIN. His" in text


def test_no_glued_words_across_a_block_inside_a_paragraph():
    body = (
        f'<h1>Talks resume</h1><div class="text">{PARA} He came back with exciting news.'
        '<div class="image"><img src="a.png"></div>"From now on, we play in the first division," he said.'
        f"<br><br>{PARA}</div>"
    )
    text = " ".join(b.text for b in extract_html(page(body)).blocks)
    assert 'news. "From now on' in text


NESTED_LISTS = Path(__file__).parent / "pages" / "nested_lists.html"


def test_nested_list_items_are_blocks_of_their_own_and_never_glued():
    found = extract_html(NESTED_LISTS.read_text(encoding="utf-8"))
    paragraphs = [b.text for b in found.blocks if b.kind == "paragraph"]
    words = " ".join(paragraphs).split()
    assert not [w for w in words if w in ("speichern.Die", "(Strg+A)Skalieren", "beheben.Den")]
    # the item keeps its own words; each nested item is one block, in page order, said once
    assert "Die Kopie bereinigen, das heißt:" in paragraphs
    assert "Den Maßstab prüfen" in paragraphs
    nested = ["Die Datei wiederherstellen und dann speichern.", "alle Objekte wählen (Strg+A)"]
    assert all(paragraphs.count(item) == 1 for item in nested)
    assert paragraphs.index(nested[0]) < paragraphs.index("Den Maßstab prüfen") < paragraphs.index(nested[1])


def test_empty_elements_are_left_alone_where_no_words_follow():
    kept = prepared_html('<p>One.</p><div class="ad"></div><p>Two <span></span></p>')
    assert '<div class="ad">' in kept and "<span></span>" in kept and "<br>" not in kept
    assert prepared_html("<p>One</p><div></div>Two") == "<p>One</p><br>Two"


@pytest.mark.parametrize(
    "empty", ["<div>\n<br /></div>", "<div></div>", "<p><br></p>", "<div><div><br></div></div>"]
)
def test_text_after_an_empty_block_is_kept(empty):
    html = page(
        f"<h1>Talks resume</h1><div class='post-body'>\n{PARA}<br />\nThe delegations met again on Tuesday.<br />\n"
        f"{empty}\nFurther rounds will follow at regular intervals.<br />\nWe hope for the best.</div>"
    )
    text = " ".join(b.text for b in extract_html(html).blocks)
    assert "Tuesday. Further rounds will follow at regular intervals. We hope" in text


@pytest.mark.parametrize("empty", ["<b></b>", "<span class='icon'></span>", "<em> </em>"])
def test_text_after_an_empty_inline_element_is_kept(empty):
    sentence = "The delegations met again on Tuesday, and more talks will follow at regular intervals."
    html = page(
        f"<h1>Talks resume</h1><p>{PARA} {sentence.replace(' met', empty + ' met', 1)}</p><p>{PARA}</p>"
    )
    assert sentence in " ".join(b.text for b in extract_html(html).blocks)


@pytest.mark.parametrize(
    ("title", "names", "expected"),
    [
        ("Takeaways from the trial | CNN Politics", ["CNN"], "Takeaways from the trial"),
        (
            "N. Korea slams S. Korea for joint drill | Yonhap News Agency",
            ["Yonhap News Agency"],
            "N. Korea slams S. Korea for joint drill",
        ),
        (
            "The American friends: new court files -- Sott.net",
            ["sott.net"],
            "The American friends: new court files",
        ),
        (
            "LinkNaija | Nigeria's popular news platform: Kate Henshaw in new photos",
            ["LinkNaija | Nigeria's popular news platform"],
            "Kate Henshaw in new photos",
        ),
        (
            "Anticorrupción decidirá en Madrid si recurre » Local » Noticias » Ultima Hora Mallorca",
            [],
            "Anticorrupción decidirá en Madrid si recurre",
        ),
        ("短缺药品保供稳价 全力保障临床用药需求-新华网", ["新华网"], "短缺药品保供稳价 全力保障临床用药需求"),
        ("Putin – Xi", [], "Putin – Xi"),  # a short headline keeps its dash
        (
            "Guinée : un braconnier condamné à la peine maximale ! ‹ Example Project",
            [],
            "Guinée : un braconnier condamné à la peine maximale !",
        ),
    ],
)
def test_site_names_are_stripped_from_titles(title, names, expected):
    assert strip_site_name(title, names) == expected


def test_h1_is_the_title_and_not_repeated_as_a_heading():
    html = page(
        f"<p>Analysis</p><h1>Talks resume in Geneva</h1><p>{PARA}</p><h2>Next steps</h2><p>{PARA} Again.</p>",
        head='<meta property="og:title" content="Analysis: Talks resume in Geneva | Example News">',
    )
    found = extract_html(html)
    assert found.title == "Talks resume in Geneva"
    assert [b.text for b in found.blocks if b.kind == "heading"] == ["Next steps"]


@pytest.mark.parametrize(
    ("h1", "title"),
    [
        # the metadata title is the h1's first sentence: the whole h1 is the headline, said once
        ("Talks resume in Geneva. Both delegations return after a long pause.", None),
        # what follows the metadata title is a byline or the site's name: the metadata title stays
        ("Talks resume in Geneva. By Jane Doe", "Talks resume in Geneva."),
        ("Talks resume in Geneva. Example News", "Talks resume in Geneva."),
    ],
)
def test_an_h1_that_continues_the_metadata_title_is_the_title(h1, title):
    html = page(
        f"<h1>{h1}</h1><p>{PARA}</p><h2>Next steps</h2><p>{PARA} Again.</p>",
        head='<meta property="og:title" content="Talks resume in Geneva."><meta property="og:site_name" content="Example News">',
    )
    found = extract_html(html)
    assert found.title == (title or h1)
    if title is None:
        assert [b.text for b in found.blocks if b.kind == "heading"] == ["Next steps"]


def test_the_pages_title_wins_over_a_sidebar_heading_and_a_bare_site_name_is_no_title():
    sidebar = (
        "<html><head><title>Talks resume in Geneva after a long pause ‹ Example Project</title>"
        '<meta name="date" content="2024-05-12"></head><body>'
        '<aside><h2 class="widgettitle">Magazine of the month</h2></aside>'
        "<h3>Talks resume in Geneva after a long pause</h3>"
        f"<p>{PARA}</p><p>{PARA} Again.</p></body></html>"
    )
    assert extract_html(sidebar).title == "Talks resume in Geneva after a long pause"
    bare = (
        '<html><head><title>example.org</title><meta name="date" content="2024-05-12">'
        '<meta property="og:site_name" content="example.org">'
        f"</head><body><h2>Talks resume in Geneva</h2><p>{PARA}</p><p>{PARA} Again.</p></body></html>"
    )
    assert extract_html(bare).title == "Talks resume in Geneva"


def test_authors_keep_dots_and_drop_organisations():
    head = (
        '<meta itemprop="author" content="Dana A. Ford, James S.A. Corey, and Tom Watkins, CNN">'
        '<meta property="og:site_name" content="CNN">'
    )
    assert (
        extract_html(page(f"<h1>Talks resume</h1><p>{PARA}</p>", head)).author
        == "Dana A. Ford; James S.A. Corey; Tom Watkins"
    )


def test_json_ld_person_wins_over_the_publisher_in_meta_author():
    head = (
        '<meta name="author" content="Condé Nast"><script type="application/ld+json">'
        '{"@type": "NewsArticle", "author": [{"@type": "Person", "name": "Tom Bennett"}],'
        ' "datePublished": "2023-11-07T02:00:00.000-05:00"}</script>'
    )
    found = extract_html(page(f"<h1>Talks resume</h1><p>{PARA}</p>", head))
    assert found.author == "Tom Bennett"
    assert found.published_at == datetime(2023, 11, 7, 7, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        (
            '<meta property="article:published_time" content="2023-11-02T19:53:52Z">',
            datetime(2023, 11, 2, 19, 53, 52, tzinfo=UTC),
        ),
        (
            '<meta property="article:published_time" content="2021-01-03T17:40:00EET">',
            datetime(2021, 1, 3, 15, 40, tzinfo=UTC),
        ),
        ('<meta property="article:published_time" content="2022-01-12">', datetime(2022, 1, 12, tzinfo=UTC)),
    ],
)
def test_dates_keep_their_time(meta, expected):
    assert extract_html(page(f"<h1>Talks resume</h1><p>{PARA}</p>", meta)).published_at == expected


@pytest.mark.parametrize(
    "marked",
    [
        '<time pubdate="pubdate" datetime="2019-06-09T17:00:00Z">Publié le 9 juin 2019</time>',
        '<time itemprop="datePublished" datetime="2019-06-09T19:00:00+02:00">9.6.2019</time>',
    ],
)
def test_a_marked_up_publication_time_keeps_its_time(marked):
    assert extract_html(page(f"<h1>Talks resume</h1>{marked}<p>{PARA}</p>")).published_at == datetime(
        2019, 6, 9, 17, 0, tzinfo=UTC
    )


HOME = (
    """<html><head><title>Example News - Breaking news, world, business</title>
<meta property="og:type" content="website"></head><body>
<div class="teasers">"""
    + "".join(
        f'<div class="card"><h3><a href="/story/{i}">Story {i} headline about the world</a></h3>'
        f"<p>Teaser {i}: {PARA}</p></div>"
        for i in range(12)
    )
    + "</div></body></html>"
)

STAFF = """<html><head><title>Team</title></head><body><h1>Unser Team</h1>
<div><p>Anna Muster ist Geschäftsführerin und leitet seit vielen Jahren die Entwicklung neuer Produkte für unsere Kunden.</p>
<p>Bernd Beispiel betreut als Projektleiter die Kundschaft im Raum Zürich und kümmert sich um alle Fragen der Technik.</p></div>
</body></html>"""


TITLED_HOME = f"""<html><head><title>Example Tourism - Startseite | Example</title></head><body>
<p>{PARA}</p><p>Published 2024-05-12. {PARA}</p></body></html>"""

BUSINESS = f"""<html><head><title>Example Tourism</title>
<script type="application/ld+json">{{"@type": "LocalBusiness", "name": "Example Tourism"}}</script></head>
<body><p>{PARA}</p><p>Published 2024-05-12. {PARA}</p></body></html>"""


# Site builders mark every page og:type "article": a page whose JSON-LD says it is a plain
# WebPage is not one, even with a modification date
WEBPAGE_LD = f"""<html><head><title>Eyelid surgery | Example Clinic</title>
<meta property="og:type" content="article"><meta property="article:modified_time" content="2018-02-28T10:00:00+00:00">
<script type="application/ld+json">{{"@graph": [{{"@type": "WebPage", "dateModified": "2018-02-28"}},
{{"@type": "Organization", "name": "Example Clinic"}}]}}</script></head>
<body><h1>Eyelid surgery</h1><p>{PARA}</p><p>{PARA}</p></body></html>"""


@pytest.mark.parametrize(
    "html",
    [HOME, STAFF, TITLED_HOME, BUSINESS, WEBPAGE_LD],
    ids=["home", "staff", "titled-home", "business-profile", "webpage-json-ld"],
)
def test_non_articles_are_refused_unless_forced(html):
    with pytest.raises(InvalidInput) as info:
        extract_html(html)
    assert info.value.code == "not_an_article"
    assert extract_html(html, force=True).blocks


def test_broken_or_deeply_nested_json_ld_is_ignored():
    nested = "[" * 5000 + "]" * 5000
    head = f'<script type="application/ld+json">{{"@type": "NewsArticle", "author": </script><script type="application/ld+json">{nested}</script>'
    head += '<meta property="article:published_time" content="2021-01-03T17:40:00XYZ">'
    found = extract_html(page(f"<h1>Talks resume</h1><p>{PARA}</p>", head))
    assert found.title == "Talks resume" and found.blocks


@pytest.mark.parametrize(
    "title", ["Home sweet home: a family returns | Example News", "Inicio de la temporada - Example"]
)
def test_home_words_inside_a_headline_do_not_refuse_an_article(title):
    html = f"<html><head><title>{title}</title></head><body><p>Published 2024-05-12. {PARA}</p><p>{PARA}</p></body></html>"
    assert extract_html(html).blocks


@pytest.mark.parametrize(
    "head",
    [
        '<meta property="og:type" content="article">',  # no machine-readable date: still an article
        '<script type="application/ld+json">{"@type": "WebPage", "mainEntity": {"@type": "NewsArticle",'
        ' "headline": "Talks resume"}}</script>',
    ],
    ids=["undated-og-article", "webpage-with-news-article"],
)
def test_dated_or_declared_articles_are_accepted(head):
    html = f"<html><head><title>Talks resume | Example News</title>{head}</head><body><h1>Talks resume</h1><p>{PARA}</p><p>{PARA}</p></body></html>"
    assert extract_html(html).blocks


CAPTION = "Protesters hold a banner in memory of a victim, Paris, 16 March 2019"


@pytest.mark.parametrize("attr", ["alt", "title"])
def test_a_caption_repeating_its_images_alt_or_title_is_dropped(attr):
    figure = f'<span><div class="media"><img src="a.jpg" {attr}="{CAPTION}"> <span class="legend">{CAPTION}</span></div></span>'
    html = page(f"<h1>Talks resume</h1><p>{PARA}</p><p>{figure} {PARA} Again.</p>")
    text = " ".join(b.text for b in extract_html(html).blocks)
    assert "Protesters hold a banner" not in text and f"{PARA} Again." in text


def test_text_beside_an_image_with_another_or_a_short_alt_is_kept():
    other = f'<p><img src="a.jpg" alt="A banner in Paris"> <span>{CAPTION}</span></p>'
    short = '<p><img src="b.jpg" alt="Geneva"> <span>Geneva</span> is where the talks resumed on Monday.</p>'
    text = " ".join(
        b.text for b in extract_html(page(f"<h1>Talks resume</h1><p>{PARA}</p>{other}{short}")).blocks
    )
    assert CAPTION in text and "Geneva is where the talks resumed" in text
