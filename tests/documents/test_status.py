"""The document status derived in SQL follows the rule: approved > translating > in_review > ingested."""

import itertools

from app.models import Document, DocumentStatus, JobStatus, Segment, SegmentStatus, TranslationJob

CASES = [
    *itertools.product([(), ("new",), ("new", "new"), ("approved",), ("approved", "approved")], [None]),
    *itertools.product(
        [(), ("new",), ("draft", "new"), ("edited", "approved"), ("error",), ("approved", "approved")],
        [None, "queued", "running", "done", "failed"],
    ),
]


def _rule(statuses: tuple[str, ...], job: str | None) -> str:
    """The rule as refresh_status has always stated it."""
    if statuses and all(s == "approved" for s in statuses):
        return DocumentStatus.approved
    if job in (JobStatus.queued, JobStatus.running):
        return DocumentStatus.translating
    if any(s != "new" for s in statuses):
        return DocumentStatus.in_review
    return DocumentStatus.ingested


def test_refresh_status_follows_the_rule_for_every_mix_of_segments_and_jobs(session):
    from app.documents.counters import refresh_status

    docs = []
    for n, (statuses, job) in enumerate(CASES):
        doc = Document(source_lang="en", input_kind="text", content_hash=f"case-{n}", status="in_review")
        session.add(doc)
        session.flush()
        for position, status in enumerate(statuses):
            session.add(
                Segment(
                    document_id=doc.id,
                    position=position,
                    kind="paragraph",
                    source_text="x",
                    source_lang="en",
                    status=SegmentStatus(status),
                )
            )
        if job:
            session.add(TranslationJob(document_id=doc.id, provider="none", status=JobStatus(job)))
        docs.append((doc.id, statuses, job))
    session.commit()
    for doc_id, _, _ in docs:
        refresh_status(session=session, document_id=doc_id)
    session.commit()
    got = {doc_id: session.get(Document, doc_id).status for doc_id, _, _ in docs}
    assert got == {doc_id: _rule(statuses, job) for doc_id, statuses, job in docs}
