"""A translation job with the llm engine against a loopback chat-completions server: order, context, tokens."""

import pytest

from testkit import fake_llm

NAMES = ["Tokayev", "Mishustin", "Lavrov", "Peskov"]
PARAGRAPHS = [
    f'In paragraph {i}, {NAMES[i % 4]} told reporters in Astana that "the CSTO mission went to plan" and that '
    f"talks would resume after {i + 2} days of consultations with regional partners."
    for i in range(20)
]
ARTICLE = "Kazakhstan asks the CSTO for help\n\n" + "\n\n".join(PARAGRAPHS)


@pytest.fixture
def llm(monkeypatch):
    server = fake_llm.start(key="sk-test")
    monkeypatch.setenv("WERKBANK_TRANSLATOR_LLM_URL", server.url)
    monkeypatch.setenv("WERKBANK_TRANSLATOR_LLM_MODEL", "llama3.1:8b")
    monkeypatch.setenv("WERKBANK_TRANSLATOR_LLM_KEY", "sk-test")
    monkeypatch.setenv("WERKBANK_TRANSLATOR_LLM_TIMEOUT", "5")
    from app.config import get_settings
    from app.drafting.providers import get_registry

    get_settings.cache_clear()
    get_registry.cache_clear()
    yield server
    fake_llm.stop(server)


def test_twenty_paragraphs_drafted_in_order_with_context_and_token_usage(llm, translator, editor):
    listing = {t["name"]: t for t in translator.get("/api/translators").json()}
    assert listing["llm"]["available"] and not listing["llm"]["sends_text_to_third_party"]
    editor.post("/api/terms", json={"source_lang": "en", "source_term": "CSTO", "target_term": "OVKS"})
    doc = translator.post("/api/documents", json={"text": ARTICLE}).json()
    job = translator.post(f"/api/documents/{doc['id']}/translate", json={"provider": "llm"}).json()
    job = translator.get(f"/api/jobs/{job['id']}").json()
    assert job["status"] == "done" and job["errors"] == 0 and job["done"] == job["total"] == 21

    segments = translator.get(f"/api/documents/{doc['id']}").json()["segments"]
    sources = [s["source_text"] for s in segments]
    assert sources[1:] == PARAGRAPHS
    for segment in segments:
        assert segment["status"] == "draft" and segment["draft_provider"] == "llm"
        assert segment["draft_text"] == "de:" + segment["source_text"].replace("CSTO", "OVKS")
        assert segment["notes"] is None  # every termbase entry made it into the draft
    # in order, in batches, each request carrying the article title and the drafts before it
    assert llm.texts() == sources
    assert [len(r.texts) for r in llm.requests] == [8, 8, 5]
    assert all("Article title: Kazakhstan asks the CSTO for help" in r.user for r in llm.requests)
    assert f"- {PARAGRAPHS[6]}\n  German: de:{PARAGRAPHS[6].replace('CSTO', 'OVKS')}" in llm.requests[1].user
    assert llm.requests[0].segments[0]["kind"] == "title"
    assert '- "CSTO" → "OVKS"' in llm.requests[2].user
    # the tokens the server reported, summed on the job
    assert job["prompt_tokens"] == sum(p for p, _ in llm.usages) > 0
    assert job["completion_tokens"] == sum(c for _, c in llm.usages) > 0


def test_tokens_count_only_the_calls_made_and_other_engines_report_none(llm, translator):
    doc = translator.post("/api/documents", json={"text": ARTICLE}).json()
    llm.script = ["merge", "merge"]  # the first batch is asked three ways: batch, stricter, one by one
    job = translator.post(f"/api/documents/{doc['id']}/translate", json={"provider": "llm"}).json()
    job = translator.get(f"/api/jobs/{job['id']}").json()
    assert job["errors"] == 0 and len(llm.requests) == 2 + 8 + 2
    assert job["prompt_tokens"] == sum(p for p, _ in llm.usages)
    other = translator.post("/api/documents", json={"text": ARTICLE.replace("paragraph", "section")}).json()
    none_job = translator.post(f"/api/documents/{other['id']}/translate", json={"provider": "none"}).json()
    none_job = translator.get(f"/api/jobs/{none_job['id']}").json()
    assert none_job["prompt_tokens"] == 0 and none_job["completion_tokens"] == 0


def test_a_termbase_entry_the_model_left_out_becomes_a_note(llm, translator, editor):
    editor.post("/api/terms", json={"source_lang": "en", "source_term": "CSTO", "target_term": "OVKS"})
    text = "Summit in Astana\n\nThe CSTO met in Astana on Monday.\n\nDROP: the CSTO chief spoke afterwards."
    doc = translator.post("/api/documents", json={"text": text}).json()
    job = translator.post(f"/api/documents/{doc['id']}/translate", json={"provider": "llm"}).json()
    assert translator.get(f"/api/jobs/{job['id']}").json()["status"] == "done"
    segments = translator.get(f"/api/documents/{doc['id']}").json()["segments"]
    assert segments[1]["draft_text"] == "de:The OVKS met in Astana on Monday."
    assert segments[1]["notes"] is None
    assert segments[2]["draft_text"] == "de:DROP: the CSTO chief spoke afterwards."
    assert segments[2]["notes"] == "Glossar: im Entwurf fehlt „CSTO“"
