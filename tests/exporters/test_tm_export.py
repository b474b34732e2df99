"""TMX 1.4 and XLIFF 1.2 read back with translate-toolkit, every unit compared."""

import pytest
from lxml import etree
from translate.storage import tmx as tk_tmx
from translate.storage import xliff as tk_xliff

from app.errors import InvalidInput
from app.exporters import tmx, xliff
from app.exporters.langtags import lang_tag
from testkit.sample_posts import sample_pairs


def _approved():
    return sorted(
        (p for p in sample_pairs() if p.status == "approved"),
        key=lambda p: (p.document_id, p.position),
    )


def test_tmx_round_trip_every_unit():
    data = tmx.render(sample_pairs()).encode()
    store = tk_tmx.tmxfile.parsestring(data)
    units = [u for u in store.units if not u.isheader()]
    expected = _approved()
    assert [u.getid() for u in units] == ["5/1", "5/2", "7/1"]
    for unit, pair in zip(units, expected, strict=True):
        assert unit.source == pair.source and unit.target == pair.target
        langs = [n.get("{http://www.w3.org/XML/1998/namespace}lang") for n in unit.getlanguageNodes()]
        assert langs == [pair.source_lang, "de-DE"]


def test_tmx_header_and_props():
    root = etree.fromstring(tmx.render(sample_pairs()).encode())
    assert root.get("version") == "1.4"
    header = root.find("header")
    assert header.get("srclang") == "*all*" and header.get("segtype") == "paragraph"
    tu = root.find("body/tu")
    assert tu.get("changedate") == "20220109T081530Z" and tu.get("changeid") == "anna"
    assert {p.get("type"): p.text for p in tu.findall("prop")} == {
        "x-document-id": "5",
        "x-status": "approved",
    }
    single = etree.fromstring(tmx.render(sample_pairs()[:2]).encode())
    assert single.find("header").get("srclang") == "en"


def test_tmx_can_include_unapproved():
    root = etree.fromstring(tmx.render(sample_pairs(), include_unapproved=True).encode())
    assert [tu.get("tuid") for tu in root.iter("tu")] == ["5/1", "5/2", "7/1", "7/2"]


def test_xliff_round_trip_every_unit():
    data = xliff.render(sample_pairs()).encode()
    store = tk_xliff.xlifffile.parsestring(data)
    units = store.units
    expected = _approved()
    # translate-toolkit prefixes ids with the file name and \x04
    assert [u.getid() for u in units] == [
        "document/5\x045/1",
        "document/5\x045/2",
        "document/7\x047/1",
    ]
    for unit, pair in zip(units, expected, strict=True):
        assert unit.xmlelement.get("id") == pair.unit_id
        assert unit.source == pair.source and unit.target == pair.target
        assert unit.isapproved()
    files = store.getfilenames()
    assert files == ["document/5", "document/7"]
    alt = units[0].getalttrans()
    assert alt and alt[0].target == "Erste MT"


def test_xliff_languages_per_file():
    root = etree.fromstring(xliff.render(sample_pairs()).encode())
    ns = {"x": xliff.NS}
    files = root.findall("x:file", ns)
    assert [(f.get("source-language"), f.get("target-language")) for f in files] == [
        ("en", "de-DE"),
        ("ru", "de-DE"),
    ]
    assert root.get("version") == "1.2"
    note = root.find(".//x:trans-unit[@id='5/1']/x:note", ns)
    assert note.text == "anna"


def test_lang_tags():
    assert [lang_tag(c) for c in ("de", "en", "ru", "de_AT", "DE")] == [
        "de-DE",
        "en",
        "ru",
        "de-AT",
        "de-DE",
    ]
    with pytest.raises(InvalidInput) as info:
        lang_tag("deutsch!")
    assert info.value.code == "invalid_language"
