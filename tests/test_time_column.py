"""UTCDateTime: aware values round-trip as the same instant in UTC on SQLite and PostgreSQL."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import DateTime, text
from sqlalchemy.exc import StatementError
from sqlmodel import SQLModel, select

from app.models import AuthToken, User
from app.models.types import UTCDateTime
from app.times import NaiveDatetimeError

PLUS3 = timezone(timedelta(hours=3))


def _user(session, name: str, when: datetime) -> User:
    user = User(username=name, password_hash="x", created_at=when)
    session.add(user)
    session.commit()
    return user


def test_aware_values_come_back_as_the_same_instant_in_utc(session):
    bound = datetime(2026, 1, 10, 12, 0, 0, 123456, tzinfo=PLUS3)
    user_id = _user(session, "ada", bound).id
    session.expire_all()
    back = session.get(User, user_id).created_at
    assert back == bound and back.tzinfo is UTC
    assert back == datetime(2026, 1, 10, 9, 0, 0, 123456, tzinfo=UTC)
    # core selects and comparisons bound in another zone go through the type too
    assert session.exec(select(User.created_at)).one().tzinfo is UTC
    same_instant = datetime(2026, 1, 10, 10, 0, 0, 123456, tzinfo=timezone(timedelta(hours=1)))
    assert session.exec(select(User.id).where(User.created_at == same_instant)).one() == user_id
    assert (
        session.exec(select(User.id).where(User.created_at > bound - timedelta(seconds=1))).one() == user_id
    )


def test_sqlite_stores_utc_wall_clock_and_postgres_a_timestamptz(session):
    _user(session, "bea", datetime(2026, 7, 1, 2, 30, tzinfo=PLUS3))
    raw = session.connection().execute(text('SELECT created_at FROM "user"')).scalar_one()
    if session.bind.dialect.name == "sqlite":
        assert raw == "2026-06-30 23:30:00.000000"
    else:
        assert raw == datetime(2026, 6, 30, 23, 30, tzinfo=UTC)
        session.connection().execute(text("SET TIME ZONE 'Asia/Tokyo'"))
        session.expire_all()
        back = session.exec(select(User.created_at)).one()
        assert back == datetime(2026, 6, 30, 23, 30, tzinfo=UTC) and back.tzinfo is UTC


def test_null_stays_null_and_naive_binds_are_refused(session):
    user = _user(session, "cem", datetime(2026, 1, 1, tzinfo=UTC))
    token = AuthToken(user_id=user.id, kind="api", token_hash="h" * 64, expires_at=None)
    session.add(token)
    session.commit()
    session.expire_all()
    assert session.exec(select(AuthToken.expires_at)).one() is None
    session.add(User(username="dora", password_hash="x", created_at=datetime(2026, 1, 1, 12)))
    with pytest.raises(StatementError) as caught:
        session.commit()
    assert isinstance(caught.value.orig, NaiveDatetimeError)


def test_every_datetime_column_uses_the_type():
    columns = {
        f"{table.name}.{column.name}": column.type
        for table in SQLModel.metadata.tables.values()
        for column in table.columns
        if isinstance(getattr(column.type, "impl", column.type), DateTime)
    }
    assert len(columns) == 32 and "document.published_at" in columns and "post.published_at" in columns
    assert [name for name, kind in columns.items() if type(kind) is not UTCDateTime] == []


def test_autogenerate_spells_the_type_as_plain_ddl():
    from alembic.autogenerate import render_python_code
    from alembic.operations import ops
    from sqlalchemy import Column

    from app.models.types import render_item

    add = ops.AddColumnOp("post", Column("seen_at", UTCDateTime(), nullable=True))
    code = render_python_code(ops.UpgradeOps([ops.ModifyTableOps("post", [add])]), render_item=render_item)
    assert "sa.DateTime(timezone=True)" in code and "UTCDateTime" not in code
