"""The `werkbank` command line, locally and against a real server over HTTP."""

import json

import httpx
import pytest

from testkit.live import Server, cli_env, run_cli
from testkit.samples import DE, EN, FR, RU


@pytest.fixture
def env(tmp_path):
    return cli_env(tmp_path / "data")


def test_user_token_ingest_export_locally(env, tmp_path):
    out = run_cli(
        ["user", "add", "erika", "--role", "editor", "--password-stdin"], env, stdin="geheim-geheim\n"
    )
    assert "Created editor 'erika'" in out.stdout
    dup = run_cli(["user", "add", "erika", "--password-stdin"], env, stdin="geheim-geheim\n", check=False)
    assert dup.returncode == 1 and "user_exists" in dup.stderr
    token = run_cli(["token", "create", "erika"], env).stdout.strip()
    assert token.startswith("wb_") and len(token) > 30
    src = tmp_path / "en.txt"
    src.write_text(EN, encoding="utf-8")
    doc = json.loads(run_cli(["ingest", str(src), "--outlet", "Global Times"], env).stdout)
    assert doc["source_lang"] == "en" and doc["outlet"] == "Global Times" and len(doc["segments"]) == 5
    exported = json.loads(run_cli(["export", str(doc["id"]), "--format", "json"], env).stdout)
    assert exported["pairs"] == []


def test_folder_ingest_is_bulk_with_progress_and_reports_each_file(env, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in {"a.txt": EN, "b.txt": RU, "c.txt": DE, "d.txt": FR}.items():
        (folder / name).write_text(text, encoding="utf-8")
    proc = run_cli(["ingest", str(folder)], env, check=False)
    assert proc.returncode == 1  # one file failed
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [(line["source"].rsplit("/", 1)[1], line["result"]) for line in lines] == [
        ("a.txt", "ok"),
        ("b.txt", "ok"),
        ("c.txt", "ok"),
        ("d.txt", "error"),
    ]
    assert lines[3]["error"]["code"] == "unsupported_language"
    assert "Ingesting" in proc.stderr  # the progress bar


def test_remote_mode_against_real_server(env):
    server = Server(env)
    try:
        password = server.admin_password()
        assert password, "first start prints the admin password"
        login = httpx.post(f"{server.url}/api/auth/login", json={"username": "admin", "password": password})
        token = login.json()["token"]
        remote = ["--server", server.url, "--token", token]
        doc = json.loads(run_cli(["ingest", "-", "--lang", "en", *remote], env, stdin=EN).stdout)
        assert doc["source_lang"] == "en"
        listed = httpx.get(f"{server.url}/api/documents", headers={"Authorization": f"Bearer {token}"}).json()
        assert [d["id"] for d in listed["items"]] == [doc["id"]]
        bad = run_cli(["ingest", "-", *remote], env, stdin=FR, check=False)
        assert bad.returncode == 1 and "unsupported_language" in bad.stderr
        noauth = run_cli(["export", "1", "--server", server.url], env, check=False)
        assert noauth.returncode == 1 and "unauthorized" in noauth.stderr
    finally:
        server.stop()
    restarted = Server(env)
    try:
        assert restarted.admin_password() is None  # only the very first start creates the admin
    finally:
        restarted.stop()


def test_translate_locally_with_progress_bar_and_terms_import(env, tmp_path, tiny_packages):
    out = run_cli(["models", "install", str(tiny_packages["en-de"])], env)
    assert "en" in out.stdout and "de" in out.stdout
    listed = run_cli(["models", "list"], env).stdout
    assert "en" in listed and "de" in listed
    csv = tmp_path / "terms.csv"
    csv.write_text("source_lang,source_term,target_term\nen,CSTO,OVKS\nen,SCO,SOZ\n", encoding="utf-8")
    assert "2 created, 0 updated" in run_cli(["terms", "import", str(csv)], env).stdout
    doc = json.loads(run_cli(["ingest", "-", "--lang", "en"], env, stdin=EN).stdout)
    proc = run_cli(["translate", str(doc["id"]), "--provider", "offline"], env)
    job = json.loads(proc.stdout)
    assert job["status"] == "done" and job["done"] == job["total"] == 5
    assert f"Job {job['id']} (offline)" in proc.stderr  # the progress bar
    again = run_cli(["translate", str(doc["id"]), "--provider", "nope"], env, check=False)
    assert again.returncode == 1 and "unknown_provider" in again.stderr


def test_terms_import_reports_csv_errors_with_their_line(env, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b'source_lang,source_term,target_term\nen,ok,gut\nen,"a"b,c\n')
    proc = run_cli(["terms", "import", str(bad)], env, check=False)
    assert proc.returncode == 1 and "invalid_csv: Line 3:" in proc.stderr and "Traceback" not in proc.stderr
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes("source_lang,source_term,target_term\nde,Stra\u00dfe,street\n".encode("latin-1"))
    proc = run_cli(["terms", "import", str(latin1)], env, check=False)
    assert proc.returncode == 1 and "invalid_csv: latin1.csv is not UTF-8" in " ".join(proc.stderr.split())
