"""The termbase: CRUD and CSV import."""

import csv
import io

from sqlalchemy import and_, or_
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from app.errors import Conflict, InvalidInput, NotFound
from app.models import Term, TermCreate, TermUpdate, utcnow

CSV_COLUMNS = ("source_lang", "source_term", "target_term", "note", "case_sensitive")


def get_term(*, session: Session, term_id: int) -> Term:
    """The term, or 404."""
    term = session.get(Term, term_id)
    if term is None:
        raise NotFound(f"No term {term_id}", code="term_not_found")
    return term


def list_terms(
    *,
    session: Session,
    lang: str | None = None,
    q: str | None = None,
    after: tuple | None = None,
    limit: int | None = None,
) -> list[Term]:
    """Terms sorted by language and source term; q matches part of either side, ignoring case.

    Keyset-paged on (source_lang, source_term), which is unique: `after` is the key of the last
    term of the previous page; `limit` rows at most (all when None).
    """
    query = select(Term)
    if lang:
        query = query.where(Term.source_lang == lang)
    if after:
        lang_after, term_after = after
        query = query.where(
            or_(
                col(Term.source_lang) > lang_after,
                and_(col(Term.source_lang) == lang_after, col(Term.source_term) > term_after),
            )
        )
    query = query.order_by(Term.source_lang, Term.source_term)
    if not q:
        return list(session.exec(query if limit is None else query.limit(limit)))
    # Case-insensitive in every script (SQLite's lower() knows ASCII only): filtered here, over
    # the termbase, which stays small next to the archive.
    wanted = q.lower()
    found = [t for t in session.exec(query) if wanted in f"{t.source_term}\n{t.target_term}".lower()]
    return found[:limit]


def create_term(*, session: Session, payload: TermCreate) -> Term:
    """Add a term; (language, source term) is unique."""
    term = Term.model_validate(payload)
    session.add(term)
    try:
        session.commit()
    except IntegrityError as exc:
        session.rollback()
        raise Conflict(f"{payload.source_term!r} ({payload.source_lang}) exists", code="term_exists") from exc
    session.refresh(term)
    return term


def update_term(*, session: Session, term_id: int, payload: TermUpdate) -> Term:
    """Change fields of a term."""
    term = get_term(session=session, term_id=term_id)
    term.sqlmodel_update(payload.model_dump(exclude_unset=True), update={"updated_at": utcnow()})
    session.add(term)
    try:
        session.commit()
    except IntegrityError as exc:
        session.rollback()
        raise Conflict("Another term has that source term", code="term_exists") from exc
    session.refresh(term)
    return term


def delete_term(*, session: Session, term_id: int) -> None:
    """Remove a term."""
    session.delete(get_term(session=session, term_id=term_id))
    session.commit()


def import_csv(*, session: Session, text: str) -> dict[str, int]:
    """Upsert terms from CSV with a header (source_lang, source_term, target_term[, note, case_sensitive])."""
    # newline="" lets the csv module see every line ending itself (\r, \n, \r\n, and inside quotes)
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""), strict=True)
    created = updated = 0
    try:
        missing = {"source_lang", "source_term", "target_term"} - set(reader.fieldnames or [])
        if missing:
            raise InvalidInput(f"CSV lacks columns: {', '.join(sorted(missing))}", code="invalid_csv")
        for row in reader:
            payload = _term_from_row(row, line=reader.line_num)
            existing = session.exec(
                select(Term).where(
                    Term.source_lang == payload.source_lang, Term.source_term == payload.source_term
                )
            ).first()
            if existing:
                existing.sqlmodel_update(payload.model_dump(), update={"updated_at": utcnow()})
                session.add(existing)
                updated += 1
            else:
                session.add(Term.model_validate(payload))
                created += 1
    except csv.Error as exc:
        session.rollback()
        line = reader.reader.line_num  # DictReader's own line_num is only updated after a good row
        raise InvalidInput(f"Line {line}: {exc}", code="invalid_csv", line=line) from exc
    session.commit()
    return {"created": created, "updated": updated}


def _term_from_row(row: dict[str, str | None], *, line: int) -> TermCreate:
    try:
        return TermCreate(
            source_lang=(row["source_lang"] or "").strip().lower(),
            source_term=(row["source_term"] or "").strip(),
            target_term=(row["target_term"] or "").strip(),
            note=(row.get("note") or "").strip() or None,
            case_sensitive=(row.get("case_sensitive") or "").strip().lower() in ("1", "true", "yes", "ja"),
        )
    except ValueError as exc:
        raise InvalidInput(f"Line {line}: {exc}", code="invalid_csv", line=line) from exc
