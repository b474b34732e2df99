"""`werkbank ingest --force`: a page that is not an article is refused unless forced."""

import json

from testkit.live import cli_env, run_cli
from tests.ingest.test_extract_rules import STAFF


def test_ingest_refuses_a_staff_page_unless_forced(tmp_path):
    env = cli_env(tmp_path / "data")
    page = tmp_path / "team.html"
    page.write_text(STAFF, encoding="utf-8")
    refused = run_cli(["ingest", str(page)], env, check=False)
    assert refused.returncode == 1 and "not_an_article" in refused.stderr
    doc = json.loads(run_cli(["ingest", str(page), "--force"], env).stdout)
    assert "Anna Muster" in " ".join(s["source_text"] for s in doc["segments"])
