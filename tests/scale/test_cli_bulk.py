"""`werkbank ingest FOLDER` goes through the bulk path (locally and --server, N files per request);
`werkbank serve --workers N` refuses SQLite."""

import json
import sqlite3

import httpx

from testkit.articles import article
from testkit.live import Server, cli_env, run_cli
from testkit.samples import FR


def _folder(tmp_path, count):
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(count):
        (folder / f"{n:02d}.txt").write_text(article(n)["text"], encoding="utf-8")
    (folder / "99.txt").write_text(FR, encoding="utf-8")
    return folder


def test_folder_ingest_over_the_server_sends_batches_of_n_files(tmp_path):
    env = cli_env(tmp_path / "data", WERKBANK_RUN_WORKER="0")
    folder = _folder(tmp_path, 6)
    server = Server(env)
    try:
        password = server.admin_password()
        token = httpx.post(
            f"{server.url}/api/auth/login", json={"username": "admin", "password": password}
        ).json()["token"]
        remote = ["--server", server.url, "--token", token, "--batch", "3"]
        proc = run_cli(["ingest", str(folder), *remote], env, check=False)
        again = run_cli(["ingest", str(folder), *remote], env, check=False)
        log = server.log.read_text()
    finally:
        server.stop()
    assert proc.returncode == 1, proc.stderr  # the French file is refused, the others are stored
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [(line["source"].rsplit("/", 1)[1], line["result"]) for line in lines] == [
        *((f"{n:02d}.txt", "ok") for n in range(6)),
        ("99.txt", "error"),
    ]
    assert all(line["created"] for line in lines[:6]) and lines[6]["error"]["code"] == "unsupported_language"
    assert "Ingesting" in proc.stderr  # the progress bar
    assert log.count("POST /api/documents/bulk") == 6  # 7 files in batches of 3, twice
    assert "POST /api/documents " not in log and "POST /api/documents HTTP" not in log
    repeated = [json.loads(line) for line in again.stdout.splitlines()]
    assert [r.get("created") for r in repeated[:6]] == [False] * 6
    assert [r["document_id"] for r in repeated[:6]] == [r["document_id"] for r in lines[:6]]


def test_local_folder_ingest_uses_the_bulk_path(tmp_path):
    env = cli_env(tmp_path / "data")
    folder = _folder(tmp_path, 4)
    proc = run_cli(["ingest", str(folder), "--batch", "2"], env, check=False)
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert proc.returncode == 1 and [line["result"] for line in lines] == ["ok"] * 4 + ["error"]
    assert len({line["document_id"] for line in lines[:4]}) == 4
    with sqlite3.connect(tmp_path / "data" / "werkbank.db") as db:
        stored = db.execute("SELECT id, source_lang FROM document ORDER BY id").fetchall()
        segments = db.execute("SELECT count(*) FROM segment").fetchone()[0]
    assert stored == [(line["document_id"], lang) for line, lang in zip(lines, ["en", "ru", "en", "ru"])]
    assert segments == 4 * 7


def test_serve_refuses_several_workers_on_sqlite(tmp_path):
    env = cli_env(tmp_path / "data")
    proc = run_cli(["serve", "--workers", "2"], env, check=False)
    assert proc.returncode == 2
    assert "sqlite_single_process" in proc.stderr and "PostgreSQL" in proc.stderr
    assert not (tmp_path / "data" / "werkbank.db").exists()  # refused before touching anything
    proc = run_cli(["serve"], {**env, "WERKBANK_WORKERS": "3"}, check=False)
    assert proc.returncode == 2 and "--workers 3 needs PostgreSQL" in " ".join(proc.stderr.split())
