"""Posts through the API: excerpt rules, defaults, slugs, days, exports, publishing."""

from datetime import UTC, datetime

import pytest
from lxml import etree

from testkit.samples import DE, EN


def _approve(translator, editor, seg, text):
    r = translator.patch(f"/api/segments/{seg['id']}", json={"target_text": text, "version": seg["version"]})
    assert r.status_code == 200, r.text
    r = editor.post(f"/api/segments/{seg['id']}/approve", json={"version": r.json()["version"]})
    assert r.status_code == 200, r.text
    return r.json()


@pytest.fixture
def gt_doc(translator, editor):
    """A translated Global Times article: title and paragraphs 1, 3, 4 approved; heading 2 not."""
    doc = translator.post(
        "/api/documents",
        json={
            "text": EN,
            "outlet": "Global Times China",
            "source_url": "https://www.globaltimes.cn/page/202201/1245475.shtml",
        },
    ).json()
    segs = doc["segments"]
    german = {
        0: "China braucht Sicherheitskoordination mit Nachbarländern über Kasachstan",
        1: 'Die Unruhen in Kasachstan haben "weltweite" Aufmerksamkeit erregt.',
        3: "Inzwischen haben China und Kasachstan Erfolge in der Energiekooperation erzielt.",
        4: "Daher ist es notwendig, die Stabilität in Kasachstan zu fördern...",
    }
    for pos, text in german.items():
        _approve(translator, editor, segs[pos], text)
    return translator.get(f"/api/documents/{doc['id']}").json()


def test_post_defaults_excerpt_omissions_and_typography(translator, gt_doc):
    segs = gt_doc["segments"]
    r = translator.post(
        "/api/posts",
        json={
            "document_id": gt_doc["id"],
            "segment_ids": [segs[1]["id"], segs[4]["id"]],
            "published_at": "2022-01-10T09:30:00+01:00",
        },
    )
    assert r.status_code == 201, r.text
    post = r.json()
    assert post["title"] == "China braucht Sicherheitskoordination mit Nachbarländern über Kasachstan"
    assert post["outlet"] == "Global Times China" and post["source_url"].startswith(
        "https://www.globaltimes.cn/"
    )
    assert post["slug"] == "china-braucht-sicherheitskoordination-mit-nachbarlaendern-ueber-kasachstan"
    assert post["status"] == "draft"
    preview = translator.get(f"/api/posts/{post['id']}/preview").json()
    assert (
        preview["title"]
        == "China braucht Sicherheitskoordination mit Nachbarländern über Kasachstan (Global Times China)"
    )
    assert "„weltweite“" in preview["html"] and '"' not in preview["html"].replace('href="', "").replace(
        '">', ""
    )
    assert "(…)" in preview["html"] and "..." not in preview["html"]
    assert 0 < preview["share"] < 1 and preview["quoted_chars"] < preview["total_chars"]
    assert {c["rule"] for c in preview["typography_changes"]} >= {"quotes"} or preview["typography_changes"]
    md = translator.get(f"/api/posts/{post['id']}/export?format=markdown").text
    assert md.index("Die Unruhen") < md.index("(…)") < md.index("Daher ist es notwendig")


def test_unapproved_or_foreign_segments_are_refused(translator, gt_doc):
    heading = gt_doc["segments"][2]
    r = translator.post("/api/posts", json={"document_id": gt_doc["id"], "segment_ids": [heading["id"]]})
    assert r.status_code == 422 and r.json()["error"]["code"] == "segment_not_approved"
    assert r.json()["error"]["segment_ids"] == [heading["id"]]
    other = translator.post("/api/documents", json={"text": DE}).json()
    r = translator.post(
        "/api/posts", json={"document_id": gt_doc["id"], "segment_ids": [other["segments"][1]["id"]]}
    )
    assert r.status_code == 422 and r.json()["error"]["code"] == "segment_not_approved"
    no_title = translator.post(
        "/api/documents", json={"text": EN.replace("China needs", "Beijing needs")}
    ).json()
    r = translator.post("/api/posts", json={"document_id": no_title["id"]})
    assert r.status_code == 422 and r.json()["error"]["code"] == "title_missing"


def test_slugs_stay_unique_and_patch_revalidates(translator, gt_doc):
    first = translator.post("/api/posts", json={"document_id": gt_doc["id"], "title": "Größe & Maß"}).json()
    second = translator.post("/api/posts", json={"document_id": gt_doc["id"], "title": "Größe & Maß"}).json()
    assert first["slug"] == "groesse-mass" and second["slug"] == "groesse-mass-2"
    bad = translator.patch(f"/api/posts/{first['id']}", json={"segment_ids": [gt_doc["segments"][2]["id"]]})
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "segment_not_approved"
    ok = translator.patch(
        f"/api/posts/{first['id']}", json={"credit": "Übersetzung: Linke Zeitung", "tags": ["China"]}
    )
    assert ok.json()["credit"] == "Übersetzung: Linke Zeitung" and ok.json()["tags"] == ["China"]
    assert translator.get(f"/api/posts/{first['id']}").json()["segment_ids"] == []


def test_ready_is_for_editors_and_days_follow_berlin_time(translator, editor, gt_doc):
    late = translator.post(
        "/api/posts",
        json={"document_id": gt_doc["id"], "title": "Spät am Abend", "published_at": "2022-01-09T23:30:00Z"},
    ).json()
    early = translator.post(
        "/api/posts",
        json={"document_id": gt_doc["id"], "title": "Am Vortag", "published_at": "2022-01-09T22:30:00Z"},
    ).json()
    assert translator.post(f"/api/posts/{late['id']}/ready").status_code == 403
    assert editor.post(f"/api/posts/{late['id']}/ready").json()["status"] == "ready"
    day = [p["id"] for p in translator.get("/api/posts?date=2022-01-10").json()]
    assert day == [late["id"]]  # 00:30 in Berlin
    assert [p["id"] for p in translator.get("/api/posts?date=2022-01-09").json()] == [early["id"]]
    assert [p["id"] for p in translator.get("/api/posts?status=ready").json()] == [late["id"]]
    text = translator.get("/api/days/2022-01-10/export?format=text").text
    assert "10. Januar 2022" in text and "Spät am Abend" in text and "Am Vortag" not in text


def test_day_wxr_parses_with_every_required_element(translator, gt_doc):
    segs = gt_doc["segments"]
    translator.post(
        "/api/posts",
        json={
            "document_id": gt_doc["id"],
            "segment_ids": [segs[1]["id"]],
            "categories": ["Kasachstan"],
            "tags": ["China", "SOZ"],
            "published_at": "2022-01-10T10:00:00+01:00",
        },
    )
    r = translator.get("/api/days/2022-01-10/export?format=wxr")
    assert r.headers["content-type"].startswith("application/rss+xml")
    root = etree.fromstring(r.content)
    ns = {"wp": "http://wordpress.org/export/1.2/", "content": "http://purl.org/rss/1.0/modules/content/"}
    assert root.findtext("channel/wp:wxr_version", namespaces=ns) == "1.2"
    item = root.find("channel/item")
    for path in (
        "title",
        "content:encoded",
        "wp:post_date",
        "wp:post_date_gmt",
        "wp:post_name",
        "wp:status",
        "wp:post_type",
    ):
        assert item.find(path, ns) is not None, path
    assert item.findtext("wp:post_date_gmt", namespaces=ns) == "2022-01-10 09:00:00"
    assert {c.get("nicename") for c in item.findall("category")} == {"kasachstan", "china", "soz"}


def test_pairs_export_round_trips_through_translate_toolkit(translator, gt_doc):
    from translate.storage import tmx, xliff

    tm = translator.get(f"/api/pairs/export?format=tmx&document_id={gt_doc['id']}")
    units = [u for u in tmx.tmxfile.parsestring(tm.content).units if u.source]
    approved = [s for s in gt_doc["segments"] if s["status"] == "approved"]
    assert [(u.source, u.target) for u in units] == [(s["source_text"], s["target_text"]) for s in approved]
    xl = translator.get("/api/pairs/export?format=xliff").content
    xunits = [u for u in xliff.xlifffile.parsestring(xl).units if u.source]
    assert [u.getid().split("/")[-1] for u in xunits] == [str(s["position"]) for s in approved]
    csv = translator.get("/api/pairs/export?format=csv").text.splitlines()
    assert (
        csv[0]
        == "document_id,position,source_lang,target_lang,source,machine_draft,target,status,editor,updated_at"
    )
    assert len(csv) == 1 + len(approved)
    future = translator.get("/api/pairs/export?format=jsonl&since=2999-01-01T00:00:00Z").text
    assert future.strip() == ""
    bad = translator.get("/api/pairs/export?format=docx")
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "unknown_format"


def test_publish_twice_makes_one_wordpress_post(translator, editor, gt_doc, monkeypatch):
    from testkit.fake_wordpress import FakeWordPress

    wp = FakeWordPress().start()
    try:
        monkeypatch.setenv("WERKBANK_WORDPRESS_URL", wp.url)
        monkeypatch.setenv("WERKBANK_WORDPRESS_USER", wp.user)
        monkeypatch.setenv("WERKBANK_WORDPRESS_APP_PASSWORD", wp.password)
        from app.config import get_settings

        get_settings.cache_clear()
        segs = gt_doc["segments"]
        post = translator.post(
            "/api/posts",
            json={"document_id": gt_doc["id"], "segment_ids": [segs[1]["id"]], "categories": ["Kasachstan"]},
        ).json()
        assert translator.post(f"/api/posts/{post['id']}/publish").status_code == 403
        first = editor.post(f"/api/posts/{post['id']}/publish").json()
        assert first["post"]["status"] == "published" and first["remote_id"]
        editor.patch(f"/api/posts/{post['id']}", json={"credit": "Übersetzung: Werkbank"})
        second = editor.post(f"/api/posts/{post['id']}/publish").json()
        assert second["remote_id"] == first["remote_id"]
        assert len(wp.posts) == 1
        remote = next(iter(wp.posts.values()))
        assert remote["slug"] == post["slug"] and "Übersetzung: Werkbank" in remote["content"]["raw"]
        down = editor.post(f"/api/posts/{post['id']}/unpublish").json()
        assert down["status"] == "ready" and next(iter(wp.posts.values()))["status"] == "draft"
    finally:
        wp.stop()


def test_publish_without_configuration_is_a_clear_503(editor, gt_doc):
    post = editor.post("/api/posts", json={"document_id": gt_doc["id"]}).json()
    r = editor.post(f"/api/posts/{post['id']}/publish")
    assert r.status_code == 503 and r.json()["error"]["code"] == "publish_not_configured"


def test_published_at_defaults_to_now(translator, gt_doc):
    post = translator.post("/api/posts", json={"document_id": gt_doc["id"]}).json()
    when = datetime.fromisoformat(post["published_at"].replace("Z", "+00:00"))
    assert abs((when.replace(tzinfo=when.tzinfo or UTC) - datetime.now(UTC)).total_seconds()) < 60


def test_posts_of_one_document(translator, gt_doc):
    mine = translator.post("/api/posts", json={"document_id": gt_doc["id"], "title": "Erster Beitrag"}).json()
    other_doc = translator.post("/api/documents", json={"text": DE}).json()
    other = translator.post("/api/posts", json={"document_id": other_doc["id"]}).json()
    assert [p["id"] for p in translator.get(f"/api/posts?document_id={gt_doc['id']}").json()] == [mine["id"]]
    assert [p["id"] for p in translator.get(f"/api/posts?document_id={other_doc['id']}").json()] == [
        other["id"]
    ]
    assert translator.get("/api/posts?document_id=999999").json() == []
