"""Importing TMX 1.4b (a blog's earlier translations) into the memory: all units or none.

Read with lxml, already Werkbank's XML library (the exports write TMX with it): maintained, fast
in C, and configurable to refuse what makes XML dangerous — no DTD loading, no entity expansion,
no network, no huge-tree mode. translate-toolkit's TMX reader sits on lxml too, but pulls a large
framework into the server for one format, so it stays a test-only dependency.
"""

from collections.abc import Callable
from datetime import UTC, datetime

from lxml import etree
from sqlmodel import Session, col, select

from app.errors import InvalidInput, PayloadTooLarge
from app.memory.keys import exact_key, exact_text
from app.memory.tasks import warm_open_later
from app.memory.units import BATCH, KEPT_LANG, NewUnit, add_units
from app.models import TmImportResult, TmUnit
from app.times import utcnow

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CODES = {"bpt", "ept", "ph", "it", "ut"}  # native codes inside a segment: markup, not text
MAX_SEGMENT = 100_000


def _lang(element: etree._Element) -> str:
    """The primary language subtag of a tuv (TMX 1.4 xml:lang, 1.1 lang), lower case: "en-GB" → "en"."""
    tag = element.get(XML_LANG) or element.get("lang") or ""
    return tag.split("-")[0].split("_")[0].strip().lower()


def _text(seg: etree._Element | None) -> str:
    if seg is None:
        return ""
    parts = [seg.text or ""]
    for child in seg:
        if isinstance(child.tag, str) and etree.QName(child).localname not in CODES:
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return exact_text("".join(parts))


def _when(tu: etree._Element) -> datetime:
    for name in ("changedate", "creationdate"):
        value = tu.get(name)
        if value:
            try:
                return datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
            except ValueError:
                continue
    return utcnow()


def parse_tmx(data: bytes) -> tuple[list[NewUnit], int]:
    """(units with a German side, translation units skipped); 422 `invalid_tmx` / `tmx_no_german`."""
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InvalidInput(f"Not an XML document: {exc}", code="invalid_tmx") from None
    if etree.QName(root).localname != "tmx" or root.find("body") is None:
        raise InvalidInput("Not a TMX document (no <tmx> with a <body>)", code="invalid_tmx")
    header = root.find("header")
    header_src = header.get("srclang", "") if header is not None else ""
    default_src = "" if header_src == "*all*" else header_src.split("-")[0].lower()
    units, skipped = [], 0
    for tu in root.find("body").iter("tu"):
        tuvs = [(_lang(tuv), _text(tuv.find("seg"))) for tuv in tu.iter("tuv")]
        german = next((text for lang, text in tuvs if lang == KEPT_LANG and text), None)
        src_lang = (tu.get("srclang") or "").split("-")[0].lower() or default_src
        source = next(((lang, text) for lang, text in tuvs if lang == src_lang and lang != KEPT_LANG), None)
        source = source or next(((lang, text) for lang, text in tuvs if lang and lang != KEPT_LANG), None)
        if not german or not source or not source[1] or max(len(german), len(source[1])) > MAX_SEGMENT:
            skipped += 1
            continue
        units.append(
            NewUnit(
                source_lang=source[0][:8],
                source_text=source[1],
                target_text=german,
                approved_at=_when(tu),
                approved_by=(tu.get("changeid") or tu.get("creationid") or None),
                origin="import",
            )
        )
    if not units:
        raise InvalidInput("No translation unit of this TMX has a German (de) side", code="tmx_no_german")
    return units, skipped


def _new_only(session: Session, units: list[NewUnit]) -> list[NewUnit]:
    """Leave out pairs the memory holds already (importing a file twice adds nothing)."""
    seen: set[tuple[str, str, str]] = set()
    keyed = [(u, exact_key(u.source_text)) for u in units]
    keys = sorted({k for _, k in keyed})
    for start in range(0, len(keys), BATCH):
        rows = session.exec(
            select(TmUnit.source_lang, TmUnit.exact_key, TmUnit.target_text).where(
                col(TmUnit.exact_key).in_(keys[start : start + BATCH])
            )
        )
        seen.update(rows)
    fresh = []
    for unit, key in keyed:
        marker = (unit.source_lang, key, exact_text(unit.target_text))
        if marker not in seen:
            seen.add(marker)
            fresh.append(unit)
    return fresh


def import_tmx(
    *, session: Session, data: bytes, max_bytes: int, progress: Callable[[int, int], None] | None = None
) -> TmImportResult:
    """Parse and store a TMX file in one transaction: every unit is written, or (on any error) none."""
    if len(data) > max_bytes:
        raise PayloadTooLarge(f"TMX over {max_bytes} bytes", code="tmx_too_large", max_bytes=max_bytes)
    units, skipped = parse_tmx(data)
    fresh = _new_only(session, units)
    try:
        for start in range(0, len(fresh), BATCH * 4):
            add_units(session, fresh[start : start + BATCH * 4])
            if progress:
                progress(min(start + BATCH * 4, len(fresh)), len(fresh))
        session.commit()
    except Exception:
        session.rollback()
        raise
    if fresh:  # the documents being worked on: their lists brought up to date in the background
        warm_open_later()
    languages: dict[str, int] = {}
    for unit in fresh:
        languages[unit.source_lang] = languages.get(unit.source_lang, 0) + 1
    return TmImportResult(units=len(fresh), skipped=skipped + len(units) - len(fresh), languages=languages)
