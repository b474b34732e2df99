"""XLIFF 1.2 of segment pairs: one <file> per document and source language, stable unit ids."""

from itertools import groupby

from lxml import etree

from app.exporters.langtags import lang_tag
from app.exporters.types import SegmentPair
from app.exporters.xmltext import xml_safe

NS = "urn:oasis:names:tc:xliff:document:1.2"


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def _unit(body: etree._Element, pair: SegmentPair) -> None:
    approved = pair.status == "approved"
    unit = etree.SubElement(
        body,
        _q("trans-unit"),
        id=pair.unit_id,
        resname=pair.unit_id,
        approved="yes" if approved else "no",
    )
    unit.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    etree.SubElement(unit, _q("source")).text = xml_safe(pair.source)
    target = etree.SubElement(unit, _q("target"), state="final" if approved else "translated")
    target.text = xml_safe(pair.target)
    if pair.machine_draft:
        alt = etree.SubElement(unit, _q("alt-trans"), origin="machine")
        etree.SubElement(alt, _q("target")).text = xml_safe(pair.machine_draft)
    if pair.editor:
        etree.SubElement(unit, _q("note"), **{"from": "editor"}).text = xml_safe(pair.editor)


def render(pairs: list[SegmentPair], *, include_unapproved: bool = False) -> str:
    """An XLIFF 1.2 document of the pairs (only approved ones unless asked otherwise)."""
    chosen = [p for p in pairs if include_unapproved or p.status == "approved"]
    chosen.sort(key=lambda p: (p.document_id, lang_tag(p.source_lang), p.position))
    root = etree.Element(_q("xliff"), version="1.2", nsmap={None: NS})

    def key(p: SegmentPair) -> tuple[int, str, str]:
        return p.document_id, lang_tag(p.source_lang), lang_tag(p.target_lang)

    for (document_id, source, target), group in groupby(chosen, key=key):
        file = etree.SubElement(
            root,
            _q("file"),
            original=f"document/{document_id}",
            datatype="plaintext",
            **{"source-language": source, "target-language": target},
        )
        body = etree.SubElement(file, _q("body"))
        for pair in group:
            _unit(body, pair)
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True, pretty_print=True).decode()


def render_pairs(pairs: list[SegmentPair]) -> str:
    """Registry entry point: approved pairs only."""
    return render(pairs)
