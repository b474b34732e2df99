"""A translation job drafts paragraphs approved before from the memory: provider tm, no engine call."""

import uuid

from tests.memory.conftest import approve_all


def test_job_drafts_known_paragraphs_from_memory_and_sends_only_the_rest(libre, translator, editor):
    tag = uuid.uuid4().hex[:6]
    boilerplate = [
        f"Moscow, December 2 ({tag}). The agency's correspondent reports from the Kremlin press pool.",
        "All rights reserved. Reproduction of this material requires written permission of the editors.",
    ]
    first = translator.post(
        "/api/documents",
        json={
            "text": "\n\n".join([f"First story {tag}", *boilerplate]),
            "source_lang": "en",
            "outlet": "TASS",
        },
    ).json()
    approve_all(
        translator,
        editor,
        first,
        {1: f"Moskau, 2. Dezember ({tag}). Aus dem Pressepool des Kremls.", 2: "Alle Rechte vorbehalten."},
    )
    fresh = f"The second story {tag} is about something else entirely, namely the weather in Siberia."
    second = translator.post(
        "/api/documents",
        json={
            "text": "\n\n".join([f"Second story {tag}", boilerplate[0], fresh, boilerplate[1]]),
            "source_lang": "en",
            "outlet": "TASS",
        },
    ).json()
    sent_before = len(libre.texts())

    job = translator.post(
        f"/api/documents/{second['id']}/translate", json={"provider": "libretranslate"}
    ).json()
    job = translator.get(f"/api/jobs/{job['id']}").json()
    assert job["status"] == "done" and job["tm_hits"] == 2 and job["done"] == job["total"] == 4
    sent = libre.texts()[sent_before:]
    assert sorted(sent) == sorted([f"Second story {tag}", fresh]), (
        "the engine never saw the remembered paragraphs"
    )
    segs = translator.get(f"/api/documents/{second['id']}").json()["segments"]
    by_pos = {s["position"]: s for s in segs}
    for pos, german in (
        (1, f"Moskau, 2. Dezember ({tag}). Aus dem Pressepool des Kremls."),
        (3, "Alle Rechte vorbehalten."),
    ):
        assert (
            by_pos[pos]["draft_provider"] == "tm" and by_pos[pos]["status"] == "draft"
        )  # never approved by itself
        assert by_pos[pos]["draft_text"] == by_pos[pos]["target_text"] == german
    assert by_pos[2]["draft_provider"] == "libretranslate" and by_pos[2]["draft_text"] == "de:" + fresh
    revisions = translator.get(f"/api/segments/{by_pos[1]['id']}/revisions").json()
    assert [(r["kind"], r["provider"], r["user"]) for r in revisions] == [("machine", "tm", "mt:tm")]


def test_job_on_an_all_remembered_document_makes_no_engine_call(libre, translator, editor):
    tag = uuid.uuid4().hex[:6]
    paragraphs = [
        f"Headline {tag}",
        f"Body {tag}: the parliament adopted the budget for next year in the third reading.",
    ]
    first = translator.post(
        "/api/documents", json={"text": "\n\n".join(paragraphs), "source_lang": "en"}
    ).json()
    approve_all(
        translator,
        editor,
        first,
        {0: f"Schlagzeile {tag}", 1: f"Text {tag}: Das Parlament nahm den Haushalt an."},
    )
    # the same paragraphs in another order: another document (the first is not found again by its hash)
    again = translator.post(
        "/api/documents", json={"text": "\n\n".join(paragraphs[::-1]), "source_lang": "en"}
    ).json()
    assert again["id"] != first["id"]
    from app.drafting.providers import get_registry

    calls = get_registry().get("libretranslate").engine_calls
    sent_before = len(libre.texts())
    job = translator.post(
        f"/api/documents/{again['id']}/translate", json={"provider": "libretranslate"}
    ).json()
    job = translator.get(f"/api/jobs/{job['id']}").json()
    assert job["status"] == "done" and job["tm_hits"] == 2
    assert get_registry().get("libretranslate").engine_calls == calls and libre.texts()[sent_before:] == []
