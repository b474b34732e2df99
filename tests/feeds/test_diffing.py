"""The paragraph diff: what refetch calls changed, added, removed; and feed parsing of RSS, Atom and RDF."""

from app.feeds.diffing import diff_paragraphs, has_changes
from app.feeds.parsing import parse_feed


def p(*texts):
    return [("paragraph", t) for t in texts]


def test_identical_text_has_no_changes():
    ops = diff_paragraphs(p("a", "b"), p("a", "b"))
    assert [o.op for o in ops] == ["equal", "equal"] and not has_changes(ops)


def test_changed_added_removed_in_reading_order():
    ops = diff_paragraphs(p("a", "b", "c", "d"), p("a", "B", "x", "c"))
    assert [(o.op, o.old, o.new) for o in ops] == [
        ("equal", 0, 0),
        ("changed", 1, 1),
        ("added", None, 2),
        ("equal", 2, 3),
        ("removed", 3, None),
    ]


def test_a_replaced_run_pairs_in_order_and_the_rest_is_removed():
    ops = diff_paragraphs(p("a", "b", "c"), p("x"))
    assert [(o.op, o.old, o.new) for o in ops] == [
        ("changed", 0, 0),
        ("removed", 1, None),
        ("removed", 2, None),
    ]


def test_a_kind_change_is_a_change():
    assert has_changes(diff_paragraphs([("heading", "Talks")], [("paragraph", "Talks")]))


def test_rdf_feed_and_relative_links():
    rdf = b"""<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
      xmlns="http://purl.org/rss/1.0/"><channel rdf:about="http://h/"><title>T</title><link>http://h/</link>
      <description>d</description></channel><item rdf:about="http://h/a"><title>A</title><link>/a?utm_source=x</link>
      </item></rdf:RDF>"""
    parsed = parse_feed(rdf, url="http://h/feed.rdf", content_type="application/rdf+xml", limit=10)
    assert [(i.key, i.link, i.title) for i in parsed.items] == [
        ("http://h/a", "http://h/a?utm_source=x", "A")
    ]


def test_the_same_link_twice_in_one_feed_is_one_entry_and_dates_are_utc():
    rss = b"""<rss version="2.0"><channel><title>T</title>
      <item><title>A</title><link>http://h/a?fbclid=1</link><pubDate>Wed, 02 Dec 2026 10:00:00 +0100</pubDate></item>
      <item><title>A again</title><link>http://h/a</link></item></channel></rss>"""
    parsed = parse_feed(rss, url="http://h/rss", content_type="application/rss+xml", limit=10)
    assert len(parsed.items) == 1 and parsed.total == 2
    assert parsed.items[0].published_at.isoformat() == "2026-12-02T09:00:00+00:00"
