"""Excerpt builder: selected approved segments → post blocks with "(…)" and the quoted share."""

from dataclasses import dataclass, field

from app.errors import SegmentNotApproved
from app.exporters.types import OMISSION, PostBlock

TITLE_KINDS = frozenset({"title"})
HEADING_KINDS = frozenset({"heading", "subheading"})


@dataclass(frozen=True)
class ExcerptSource:
    """One segment of a document as the excerpt builder needs it (text = approved German)."""

    id: int
    position: int
    kind: str
    text: str
    approved: bool


@dataclass
class Excerpt:
    """Post body blocks plus the quote statistics the editor watches."""

    blocks: list[PostBlock]
    quoted_chars: int
    total_chars: int
    share: float
    over_budget: bool
    warnings: list[str] = field(default_factory=list)


def _check_selection(by_id: dict[int, ExcerptSource], selected_ids: list[int]) -> None:
    bad = [i for i in dict.fromkeys(selected_ids) if i not in by_id or not by_id[i].approved]
    if bad:
        raise SegmentNotApproved("Only approved segments of this document can be selected", segment_ids=bad)


def _blocks(body: list[ExcerptSource], chosen: set[int], continues: bool | None) -> list[PostBlock]:
    blocks: list[PostBlock] = []
    skipped_paragraph = False
    started = False
    for seg in body:
        if seg.id not in chosen:
            skipped_paragraph = skipped_paragraph or seg.kind not in HEADING_KINDS
            continue
        if started and skipped_paragraph:
            blocks.append(PostBlock("omission", OMISSION))
        kind = "heading" if seg.kind in HEADING_KINDS else "paragraph"
        blocks.append(PostBlock(kind, seg.text.strip()))
        started, skipped_paragraph = True, False
    ends_early = skipped_paragraph if continues is None else continues
    if started and ends_early:
        blocks.append(PostBlock("omission", OMISSION))
    return blocks


def build_excerpt(
    *,
    segments: list[ExcerptSource],
    selected_ids: list[int],
    continues: bool | None = None,
    quote_budget: float | None = None,
) -> Excerpt:
    """Blocks in source order with "(…)" for gaps (and the end when the text continues).

    ``continues`` overrides whether a final "(…)" is added (None: when unselected paragraphs
    follow the last selected one; pass False for teasers ending in "Weiterlesen").
    """
    by_id = {seg.id: seg for seg in segments}
    _check_selection(by_id, selected_ids)
    warnings: list[str] = []
    titles = [i for i in selected_ids if by_id[i].kind in TITLE_KINDS]
    if titles:
        warnings.append(f"Titelsegmente gehören nicht in den Text und wurden weggelassen: {titles}")
    body = sorted((s for s in segments if s.kind not in TITLE_KINDS), key=lambda s: s.position)
    chosen = {i for i in selected_ids if by_id[i].kind not in TITLE_KINDS}
    blocks = _blocks(body, chosen, continues)
    quoted = sum(len(s.text.strip()) for s in body if s.id in chosen)
    total = sum(len(s.text.strip()) for s in body)
    share = quoted / total if total else 0.0
    over = quote_budget is not None and share > quote_budget
    if over:
        warnings.append(
            f"Zitierter Anteil {share:.0%} ({quoted} von {total} Zeichen) "
            f"liegt über dem Zitatbudget von {quote_budget:.0%}"
        )
    return Excerpt(blocks, quoted, total, share, over, warnings)
