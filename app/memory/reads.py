"""Matches as reads serve them: stored lists brought up to date with the units written since, not searched.

For each segment asked about (app.memory.stored holds the lists):
- current (computed at the memory's change count): served from its list;
- stale: the units written since its count — normally a handful, fetched once for all segments — are
  scored with the rules of app.memory.matching; only a list one of them enters is parsed, merged (the
  best `size` stay) and stored, the others (none enters, or each scores below a full list's last
  match) keep their stored JSON and move to the new count, in one statement;
- computed afresh (app.memory.batch, all such segments at once) when there is no list, its text or
  language changed, it is shorter or starts at a higher score than asked for, a unit of it was removed
  (the next-best one is unknown), a unit of it was rewritten with another score, or more than
  STALE_LIMIT units were written since — except for a document read (match_json), which never searches
  the memory: it names such segments `missing` (sent as null) and its caller queues the precompute.
A read stores what it computed in its own transaction; should that fail (a concurrent write, a segment
deleted meanwhile), the answer stands and the next read computes again.

A fresh lookup scores the few hundred candidates its word index suggests, a merge every unit written
since: where the index would pass a unit by, the merged list still holds it. Both rank alike.
"""

import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from functools import lru_cache
from typing import NamedTuple

from pydantic import TypeAdapter
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, col, select

from app.errors import NotFound
from app.memory.batch import Wanted, scored_many
from app.memory.keys import exact_key, fuzzy_text, near_key
from app.memory.matching import Entry, Scored, as_match, best, score
from app.memory.shown import render, rendered, shown
from app.memory.stored import Held, Kept, Unit, changed_since, clock, load, save, stamp, text_key
from app.memory.units import KEPT_LANG
from app.models import Document, Segment, TmMatch

STORE_SIZE = 5  # matches kept per segment at least: the editor asks for 3, the segment endpoint for 5
STALE_LIMIT = 200  # units written since a list's count that a read merges; more: computed afresh

log = logging.getLogger("werkbank.memory")
_SHOWN = TypeAdapter(dict[int, list[TmMatch]])  # every segment's matches validated in one call


@dataclass(frozen=True, slots=True)
class _Shown:
    """A stored match as ranking reads it (its own unit was left out when it was stored)."""

    id: int
    source_text: str
    target_text: str
    approved_at: datetime
    form: dict
    segment_id: None = None


def _entry(form: dict) -> Entry:
    at = datetime.fromisoformat(form["approved_at"])
    shown = _Shown(form["unit_id"], form["source_text"], form["target_text"], at, form)
    return (form["score"], form["kind"], shown)  # type: ignore[return-value]


def _form(entry: Entry, text: str) -> dict:
    """A match as stored: as the API shows it, with its unit's id."""
    unit = entry[2]
    if isinstance(unit, _Shown):
        return unit.form
    return {"unit_id": unit.id, **as_match(entry, text).model_dump(mode="json")}


@lru_cache(maxsize=4096)
def _forms(text: str) -> tuple[str, str, str]:
    """A segment text's exact key, near key and fuzzy form: every merge compares an open document's
    segments again, and normalising them cost more than scoring the new units."""
    return exact_key(text), near_key(text), fuzzy_text(text)


def _scored(text: str, units: list[Unit], min_score: int, folded: dict[int, str]) -> Scored:
    """The units that match `text` (all of one language), scored as app.memory.batch scores candidates."""
    key, near, fuzzy = _forms(text)
    out: Scored = {
        u.id: (100, "exact", u) if u.exact_key == key else (99, "near", u)  # type: ignore[misc]
        for u in units
        if u.near_key == near
    }
    if min_score < 99:
        by_id = {u.id: u for u in units}
        found = score(text, [(u.id, u.source_text) for u in units], min_score, set(out), folded, fuzzy)
        out.update({uid: (value, "fuzzy", by_id[uid]) for uid, value in found.items()})  # type: ignore[misc]
    return out


_SAME: list[dict] = []  # _merged's answer for a list that none of the units written since enters


def _below(fresh: Scored, scores: tuple[int, ...], size: int) -> bool:
    """Whether none of the fresh units can enter a full list: each scores below its last match (ranked
    by score first, an equal score of a newer unit would)."""
    return len(scores) >= size and max(value for value, _, _ in fresh.values()) < min(scores)


def _merged(w: Wanted, held: Held, units: list[Unit], folded: dict[int, str]) -> list[dict] | None:
    """The list with the units written since its count merged in (_SAME: none of them matters, and the
    list was not parsed); None when it must be computed afresh (a unit of it scores otherwise now)."""
    kept = held.kept
    mine = [u for u in units if u.seq > kept.seq]
    if not mine:
        return _SAME
    fresh = _scored(w.text, [u for u in mine if u.source_lang == w.lang], kept.min_score, folded)
    written = {u.id for u in mine}
    view = held.view()
    if not view.units & written and (not fresh or _below(fresh, view.scores, kept.size)):
        return _SAME
    old = {m["unit_id"]: _entry(m) for m in held.matches}
    for uid in old.keys() & written:  # rewritten in place (or seen by the lookup that stored it)
        if fresh.get(uid, (None, None, None))[:2] != old[uid][:2]:
            return None
    chosen = best({**old, **fresh}, min_score=kept.min_score, limit=kept.size, exclude_segment=w.key)
    forms = [_form(entry, w.text) for entry in chosen]
    return _SAME if forms == held.matches else forms


def _refreshed(session: Session, stale: list[Wanted], lists: dict[int, Held], now: int) -> dict:
    """segment id → its matches brought up to count `now` (None: to compute afresh); {}: too much changed."""
    after = min(lists[w.key].kept.seq for w in stale)
    units = changed_since(session, after=after, upto=now, most=STALE_LIMIT)
    if len(units) > STALE_LIMIT:
        return {}
    folded: dict[int, str] = {}  # unit id → its fuzzy form, folded once for all segments
    return {w.key: _merged(w, lists[w.key], units, folded) for w in stale}


def _afresh(
    session: Session, full: list[Wanted], lists: dict[int, Held], now: int, min_score: int, limit: int
) -> dict[int, Held]:
    """Lists computed by the batch lookup; never shorter nor higher-starting than those they replace."""
    floor = min([min_score] + [lists[w.key].kept.min_score for w in full if w.key in lists])
    size = max([limit, STORE_SIZE] + [lists[w.key].kept.size for w in full if w.key in lists])
    scored = scored_many(session=session, wanted=full, min_score=floor, limit=size)
    out: dict[int, Held] = {}
    for w in full:
        chosen = best(scored[w.key], min_score=floor, limit=size, exclude_segment=w.key)
        forms = [_form(entry, w.text) for entry in chosen]
        kept = Kept(text_key(w.lang, w.text), now, floor, size, len(forms))
        out[w.key] = Held(kept, len(forms), parsed=forms)
    return out


class Current(NamedTuple):
    """current_lists' answer: segment id → its list, current with the memory (None: German or empty
    text, or in `missing`); whether merged lists were left unwritten (`defer`); the segments whose
    list was not computed (`inline` off)."""

    lists: dict[int, Held | None]
    pending: bool = False
    missing: frozenset[int] = frozenset()


def _usable(held: Held, key: str, min_score: int, limit: int) -> bool:
    kept = held.kept
    whole = held.present >= kept.stored  # no unit of it removed
    return kept.text_key == key and kept.min_score <= min_score and limit <= kept.size and whole


def matches_for(
    *, session: Session, wanted: Sequence[Wanted], min_score: int, limit: int
) -> dict[int, list[TmMatch]]:
    """segment id (`key`) → its matches as a fresh lookup ranks them, from its stored list kept current."""
    forms = match_forms(session=session, wanted=wanted, min_score=min_score, limit=limit)
    return _SHOWN.validate_python(forms)


def match_forms(
    *, session: Session, wanted: Sequence[Wanted], min_score: int, limit: int
) -> dict[int, list[dict]]:
    """matches_for's answer in the JSON form of TmMatch (as stored, without the unit's id), unvalidated."""
    lists = current_lists(session=session, wanted=wanted, min_score=min_score, limit=limit).lists
    return {
        key: [shown(m) for m in held.matches if m["score"] >= min_score][:limit] if held else []
        for key, held in lists.items()
    }


def match_json(
    *, session: Session, wanted: Sequence[Wanted], min_score: int, limit: int, defer: bool = False
) -> tuple[dict[int, bytes], Current]:
    """(segment id → its matches as the JSON array the API sends, or `null` for a list not computed yet;
    what current_lists did). Never searches the memory: see current_lists' `inline`."""
    now = current_lists(
        session=session, wanted=wanted, min_score=min_score, limit=limit, defer=defer, inline=False
    )
    out = {}
    for key, held in now.lists.items():
        if key in now.missing:
            out[key] = b"null"
        elif held is None:
            out[key] = b"[]"
        elif held.raw is not None:  # as stored: rendered once per process and stored text
            out[key] = rendered(held.raw).json(min_score, limit)
        else:  # merged by this read, not stored
            out[key] = render(held.matches).json(min_score, limit)
    return out, now


def current_lists(
    *,
    session: Session,
    wanted: Sequence[Wanted],
    min_score: int,
    limit: int,
    defer: bool = False,
    inline: bool = True,
) -> Current:
    """Every wanted segment's list brought up to date and stored. `defer`: merged lists are left
    unwritten when nothing else is to be written; `inline` off: lists to compute afresh are not
    computed (a search of the memory), only named in `missing`, and merges are then not stored either
    when `defer` (whoever computes the missing ones stores every list)."""
    out: dict[int, Held | None] = {w.key: None for w in wanted}
    todo = [w for w in wanted if w.lang != KEPT_LANG and w.text.strip()]
    if not todo:
        return Current(out)
    lists, now = load(session, [w.key for w in todo])  # the change count read with the lists
    if now is None:
        now = clock(session)  # before any lookup: every unit numbered up to it is visible to them
    had = set(lists)
    full = [
        w
        for w in todo
        if w.key not in lists or not _usable(lists[w.key], text_key(w.lang, w.text), min_score, limit)
    ]
    afresh = {w.key for w in full}
    stale = [w for w in todo if w.key not in afresh and lists[w.key].kept.seq < now]
    write: dict[int, Held] = {}
    before: dict[int, list[dict]] = {}  # merged lists: the matches their unit rows hold now
    same: set[int] = set()
    merged = _refreshed(session, stale, lists, now) if stale else {}
    for w in stale:
        matches, held = merged.get(w.key), lists[w.key]
        if matches is None:
            full.append(w)
        elif matches is _SAME:
            same.add(w.key)
        else:
            kept = replace(held.kept, seq=now, stored=len(matches))
            lists[w.key] = write[w.key] = Held(kept, len(matches), parsed=matches)
            before[w.key] = held.matches
    missing = frozenset(w.key for w in full) if not inline else frozenset()
    if full and inline:
        computed = _afresh(session, full, lists, now, min_score, limit)
        write.update(computed)
        lists.update(computed)
    out.update({w.key: lists.get(w.key) for w in todo if w.key not in missing})
    if defer and not (full and inline):
        return Current(out, bool(write or same) and not missing, missing)
    _keep(session, write, same, had, now, before)
    return Current(out, False, missing)


def _keep(
    session: Session,
    write: dict[int, Held],
    same: set[int],
    had: set[int],
    now: int,
    before: dict[int, list[dict]],
) -> None:
    """Store the lists (best effort: on failure the next read computes them again); `before`: the
    earlier matches of merged lists, whose unit rows change only by the difference."""
    if not write and not same:
        return
    try:
        save(session, write, rewrite=set(write), had=had, before=before)
        stamp(session, same, now)
        session.commit()
    except DBAPIError:
        session.rollback()
        log.warning("Stored matches of %d segments not written", len(write) + len(same), exc_info=True)


def segment_matches(*, session: Session, segment_id: int, min_score: int, limit: int) -> list[TmMatch]:
    """Matches for a segment; a German source (document or paragraph) has none."""
    row = session.exec(
        select(Segment.source_lang, Segment.source_text, Document.source_lang)
        .join(Document, col(Document.id) == col(Segment.document_id))
        .where(Segment.id == segment_id)
    ).first()
    if row is None:
        raise NotFound(f"No segment {segment_id}", code="segment_not_found")
    lang, text, doc_lang = row
    wanted = Wanted(key=segment_id, lang=KEPT_LANG if KEPT_LANG in (doc_lang, lang) else lang, text=text)
    return matches_for(session=session, wanted=[wanted], min_score=min_score, limit=limit)[segment_id]
