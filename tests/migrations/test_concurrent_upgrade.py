"""Two machines running `werkbank db upgrade` at once on one database: both succeed, the schema is built once."""

import os
import subprocess
import sys
from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text

from app.db import alembic_config

ROOT = Path(__file__).resolve().parents[2]


def _upgrade(db_url: str, data_dir: Path) -> subprocess.Popen:
    env = {**os.environ, "WERKBANK_DATABASE_URL": db_url, "WERKBANK_DATA_DIR": str(data_dir)}
    return subprocess.Popen(
        [sys.executable, "-m", "app.cli", "db", "upgrade"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def test_concurrent_upgrades_of_an_empty_database_both_succeed(db_url, tmp_path):
    procs = [_upgrade(db_url, tmp_path / f"data{i}") for i in range(3)]
    outputs = [p.communicate(timeout=300)[0] for p in procs]
    for proc, out in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, out

    head = ScriptDirectory.from_config(alembic_config(db_url)).get_current_head()
    engine = create_engine(db_url)
    try:
        with engine.connect() as conn:
            versions = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
            tables = set(inspect(conn).get_table_names())
    finally:
        engine.dispose()
    assert versions == [head]
    assert {"document", "segment", "user"} <= tables
