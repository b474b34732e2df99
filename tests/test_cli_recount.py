"""`werkbank db recount` rebuilds counters a hand-made change broke, with a progress bar (SQLite and PostgreSQL)."""

import json

from sqlalchemy import create_engine, text

from testkit.live import cli_env, run_cli
from testkit.samples import EN, RU


def test_recount_repairs_counters_and_status(db_url, tmp_path):
    env = cli_env(tmp_path / "data", WERKBANK_DATABASE_URL=db_url)
    ids = []
    for n, source in enumerate([EN, RU]):
        src = tmp_path / f"doc{n}.txt"
        src.write_text(source, encoding="utf-8")
        ids.append(json.loads(run_cli(["ingest", str(src)], env).stdout)["id"])
    engine = create_engine(db_url)
    try:
        query = text("SELECT id, status, segments_total, segments_new, words FROM document ORDER BY id")
        with engine.connect() as conn:
            right = conn.execute(query).all()
        assert [row.id for row in right] == ids and all(
            row.segments_total > 2 and row.words > 20 for row in right
        )
        with engine.begin() as conn:  # counters broken behind the triggers' back
            conn.execute(
                text(
                    "UPDATE document SET segments_total = 0, segments_new = 7, words = 1, status = 'approved'"
                )
            )
        proc = run_cli(["db", "recount", "--batch", "1"], env)
        assert "Recounted 2 documents." in proc.stdout
        assert "Recounting documents" in proc.stdout + proc.stderr
        with engine.connect() as conn:
            assert conn.execute(query).all() == right
    finally:
        engine.dispose()
