"""WXR 1.2: parsed with lxml, every required element checked."""

from datetime import UTC, date, datetime

from lxml import etree

from app.exporters import html, wxr
from app.exporters.types import PostBlock
from app.exporters.xmltext import cdata
from testkit.sample_posts import sample_post

NS = wxr.NAMESPACES
REQUIRED_ITEM = [
    "title",
    "link",
    "pubDate",
    "dc:creator",
    "guid",
    "description",
    "content:encoded",
    "excerpt:encoded",
    "wp:post_id",
    "wp:post_date",
    "wp:post_date_gmt",
    "wp:comment_status",
    "wp:ping_status",
    "wp:post_name",
    "wp:status",
    "wp:post_parent",
    "wp:menu_order",
    "wp:post_type",
    "wp:post_password",
    "wp:is_sticky",
]


def _parse(xml: str) -> etree._Element:
    parser = etree.XMLParser(strip_cdata=False, resolve_entities=False)
    return etree.fromstring(xml.encode(), parser)


def _day_posts():
    first = sample_post(id=1, slug="erster", status="published")
    second = sample_post(
        id=2,
        slug="zweiter",
        status="ready",
        categories=["Kasachstan"],
        published_at=datetime(2022, 1, 10, 8, 0, tzinfo=UTC),
    )
    return [first, second]


def test_day_wxr_has_every_required_element():
    posts = _day_posts()
    xml = wxr.render_day(date(2022, 1, 10), posts, site_url="https://blog.example/")
    root = _parse(xml)
    assert root.tag == "rss" and root.get("version") == "2.0"
    for prefix, uri in NS.items():
        assert root.nsmap[prefix] == uri
    channel = root.find("channel")
    assert channel.findtext("wp:wxr_version", namespaces=NS) == "1.2"
    assert channel.findtext("wp:base_site_url", namespaces=NS) == "https://blog.example"
    for tag in ("title", "link", "description", "pubDate", "language"):
        assert channel.find(tag) is not None
    items = channel.findall("item")
    assert len(items) == 2
    for item in items:
        for tag in REQUIRED_ITEM:
            assert item.find(tag, namespaces=NS) is not None, tag
        assert item.findtext("wp:post_type", namespaces=NS) == "post"
    early, late = items  # oldest first
    assert early.findtext("wp:post_name", namespaces=NS) == "zweiter"
    assert early.findtext("wp:status", namespaces=NS) == "pending"
    assert late.findtext("wp:status", namespaces=NS) == "publish"
    assert late.findtext("wp:post_date", namespaces=NS) == "2022-01-11 00:30:00"
    assert late.findtext("wp:post_date_gmt", namespaces=NS) == "2022-01-10 23:30:00"
    assert early.findtext("wp:post_date", namespaces=NS) == "2022-01-10 09:00:00"
    assert late.findtext("pubDate") == "Mon, 10 Jan 2022 23:30:00 +0000"
    assert late.findtext("link") == "https://blog.example/erster/"


def test_cdata_survives_literal_end_marker():
    post = sample_post(title="Marker ]]> im Titel", subtitle="Auszug ]]> hier")
    xml = wxr.render_post(post, author="Team ]]> Werkbank")
    assert "]]]]><![CDATA[>" in xml
    item = _parse(xml).find("channel/item")
    assert item.findtext("dc:creator", namespaces=NS) == "Team ]]> Werkbank"
    # title and excerpt are HTML for WordPress, so ">" arrives escaped
    assert item.findtext("title") == "Marker ]]&gt; im Titel (The Cradle)"
    assert item.findtext("excerpt:encoded", namespaces=NS) == "Auszug ]]&gt; hier"
    assert item.findtext("content:encoded", namespaces=NS) == html.render_post(post)
    raw = "<p>a]]>b]]]]>c</p>"
    assert etree.fromstring(f"<x>{cdata(raw)}</x>".encode()).text == raw


def test_categories_and_tags_with_nicenames():
    item = _parse(wxr.render_post(sample_post())).find("channel/item")
    terms = [(c.get("domain"), c.get("nicename"), c.text) for c in item.findall("category")]
    assert terms == [
        ("category", "kasachstan", "Kasachstan"),
        ("category", "krieg-frieden", "Krieg & Frieden"),
        ("post_tag", "ovks", "OVKS"),
    ]
    channel = _parse(wxr.render_post(sample_post())).find("channel")
    names = [c.findtext("wp:cat_name", namespaces=NS) for c in channel.findall("wp:category", NS)]
    assert names == ["Kasachstan", "Krieg & Frieden"]
    assert channel.find("wp:tag/wp:tag_slug", NS).text == "ovks"


def test_control_characters_are_dropped_and_xml_stays_well_formed():
    post = sample_post(title="Titel\x00\x07 mit Steuerzeichen", blocks=[PostBlock("paragraph", "a\x0bb")])
    item = _parse(wxr.render_post(post)).find("channel/item")
    assert item.findtext("title") == "Titel mit Steuerzeichen (The Cradle)"
    assert "<p>ab</p>" in item.findtext("content:encoded", namespaces=NS)


def test_tag_slugs_transliterate_instead_of_hex_codes():
    post = sample_post(tags=["Путин", "Łódź", "Größe"])
    channel = _parse(wxr.render_post(post)).find("channel")
    slugs = [t.findtext("wp:tag_slug", namespaces=NS) for t in channel.findall("wp:tag", NS)]
    assert slugs == ["putin", "lodz", "groesse"]
