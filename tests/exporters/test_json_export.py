"""JSON of a post and of a day."""

import json
from datetime import date

from app.exporters import html, json_export, text
from testkit.sample_posts import sample_post


def test_post_json_fields():
    post = sample_post()
    data = json.loads(json_export.render_post(post))
    assert data["id"] == 42 and data["document_id"] == 5
    assert data["display_title"] == "Nach Kasachstan: „Putin’s“ Plan (The Cradle)"
    assert data["source"] == {"url": "https://thecradle.co/a?x=1&y=2", "label": "Quelle:"}
    assert data["published_at"] == "2022-01-10T23:30:00+00:00"
    assert data["published_local"] == "2022-01-11T00:30:00+01:00"
    assert [b["kind"] for b in data["blocks"]] == ["paragraph", "omission", "heading", "paragraph"]
    assert data["blocks"][3]["text"] == "Zweiter Absatz …"
    assert data["html"] == html.render_post(post) and data["text"] == text.render_post(post)
    assert data["categories"] == ["Kasachstan", "Krieg & Frieden"] and data["read_more_url"] is None
    assert data["full_original"] == {
        "line": "Das vollständige Interview hier:",
        "url": "https://example.org/full",
    }


def test_day_json():
    a = sample_post(id=1)
    b = sample_post(id=2, published_at=a.published_at.replace(minute=45))
    data = json.loads(json_export.render_day(date(2022, 1, 11), [a, b]))
    assert data["date"] == "2022-01-11" and data["heading"] == "11. Januar 2022"
    assert [p["id"] for p in data["posts"]] == [2, 1]
