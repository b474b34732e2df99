"""The editor's provider choice with language-model engines: llm and a profile, drafts and the job's tokens."""

import json

import pytest
from playwright.sync_api import expect

from testkit import fake_llm
from testkit.browser import PASSWORDS, run_server
from tests.e2e.helpers import article, open_editor


@pytest.fixture(scope="module")
def chat_server():
    server = fake_llm.start()
    yield server
    fake_llm.stop(server)


@pytest.fixture(scope="module")
def server(browser, tmp_path_factory, chat_server):
    """This module's own werkbank, with `llm` and the profile `llm:zweitmodell` on the loopback imitation."""
    env = {
        "WERKBANK_TRANSLATOR_LLM_URL": chat_server.url,
        "WERKBANK_TRANSLATOR_LLM_MODEL": "llama3.1:8b",
        "WERKBANK_TRANSLATOR_LLM_PROFILES": json.dumps({"zweitmodell": {"model": "qwen2.5:7b"}}),
    }
    with run_server(tmp_path_factory.mktemp("werkbank-llm"), tiny_model=False, env=env) as srv:
        srv.add_user("erika", "editor", PASSWORDS["erika"])
        yield srv


def _german_number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def test_editor_translates_with_llm_and_shows_the_tokens(new_page, server, api, chat_server):
    client = api("erika")
    doc = client.post("/api/documents", json={"text": article(5)}).json()
    page = new_page("erika")
    open_editor(page, server, doc["id"])
    llm = page.locator('#provider option[value="llm"]')
    expect(llm).to_be_enabled()
    expect(llm).to_have_text("llm")  # a loopback server: not labelled as sending text to third parties
    expect(page.locator('#provider option[value="llm:zweitmodell"]')).to_be_enabled()
    expect(page.locator("#job-tokens")).to_be_hidden()

    page.select_option("#provider", "llm")
    page.click("#translate")
    expect(page.locator("#job-status")).to_have_text("Übersetzung fertig: 6/6")
    expect(page.locator(".seg[data-status=draft]")).to_have_count(6)
    expect(page.locator(".seg .draft summary").first).to_have_text("Maschinenentwurf (llm)")
    segs = client.get(f"/api/documents/{doc['id']}").json()["segments"]
    assert [s["draft_text"] for s in segs] == ["de:" + s["source_text"] for s in segs]
    assert page.locator(".seg textarea").first.input_value() == segs[0]["draft_text"]
    prompt, completion = (sum(u[i] for u in chat_server.usages) for i in (0, 1))
    expect(page.locator("#job-tokens")).to_have_text(
        f"Tokens: {_german_number(prompt)} Eingabe, {_german_number(completion)} Ausgabe"
    )
    assert chat_server.requests[-1].body["model"] == "llama3.1:8b"

    other = client.post("/api/documents", json={"text": article(2)}).json()
    open_editor(page, server, other["id"])
    page.select_option("#provider", "llm:zweitmodell")
    page.click("#translate")
    expect(page.locator("#job-status")).to_have_text("Übersetzung fertig: 3/3")
    expect(page.locator(".seg .draft summary").first).to_have_text("Maschinenentwurf (llm:zweitmodell)")
    assert chat_server.requests[-1].body["model"] == "qwen2.5:7b"
    assert page.errors == []
