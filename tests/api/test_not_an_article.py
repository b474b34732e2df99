"""Home and staff pages are refused with 422 not_an_article; force: true ingests them anyway."""

from tests.ingest.test_extract_rules import HOME, STAFF


def test_home_page_is_refused_with_not_an_article(translator):
    r = translator.post("/api/documents", json={"html": HOME})
    assert r.status_code == 422, r.text
    assert r.json()["error"]["code"] == "not_an_article"
    assert "force" in r.json()["error"]["message"]
    assert translator.get("/api/documents").json()["items"] == []  # nothing stored


def test_force_ingests_a_non_article(translator):
    r = translator.post("/api/documents", json={"html": STAFF, "force": True})
    assert r.status_code == 201, r.text
    assert "Anna Muster" in " ".join(s["source_text"] for s in r.json()["segments"])
