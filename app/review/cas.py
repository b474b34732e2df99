"""Compare-and-set writes that answer with the rows they wrote: UPDATE … RETURNING."""

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Row, Update, select
from sqlmodel import Session


def update_returning(
    *, session: Session, stmt: Update, columns: Sequence[Any], written: Sequence[ColumnElement[bool]]
) -> Sequence[Row]:
    """Run a guarded UPDATE and return `columns` of the rows it wrote, in the caller's transaction.

    PostgreSQL and SQLite from 3.35 answer UPDATE … RETURNING. An older SQLite cannot, so there
    the rows are selected by `written` (which must match exactly the rows `stmt` set, e.g. by id
    and new version) before the transaction ends: the UPDATE holds SQLite's single write lock, so
    nobody else can have changed them in between.
    """
    if session.get_bind().dialect.update_returning:
        return session.exec(stmt.returning(*columns)).all()  # type: ignore[call-overload]
    if not session.exec(stmt).rowcount:  # type: ignore[call-overload]
        return []
    return session.exec(select(*columns).where(*written)).all()  # type: ignore[call-overload]
