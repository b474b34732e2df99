"""HTML fragment (what WordPress receives) and the daily archive page."""

from datetime import date

import lxml.html

from app.exporters import html
from testkit.htmltext import html_lines
from testkit.sample_posts import NASTY, sample_post


def test_fragment_uses_only_p_h2_a_strong_em_br_and_escapes_everything():
    out = html.render_post(sample_post())
    root = lxml.html.fragment_fromstring(out, create_parent="div")
    tags = {el.tag for el in root.iter()} - {"div"}
    assert tags <= {"p", "h2", "a", "strong", "em", "br"}
    assert "<script>" not in out and "<b>" not in out
    assert "&lt;script&gt;" in out and "&amp; &lt;b&gt;fett&lt;/b&gt;" in out
    assert any(NASTY.replace('"x"', "„x“") in line for line in html_lines(out))


def test_fragment_order_links_and_typography():
    out = html.render_post(sample_post())
    lines = html_lines(out)
    assert lines[0] == "Quelle: https://thecradle.co/a?x=1&y=2"
    assert lines[1:4] == ["Übersetzung: Linke Zeitung", "Ein Untertitel", "Von Pepe"]
    assert lines[4].endswith("ende (…)")  # omission after a paragraph joins it
    assert lines[5] == "Das Netz" and "<h2>Das Netz</h2>" in out
    assert lines[6] == "Zweiter Absatz …"  # the author's "..." is an ellipsis, not an omission
    assert lines[7:] == ["Das vollständige Interview hier:", "https://example.org/full"]
    assert '<a href="https://thecradle.co/a?x=1&amp;y=2">' in out


def test_title_with_outlet_and_german_quotes():
    assert html.render_title(sample_post()) == "Nach Kasachstan: „Putin’s“ Plan (The Cradle)"


def test_unsafe_urls_are_not_links():
    out = html.render_post(sample_post(source_url="javascript:alert(1)", full_original_url=None))
    assert "href" not in out.split("Übersetzung")[0]
    assert "javascript:alert(1)" in out


def test_read_more_teaser_links_source_instead_of_top_line():
    post = sample_post(
        read_more=True,
        credit=None,
        subtitle=None,
        byline=None,
        full_original_line=None,
        full_original_url=None,
    )
    out = html.render_post(post)
    assert html_lines(out)[-2:] == ["Weiterlesen", "https://thecradle.co/a?x=1&y=2"]
    assert not html_lines(out)[0].startswith("Quelle:")
    assert ">Weiterlesen</a><br>" in out


def test_day_page_is_a_full_document_with_day_heading():
    early = sample_post(id=1, title="Früh")
    later = early.published_at.replace(hour=23, minute=50)
    late = sample_post(id=2, title="Spät", published_at=later)
    page = html.render_day(date(2022, 1, 11), [early, late])
    doc = lxml.html.document_fromstring(page.encode())
    assert doc.find(".//title").text == "11. Januar 2022"
    assert doc.find(".//h1").text == "11. Januar 2022"
    titles = [h.text for h in doc.findall(".//article/header/h2")]
    assert titles == ["Spät (The Cradle)", "Früh (The Cradle)"]
    assert doc.find(".//article//time").get("datetime").startswith("2022-01-10T23:")
    assert page.startswith("<!DOCTYPE html>") and 'lang="de"' in page
