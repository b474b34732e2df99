"""Models and Alembic migrations agree; the whole chain runs down to base and up again."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

import app.models  # noqa: F401


def test_models_match_migrations(settings):
    from app.db import get_engine, in_models

    with get_engine().connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True, "include_name": in_models})
        diff = compare_metadata(ctx, SQLModel.metadata)
    assert diff == []


def test_downgrade_to_base_and_up_again(settings):
    from sqlalchemy import inspect

    from alembic import command
    from app.db import alembic_config, get_engine

    cfg = alembic_config()
    command.downgrade(cfg, "base")
    assert "document" not in inspect(get_engine()).get_table_names()
    command.upgrade(cfg, "head")
    assert "document" in inspect(get_engine()).get_table_names()
