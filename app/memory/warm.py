"""Match lists computed ahead of the editor: a document's segments looked up at once and stored.

Run in the background (app.memory.tasks) after ingest, after a draft job and after a TMX import, so
the editor's first read with matches is a stored read (app.memory.reads) instead of one without them
(a document read never searches the memory; it queues this for a document missing lists). The
lists are the ones a read would store — app.memory.reads.current_lists computes and stores them — so two
runs, or a run racing with a read, store the same lists.
"""

from sqlmodel import Session, col, select

from app.memory.batch import Wanted
from app.memory.reads import STORE_SIZE, current_lists
from app.memory.units import KEPT_LANG
from app.models import Document, DocumentStatus, Segment, SegmentMatchState

OPEN_AFTER_IMPORT = 20  # documents brought up to date after a TMX import: the most recently changed


def warm_document(*, session: Session, document_id: int, min_score: int) -> int:
    """Compute and store the match lists of a document's segments; the number of segments asked about
    (0: a German-source document, or none left)."""
    rows = session.exec(
        select(Segment.id, Segment.source_lang, Segment.source_text, Document.source_lang)
        .join(Document, col(Document.id) == col(Segment.document_id))
        .where(Segment.document_id == document_id)
    ).all()
    # As app.memory.reading.with_matches asks: a German-source document has no matches.
    wanted = [
        Wanted(key=sid, lang=lang, text=text) for sid, lang, text, doc_lang in rows if doc_lang != KEPT_LANG
    ]
    if wanted:
        current_lists(session=session, wanted=wanted, min_score=min_score, limit=STORE_SIZE)
    return len(wanted)


def open_documents(*, session: Session, most: int = OPEN_AFTER_IMPORT) -> list[int]:
    """Documents being worked on (not approved) whose lists are stored, the most recently changed first."""
    stored = (
        select(SegmentMatchState.segment_id)
        .join(Segment, col(Segment.id) == col(SegmentMatchState.segment_id))
        .where(col(Segment.document_id) == col(Document.id))
        .exists()
    )
    query = (
        select(Document.id)
        .where(col(Document.status) != DocumentStatus.approved.value, col(Document.source_lang) != KEPT_LANG)
        .where(stored)
        .order_by(col(Document.updated_at).desc(), col(Document.id).desc())
        .limit(most)
    )
    return list(session.exec(query))
