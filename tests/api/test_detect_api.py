"""/api/detect and one-line ingest: a short text without a clear language is a 422 with candidates."""

import pytest

from testkit.samples import EN

# Names only. ("Biden and Xi meet\nTrade talks resume" was here too: lingua's second opinion now
# routes it as English, which tests/detection/test_short_texts.py accepts.)
NO_LANGUAGE = ["Путин и Си", "Biden Putin Xi", "Trump Biden Harris"]


def _uncertain(r) -> dict:
    assert r.status_code == 422, r.text
    err = r.json()["error"]
    assert err["code"] == "language_uncertain" and err["message"]
    assert err["candidates"] and all(0 <= c["confidence"] <= 1 for c in err["candidates"])
    assert err["supported"] == ["de", "en", "ru"]
    return err


@pytest.mark.parametrize("text", NO_LANGUAGE)
def test_detect_answers_uncertain_with_candidates(translator, text):
    _uncertain(translator.post("/api/detect", json={"text": text}))
    _uncertain(translator.get("/api/detect", params={"text": text}))


def test_detect_still_answers_a_clear_text(translator):
    r = translator.post("/api/detect", json={"text": EN})
    assert r.status_code == 200 and r.json()["lang"] == "en" and r.json()["supported"] is True
    uk = translator.get(
        "/api/detect", params={"text": "Уряд оголосив про нові санкції проти експортерів нафти."}
    )
    assert uk.status_code == 200 and uk.json()["lang"] == "uk" and uk.json()["supported"] is False


def test_detect_needs_a_login(anon):
    assert anon.post("/api/detect", json={"text": "Biden Putin Xi"}).status_code == 401


@pytest.mark.parametrize("text", NO_LANGUAGE)
def test_one_line_ingest_is_uncertain_and_stores_nothing(translator, text):
    _uncertain(translator.post("/api/documents", json={"text": text}))
    assert translator.get("/api/documents").json()["items"] == []
    ok = translator.post("/api/documents", json={"text": text, "source_lang": "en"})
    assert ok.status_code == 201 and ok.json()["source_lang"] == "en"


def test_a_short_title_is_judged_with_its_article(translator):
    body = "Biden Putin Xi\n\n" + "\n\n".join(EN.split("\n\n")[1:])
    doc = translator.post("/api/documents", json={"text": body})
    assert doc.status_code == 201, doc.text
    segments = doc.json()["segments"]
    assert doc.json()["source_lang"] == "en" and segments[0]["source_text"] == "Biden Putin Xi"
    assert {s["source_lang"] for s in segments} == {"en"}


def test_a_ukrainian_headline_nothing_tells_from_russian_is_uncertain_not_russian(translator):
    # No і/ї/є, no apostrophe, no Ukrainian function word: ingested alone it was translated as ru.
    headline = "Вибори мера перенесли на травень"
    err = _uncertain(translator.post("/api/detect", json={"text": headline}))
    assert {c["lang"] for c in err["candidates"]} >= {"ru", "uk"}
    _uncertain(translator.post("/api/documents", json={"text": headline}))
    assert translator.get("/api/documents").json()["items"] == []
