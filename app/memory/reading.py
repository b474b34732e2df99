"""A document read with its segments' matches: stored lists sent as stored, never a search of the memory.

A read whose lists only needed the units written since merged in (an approval elsewhere) answers from the
merged lists and, when the background precompute is on (WERKBANK_TM_PRECOMPUTE), leaves storing them to
app.memory.writeback (which merges and stores them as a read would): the write was most of such a read's
price. With the precompute off the read stores them itself, as before. A segment whose list must be
computed afresh (none stored, its text changed, too much written since …) is sent with `"matches": null`
and the document's precompute task is queued (app.memory.tasks.warm_soon) once the answer is sent: a
search of the memory for every segment cost a first read several times the read without matches, and
putting a task on the SQLite queue syncs its file.
"""

from collections.abc import Callable
from functools import partial

from sqlmodel import Session

from app.memory.batch import Wanted
from app.memory.reads import match_json
from app.memory.shown import document_json
from app.memory.tasks import warm_soon
from app.memory.units import KEPT_LANG
from app.memory.writeback import store_later
from app.models import DocumentPublic


def with_matches(
    *, session: Session, document: DocumentPublic, min_score: int, limit: int, defer: bool = False
) -> tuple[bytes, Callable[[], None] | None]:
    """(The document as read, as JSON, each segment with its matches (a German-source document: none;
    null: not computed yet), what to run once it is sent (queue the missing lists)); the session's
    transaction is committed, with whatever the caller's read wrote in it. `defer`: merged lists are
    stored by a background writer, not by this read."""
    german = document.source_lang == KEPT_LANG
    wanted = [
        Wanted(key=s.id, lang=KEPT_LANG if german else s.source_lang, text=s.source_text)
        for s in document.segments
    ]
    found, now = match_json(session=session, wanted=wanted, min_score=min_score, limit=limit, defer=defer)
    session.commit()  # the caller's writes, if any (match_json committed the lists it stored)
    if now.pending:
        store_later(document.id)
    after = partial(warm_soon, document.id) if now.missing else None
    return document_json(document, found), after
