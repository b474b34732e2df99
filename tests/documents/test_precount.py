"""New documents carry their own counters (PostgreSQL skips their segments' trigger); nothing else does."""

from sqlalchemy import insert
from sqlmodel import select

from app.models import Document, Segment
from testkit.samples import DE, EN, RU


def _counts(session, doc_id: int) -> tuple:
    session.expire_all()
    doc = session.get(Document, doc_id)
    return doc.status, doc.segments_total, doc.segments_new, doc.segments_approved, doc.words


def _recount_of(session, doc_id: int) -> tuple:
    segs = list(session.exec(select(Segment).where(Segment.document_id == doc_id)))
    status = "approved" if segs and all(s.status == "approved" for s in segs) else "ingested"
    return (
        status,
        len(segs),
        sum(s.status == "new" for s in segs),
        sum(s.status == "approved" for s in segs),
        sum(len(s.source_text.split()) for s in segs),
    )


def test_precounted_documents_and_a_segment_added_elsewhere_in_one_transaction(session, settings):
    from app.ingest.pipeline import prepare
    from app.ingest.store import insert_documents
    from app.models import DocumentCreate

    def prepared(text: str):
        return prepare(payload=DocumentCreate(text=text), user=None, settings=settings, url_key=None)

    (older,) = insert_documents(session, [prepared(EN)])
    session.commit()
    before = _counts(session, older)
    assert before == _recount_of(session, older) and before[1] > 0
    # One transaction: two new documents (one kept German: approved), and a segment appended to the
    # older document by another path. Only the new documents are precounted.
    new_ids = insert_documents(session, [prepared(RU), prepared(DE)])
    session.execute(
        insert(Segment),
        [{**_row(session, older), "position": before[1], "source_text": "Ein Satz mehr hier"}],
    )
    session.commit()
    for doc_id in (older, *new_ids):
        assert _counts(session, doc_id) == _recount_of(session, doc_id)
    assert _counts(session, older)[1] == before[1] + 1 and _counts(session, older)[4] == before[4] + 4
    assert _counts(session, new_ids[1])[0] == "approved"
    # A second batch in the same transaction adds to the setting, it does not replace it.
    first, second = (
        insert_documents(session, [prepared(RU + "\n\nZwei.")]),
        insert_documents(session, [prepared(EN + "\n\nDrei.")]),
    )
    session.commit()
    for doc_id in (*first, *second):
        assert _counts(session, doc_id) == _recount_of(session, doc_id)


def _row(session, doc_id: int) -> dict:
    seg = session.exec(select(Segment).where(Segment.document_id == doc_id)).first()
    keep = ("document_id", "kind", "source_lang", "mixed", "status", "version", "updated_at", "updated_by")
    return {k: getattr(seg, k) for k in keep}
