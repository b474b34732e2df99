"""precounted segments of new documents

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-03 08:30:00.000000

Issue 11 (bulk ingest at the speed of its own work): on PostgreSQL the counter trigger of
migration 0008 ran two UPDATEs of `document` for every inserted segment (its share, then the
status), about two thirds of the time a bulk request spent storing (100 documents of 15 segments:
150 ms with it, 60 ms without). Ingest knows every segment of a new document, so it now writes the
document's counters and status with the document (app/documents/counters.py, `precount`) and
names the documents in the transaction setting `werkbank.precounted`; the trigger skips the
INSERT of a segment of such a document. Every other write (edits, approvals, drafts, deletes,
segments added to an existing document) is counted by the trigger as before. SQLite is unchanged
(its triggers have no transaction setting to read). Downgrade restores 0008's function.
"""

from collections.abc import Sequence

from alembic import op


revision: str = '0015'
down_revision: str | None = '0014'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The function body of migration 0008, as it created it.
BODY = """BEGIN
  IF TG_OP = 'UPDATE' AND OLD.status IS NOT DISTINCT FROM NEW.status THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE document SET segments_total = segments_total - 1, segments_new = segments_new - (OLD.status = 'new')::int, segments_draft = segments_draft - (OLD.status = 'draft')::int, segments_edited = segments_edited - (OLD.status = 'edited')::int, segments_approved = segments_approved - (OLD.status = 'approved')::int, segments_error = segments_error - (OLD.status = 'error')::int, segments_source_changed = segments_source_changed - (OLD.status = 'source_changed')::int, segments_source_removed = segments_source_removed - (OLD.status = 'source_removed')::int, words = words - (CASE WHEN OLD.source_text = '' THEN 0 ELSE length(OLD.source_text) - length(replace(OLD.source_text, ' ', '')) + 1 END) WHERE id = OLD.document_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    UPDATE document SET segments_total = segments_total + 1, segments_new = segments_new + (NEW.status = 'new')::int, segments_draft = segments_draft + (NEW.status = 'draft')::int, segments_edited = segments_edited + (NEW.status = 'edited')::int, segments_approved = segments_approved + (NEW.status = 'approved')::int, segments_error = segments_error + (NEW.status = 'error')::int, segments_source_changed = segments_source_changed + (NEW.status = 'source_changed')::int, segments_source_removed = segments_source_removed + (NEW.status = 'source_removed')::int, words = words + (CASE WHEN NEW.source_text = '' THEN 0 ELSE length(NEW.source_text) - length(replace(NEW.source_text, ' ', '')) + 1 END) WHERE id = NEW.document_id;
  END IF;
  UPDATE document SET status = CASE WHEN document.segments_total > 0 AND document.segments_approved + document.segments_source_removed = document.segments_total THEN 'approved' WHEN EXISTS (SELECT 1 FROM translation_job j WHERE j.document_id = document.id AND j.status IN ('queued', 'running')) THEN 'translating' WHEN document.segments_total > document.segments_new THEN 'in_review' ELSE 'ingested' END, updated_at = now() WHERE id = COALESCE(NEW.document_id, OLD.document_id) AND status <> CASE WHEN document.segments_total > 0 AND document.segments_approved + document.segments_source_removed = document.segments_total THEN 'approved' WHEN EXISTS (SELECT 1 FROM translation_job j WHERE j.document_id = document.id AND j.status IN ('queued', 'running')) THEN 'translating' WHEN document.segments_total > document.segments_new THEN 'in_review' ELSE 'ingested' END;
  RETURN NULL;
END """

SKIP = """
  IF TG_OP = 'INSERT' AND NEW.document_id = ANY(
    string_to_array(current_setting('werkbank.precounted', true), ',', '')::int[]
  ) THEN
    RETURN NULL;
  END IF;"""


def _function(body: str) -> str:
    return f"CREATE OR REPLACE FUNCTION werkbank_segment_counts() RETURNS trigger LANGUAGE plpgsql AS $$\n{body}$$"


def upgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        assert BODY.lstrip().startswith('BEGIN')
        op.execute(_function(BODY.replace('BEGIN', 'BEGIN' + SKIP, 1)))


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        op.execute(_function(BODY))
