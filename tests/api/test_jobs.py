"""Translation jobs through the API: providers, tiny offline model, pivot, errors, retry, glossary."""

import pytest

from testkit import fake_services
from testkit.live import cli_env, run_cli
from testkit.samples import EN, RU


def _install(settings, *packages):
    env = cli_env(settings.data_dir, WERKBANK_DATABASE_URL=settings.resolved_database_url)
    for package in packages:
        out = run_cli(["models", "install", str(package)], env)
        assert "Installed" in out.stdout or "installed" in out.stdout.lower()


def _registry():
    from app.drafting.providers import get_registry

    return get_registry()


def test_translators_listing_tells_the_truth_without_models(translator):
    listing = {t["name"]: t for t in translator.get("/api/translators").json()}
    assert {"none", "offline", "google", "microsoft", "libretranslate", "mymemory", "deepl"} <= set(listing)
    assert listing["none"]["available"] is True
    assert (
        listing["offline"]["available"] is False and "werkbank models install" in listing["offline"]["reason"]
    )
    assert listing["deepl"]["available"] is False and listing["deepl"]["sends_text_to_third_party"] is True
    assert listing["offline"]["sends_text_to_third_party"] is False
    # Online engines whose server cannot be reached say so (tests point them at a closed port).
    assert listing["google"]["available"] is False and listing["google"]["reason"].startswith(
        "cannot reach 127.0.0.1:9"
    )


def test_provider_errors_before_queueing(translator):
    doc = translator.post("/api/documents", json={"text": EN}).json()
    unknown = translator.post(f"/api/documents/{doc['id']}/translate", json={"provider": "babelfish"})
    assert unknown.status_code == 422 and unknown.json()["error"]["code"] == "unknown_provider"
    missing = translator.post(f"/api/documents/{doc['id']}/translate", json={"provider": "offline"})
    assert missing.status_code == 503 and missing.json()["error"]["code"] == "translator_unavailable"


def test_none_provider_leaves_drafts_empty(translator):
    doc = translator.post("/api/documents", json={"text": EN}).json()
    r = translator.post(f"/api/documents/{doc['id']}/translate", json={"provider": "none"})
    assert r.status_code == 202
    job = translator.get(f"/api/jobs/{r.json()['id']}").json()
    assert job["status"] == "done" and job["done"] == job["total"] == 5 and job["errors"] == 0
    after = translator.get(f"/api/documents/{doc['id']}").json()
    assert all(s["draft_text"] is None and s["status"] == "new" for s in after["segments"])


def test_offline_tiny_model_drafts_english_then_retranslate_calls_engine_zero_times(
    settings, translator, editor, tiny_packages
):
    _install(settings, tiny_packages["en-de"])
    doc = translator.post("/api/documents", json={"text": EN}).json()
    job = translator.post(f"/api/documents/{doc['id']}/translate", json={"provider": "offline"}).json()
    assert translator.get(f"/api/jobs/{job['id']}").json()["status"] == "done"
    segs = translator.get(f"/api/documents/{doc['id']}").json()["segments"]
    assert all(s["status"] == "draft" and s["draft_text"] and s["draft_provider"] == "offline" for s in segs)
    assert all(s["target_text"] == s["draft_text"] for s in segs)
    revs = translator.get(f"/api/segments/{segs[1]['id']}/revisions").json()
    assert [(r["kind"], r["provider"]) for r in revs] == [("machine", "offline")]
    # A human edit survives a second machine run, which is served from the cache.
    edited = translator.patch(
        f"/api/segments/{segs[1]['id']}", json={"target_text": "Von Hand.", "version": 2}
    )
    assert edited.status_code == 200
    calls = _registry().get("offline").engine_calls
    again = translator.post(f"/api/documents/{doc['id']}/translate", json={"provider": "offline"}).json()
    assert translator.get(f"/api/jobs/{again['id']}").json()["total"] == 4
    assert _registry().get("offline").engine_calls == calls
    after = translator.get(f"/api/documents/{doc['id']}").json()["segments"]
    assert after[1]["target_text"] == "Von Hand." and after[1]["status"] == "edited"
    assert after[2]["draft_text"] == segs[2]["draft_text"]


def test_russian_document_is_drafted_through_the_english_pivot(settings, translator, tiny_packages):
    _install(settings, tiny_packages["en-de"], tiny_packages["ru-en"])
    listing = {t["name"]: t for t in translator.get("/api/translators").json()}
    assert "ru-de" in listing["offline"]["pairs"]
    doc = translator.post("/api/documents", json={"text": RU}).json()
    job = translator.post(f"/api/documents/{doc['id']}/translate", json={"provider": "offline"}).json()
    final = translator.get(f"/api/jobs/{job['id']}").json()
    assert final["status"] == "done" and final["errors"] == 0
    segs = translator.get(f"/api/documents/{doc['id']}").json()["segments"]
    assert all(s["draft_text"] for s in segs)


@pytest.fixture
def libre(monkeypatch):
    server = fake_services.start()
    monkeypatch.setenv("WERKBANK_TRANSLATOR_LIBRETRANSLATE_URL", server.url)
    monkeypatch.setenv("WERKBANK_TRANSLATOR_LIBRETRANSLATE_TIMEOUT", "2")
    monkeypatch.setenv("WERKBANK_TRANSLATOR_RETRIES", "0")
    from app.config import get_settings
    from app.drafting.providers import get_registry

    get_settings.cache_clear()
    get_registry.cache_clear()
    yield server
    fake_services.stop(server)


def test_failing_segment_is_recorded_and_retry_reruns_only_failures(libre, translator):
    text = EN.replace("Energy cooperation", "Energy BOOM cooperation")
    doc = translator.post("/api/documents", json={"text": text}).json()
    job = translator.post(f"/api/documents/{doc['id']}/translate", json={"provider": "libretranslate"}).json()
    job = translator.get(f"/api/jobs/{job['id']}").json()
    assert job["status"] == "done" and job["errors"] == 1 and job["done"] == 5
    segs = translator.get(f"/api/documents/{doc['id']}").json()["segments"]
    assert segs[2]["status"] == "error" and "libretranslate" in segs[2]["error"]
    assert [s["status"] for i, s in enumerate(segs) if i != 2] == ["draft"] * 4
    sent_before = len(libre.texts())
    retry = translator.post(f"/api/jobs/{job['id']}/retry").json()
    assert retry["total"] == 1 and retry["only_failed"] is True
    assert libre.texts()[sent_before:] == ["Energy BOOM cooperation"]


def test_glossary_terms_reach_the_draft_in_their_german_form(libre, translator, editor):
    editor.post("/api/terms", json={"source_lang": "en", "source_term": "CSTO", "target_term": "OVKS"})
    text = "CSTO leaders meet\n\nThe CSTO held an extraordinary session on Monday to discuss the situation."
    doc = translator.post("/api/documents", json={"text": text, "source_lang": "en"}).json()
    translator.post(f"/api/documents/{doc['id']}/translate", json={"provider": "libretranslate"})
    segs = translator.get(f"/api/documents/{doc['id']}").json()["segments"]
    assert all("OVKS" in s["draft_text"] and "CSTO" not in s["draft_text"] for s in segs)
    assert all("CSTO" not in sent for sent in libre.texts())
    dropped = translator.post(
        "/api/documents", json={"text": "DROP the CSTO now, they said in Moscow today.", "source_lang": "en"}
    ).json()
    translator.post(f"/api/documents/{dropped['id']}/translate", json={"provider": "libretranslate"})
    seg = translator.get(f"/api/documents/{dropped['id']}").json()["segments"][0]
    assert seg["notes"] and "CSTO" in seg["notes"]


def test_terms_crud_and_csv_import(editor, translator):
    r = editor.post("/api/terms", json={"source_lang": "ru", "source_term": "ОДКБ", "target_term": "OVKS"})
    assert r.status_code == 201
    dup = editor.post("/api/terms", json={"source_lang": "ru", "source_term": "ОДКБ", "target_term": "X"})
    assert dup.status_code == 409 and dup.json()["error"]["code"] == "term_exists"
    assert (
        translator.post(
            "/api/terms", json={"source_lang": "en", "source_term": "a", "target_term": "b"}
        ).status_code
        == 403
    )
    csv = "source_lang,source_term,target_term,note,case_sensitive\nen,Tokayev,Tokajew,Name,yes\nru,ОДКБ,OVKS (neu),,\n"
    imported = editor.post("/api/terms/import", content=csv.encode(), headers={"Content-Type": "text/csv"})
    assert imported.json() == {"created": 1, "updated": 1}
    terms = {t["source_term"]: t for t in translator.get("/api/terms").json()}
    assert terms["Tokayev"]["case_sensitive"] is True and terms["ОДКБ"]["target_term"] == "OVKS (neu)"
    bad = editor.post("/api/terms/import", content=b"foo,bar\n1,2\n", headers={"Content-Type": "text/csv"})
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "invalid_csv"
    tid = terms["Tokayev"]["id"]
    assert editor.patch(f"/api/terms/{tid}", json={"note": "Präsident"}).json()["note"] == "Präsident"
    assert editor.delete(f"/api/terms/{tid}").status_code == 204
    assert translator.get(f"/api/terms/{tid}").status_code == 404
