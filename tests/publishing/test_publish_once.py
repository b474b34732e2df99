"""Issue 10, finding 3: many concurrent publishes of one post make one WordPress post (live server, both databases)."""

import pytest

from testkit.concurrent import at_once, live_admin
from testkit.fake_wordpress import FakeWordPress
from testkit.samples import DE


@pytest.fixture
def wp():
    site = FakeWordPress().start()
    yield site
    site.stop()


def _post(api) -> dict:
    """A post from a German text (kept as it is, so its segments are approved at once)."""
    doc = api.post("/api/documents", json={"text": DE, "outlet": "DW"}).json()
    ids = [s["id"] for s in doc["segments"] if s["kind"] != "title"]
    r = api.post(
        "/api/posts", json={"document_id": doc["id"], "segment_ids": ids, "categories": ["Kasachstan"]}
    )
    assert r.status_code == 201, r.text
    return r.json()


def test_twenty_concurrent_publishes_make_one_wordpress_post(tmp_path, db_url, wp):
    env = {
        "WERKBANK_WORDPRESS_URL": wp.url,
        "WERKBANK_WORDPRESS_USER": wp.user,
        "WERKBANK_WORDPRESS_APP_PASSWORD": wp.password,
    }
    with live_admin(tmp_path / "data", db_url, **env) as (_, api):
        post = _post(api)
        wp.create_delay = 2.0  # WordPress is slow to answer the create: every other request arrives meanwhile
        answers = at_once(20, lambda _: api.post(f"/api/posts/{post['id']}/publish"))
        codes = sorted(r.status_code for r in answers)
        assert codes == [200] + [409] * 19, [r.text for r in answers]
        assert {r.json()["error"]["code"] for r in answers if r.status_code == 409} == {"publish_in_progress"}
        assert len(wp.posts) == 1
        [won] = [r.json() for r in answers if r.status_code == 200]
        assert won["remote_id"] in wp.posts and won["post"]["status"] == "published"

        wp.create_delay = 0
        api.patch(f"/api/posts/{post['id']}", json={"credit": "Übersetzung: Werkbank"})
        again = api.post(f"/api/posts/{post['id']}/publish")
        assert again.status_code == 200 and again.json()["remote_id"] == won["remote_id"]
        assert "Übersetzung: Werkbank" in wp.posts[won["remote_id"]]["content"]["raw"]

        downs = at_once(10, lambda _: api.post(f"/api/posts/{post['id']}/unpublish"))
        assert {r.status_code for r in downs} <= {200, 409} and 200 in {r.status_code for r in downs}
        assert api.get(f"/api/posts/{post['id']}").json()["status"] == "ready"
        assert len(wp.posts) == 1 and wp.posts[won["remote_id"]]["status"] == "draft"
