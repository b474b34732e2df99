"""POST /api/documents: language outcomes, normalisation, segmentation, dedupe, error codes."""

import pytest

from testkit.samples import DE, EN, FR, RU, UK


def test_english_text_is_ingested_with_title_heading_and_paragraphs(translator):
    r = translator.post(
        "/api/documents",
        json={"text": EN, "outlet": "Global Times", "source_url": "https://www.globaltimes.cn/page/1.shtml"},
    )
    assert r.status_code == 201, r.text
    doc = r.json()
    assert doc["source_lang"] == "en" and doc["status"] == "ingested"
    assert doc["title"] == "China needs security coordination with neighbors over Kazakhstan"
    kinds = [s["kind"] for s in doc["segments"]]
    assert kinds == ["title", "paragraph", "heading", "paragraph", "paragraph"]
    assert [s["position"] for s in doc["segments"]] == list(range(5))
    assert all(s["status"] == "new" and s["target_text"] is None for s in doc["segments"])
    assert doc["segments"][2]["source_text"] == "Energy cooperation"
    assert doc["created_by"] == "translator"


def test_russian_keeps_the_dateline_inside_its_paragraph(translator):
    doc = translator.post("/api/documents", json={"text": RU, "outlet": "TASS"}).json()
    assert doc["source_lang"] == "ru"
    assert doc["segments"][1]["source_text"].startswith("ЖЕНЕВА, 10 января. /ТАСС/. Соединенные Штаты")
    assert doc["segments"][0]["kind"] == "title"


def test_german_is_stored_approved_without_translation(translator):
    doc = translator.post("/api/documents", json={"text": DE}).json()
    assert doc["source_lang"] == "de" and doc["status"] == "approved"
    for seg in doc["segments"]:
        assert seg["status"] == "approved" and seg["target_text"] == seg["source_text"]
    r = translator.post(f"/api/documents/{doc['id']}/translate", json={"provider": "none"})
    assert r.status_code == 409 and r.json()["error"]["code"] == "not_translatable"


@pytest.mark.parametrize(("text", "lang"), [(UK, "uk"), (FR, "fr")])
def test_other_languages_are_refused_and_nothing_is_stored(translator, text, lang):
    r = translator.post("/api/documents", json={"text": text})
    assert r.status_code == 422
    err = r.json()["error"]
    assert err["code"] == "unsupported_language" and err["detected"] == lang and err["message"]
    assert translator.get("/api/documents").json()["items"] == []


def test_source_lang_override_accepts_what_detection_refuses(translator):
    r = translator.post("/api/documents", json={"text": UK, "source_lang": "ru"})
    assert r.status_code == 201 and r.json()["source_lang"] == "ru"
    bad = translator.post("/api/documents", json={"text": EN + " x", "source_lang": "xx"})
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "unsupported_language"


def test_same_text_or_same_source_url_returns_the_existing_document(translator):
    first = translator.post("/api/documents", json={"text": EN, "source_url": "https://example.org/a"})
    again = translator.post("/api/documents", json={"text": EN})
    by_url = translator.post("/api/documents", json={"text": RU, "source_url": "https://example.org/a"})
    assert first.status_code == 201
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    assert by_url.status_code == 200 and by_url.json()["id"] == first.json()["id"]
    assert len(translator.get("/api/documents").json()["items"]) == 1


def test_normalisation_nfc_line_endings_controls_whitespace(translator):
    decomposed = "Cafe\u0301 talks resume\r\n\r\n  The  talks\x07 in Geneva\u200b resumed on Monday, officials said.  \r\n"
    doc = translator.post("/api/documents", json={"text": decomposed, "source_lang": "en"}).json()
    texts = [s["source_text"] for s in doc["segments"]]
    assert texts == ["Café talks resume", "The talks in Geneva resumed on Monday, officials said."]


def test_repeated_paragraph_is_stored_once(translator):
    para = "The talks in Geneva resumed on Monday, officials from both sides said in a statement."
    doc = translator.post(
        "/api/documents", json={"text": f"{para}\n\nSecond paragraph here.\n\n{para}", "source_lang": "en"}
    ).json()
    assert [s["source_text"] for s in doc["segments"]].count(para) == 1


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"text": "   \n  "}, 422, "empty_text"),
        ({"text": EN, "html": "<p>x</p>"}, 422, "ambiguous_source"),
        ({"outlet": "TASS"}, 422, "missing_source"),
        ({"url": "ftp://example.org/x"}, 422, "invalid_url"),
        ({"html": "<html><body><nav>Home</nav></body></html>"}, 422, "no_article"),
        ({"text": "x" * 1_000_001}, 413, "too_large"),
        ({"text": 12}, 422, "invalid_input"),
    ],
)
def test_bad_input_gets_a_specific_code(translator, body, status, code):
    r = translator.post("/api/documents", json=body)
    assert r.status_code == status, r.text
    assert r.json()["error"]["code"] == code


def test_malformed_json_is_a_4xx_with_code(translator):
    r = translator.post(
        "/api/documents", content=b'{"text": "abc', headers={"Content-Type": "application/json"}
    )
    assert r.status_code == 422 and r.json()["error"]["code"] == "malformed_json"


def test_html_ingest_extracts_the_article(translator):
    html = """<html><head><title>Talks | Example News</title><meta property="og:site_name" content="Example News">
    </head><body><nav><a href="/">Home</a> <a href="/w">World</a></nav><div class="ad">Subscribe now!</div>
    <article><h1>Talks resume in Geneva</h1>
    <p>The talks in Geneva resumed on Monday after a long pause, officials from both delegations said in a joint statement.</p>
    <h2>What comes next</h2><p>The next round of consultations is planned for Brussels later this week, according to the statement.</p>
    <script>document.title='x'</script></article><footer>Copyright Example News. All rights reserved.</footer></body></html>"""
    doc = translator.post("/api/documents", json={"html": html}).json()
    assert doc["title"] == "Talks resume in Geneva"
    assert [s["kind"] for s in doc["segments"]] == ["title", "paragraph", "heading", "paragraph"]
    body = " ".join(s["source_text"] for s in doc["segments"])
    assert "Subscribe" not in body and "Copyright" not in body and "document.title" not in body
    assert doc["site_name"] == "Example News" and doc["input_kind"] == "html"


def test_the_same_page_extracts_every_time(translator):
    html = """<html><head><title>Talks</title></head><body><article><h1>Talks resume</h1>
    <p>The talks in Geneva resumed on Monday after a long pause, officials from both delegations said in a joint statement.</p>
    <p>The next round of consultations is planned for Brussels later this week, according to the statement.</p>
    </article></body></html>"""
    from app.ingest.extract import extract_html

    for _ in range(5):  # trafilatura's own duplicate filter would drop it after a few times
        assert [b.kind for b in extract_html(html).blocks] == ["paragraph", "paragraph"]
