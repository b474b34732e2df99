"""TMX 1.4 of segment pairs; tuid = "document-id/segment-position", target language de-DE."""

from datetime import UTC

from lxml import etree

from app.exporters.langtags import lang_tag
from app.exporters.types import SegmentPair
from app.exporters.xmltext import xml_safe

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
VERSION = "0.1.0"


def _stamp(pair: SegmentPair) -> str:
    return pair.updated_at.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _tuv(parent: etree._Element, lang: str, text: str) -> None:
    tuv = etree.SubElement(parent, "tuv", {XML_LANG: lang})
    etree.SubElement(tuv, "seg").text = xml_safe(text)


def _unit(body: etree._Element, pair: SegmentPair) -> None:
    source_lang = lang_tag(pair.source_lang)
    tu = etree.SubElement(body, "tu", tuid=pair.unit_id, srclang=source_lang, changedate=_stamp(pair))
    if pair.editor:
        tu.set("changeid", xml_safe(pair.editor))
    etree.SubElement(tu, "prop", type="x-document-id").text = str(pair.document_id)
    etree.SubElement(tu, "prop", type="x-status").text = xml_safe(pair.status)
    _tuv(tu, source_lang, pair.source)
    _tuv(tu, lang_tag(pair.target_lang), pair.target)


def render(pairs: list[SegmentPair], *, include_unapproved: bool = False) -> str:
    """A TMX 1.4 document of the pairs (only approved ones unless asked otherwise)."""
    chosen = [p for p in pairs if include_unapproved or p.status == "approved"]
    sources = {lang_tag(p.source_lang) for p in chosen}
    root = etree.Element("tmx", version="1.4")
    etree.SubElement(
        root,
        "header",
        creationtool="Werkbank",
        creationtoolversion=VERSION,
        segtype="paragraph",
        datatype="plaintext",
        adminlang="en",
        srclang=sources.pop() if len(sources) == 1 else "*all*",
        **{"o-tmf": "werkbank"},
    )
    body = etree.SubElement(root, "body")
    for pair in sorted(chosen, key=lambda p: (p.document_id, p.position)):
        _unit(body, pair)
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True, pretty_print=True).decode()


def render_pairs(pairs: list[SegmentPair]) -> str:
    """Registry entry point: approved pairs only."""
    return render(pairs)
