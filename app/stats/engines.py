"""Per engine (provider, including the memory `tm`): how much post-editing its drafts needed."""

from datetime import datetime
from statistics import median

from sqlmodel import Session, col, select

from app.models import EngineStats, PostEdit


def _summary(provider: str, rows: list[PostEdit]) -> EngineStats:
    n = len(rows)
    seconds = [r.seconds for r in rows if r.seconds is not None]
    return EngineStats(
        provider=provider,
        segments=n,
        mean_chrf=round(sum(r.chrf for r in rows) / n, 2) if n else None,
        unchanged_share=round(sum(r.unchanged for r in rows) / n, 4) if n else None,
        mean_edit_rate=round(sum(r.edit_rate for r in rows) / n, 4) if n else None,
        median_seconds=round(median(seconds), 1) if seconds else None,
    )


def engine_stats(
    *,
    session: Session,
    since: datetime | None = None,
    until: datetime | None = None,
    outlet: str | None = None,
    source_lang: str | None = None,
) -> dict:
    """{"providers": [per provider, most segments first], "totals": all of them}; an empty range is zeros."""
    query = select(PostEdit)
    if since is not None:
        query = query.where(col(PostEdit.approved_at) >= since)
    if until is not None:
        query = query.where(col(PostEdit.approved_at) < until)
    if outlet:
        query = query.where(PostEdit.outlet == outlet)
    if source_lang:
        query = query.where(PostEdit.source_lang == source_lang)
    by_provider: dict[str, list[PostEdit]] = {}
    everything = list(session.exec(query))
    for row in everything:
        by_provider.setdefault(row.provider, []).append(row)
    providers = sorted(
        (_summary(name, rows) for name, rows in by_provider.items()), key=lambda s: (-s.segments, s.provider)
    )
    return {"providers": providers, "totals": _summary("all", everything)}
