"""Opt-in: publishing against a real WordPress (see scripts/wordpress-test-server.sh).

Runs when WERKBANK_TEST_WORDPRESS_URL, _USER and _APP_PASSWORD are set.
"""

import os
import time
from datetime import UTC, datetime

import httpx
import pytest

from app.errors import PublishUnauthorized
from app.exporters import html
from app.exporters.types import PostBlock, PostView
from app.publishing.wordpress import WordPressClient, WordPressSite
from testkit.concurrent import at_once, live_admin
from testkit.samples import DE

ENV = {k: os.environ.get(f"WERKBANK_TEST_WORDPRESS_{k}") for k in ("URL", "USER", "APP_PASSWORD")}
pytestmark = pytest.mark.skipif(
    not all(ENV.values()), reason="set WERKBANK_TEST_WORDPRESS_URL/_USER/_APP_PASSWORD"
)


class TimeoutAfterFirstCreate(httpx.BaseTransport):
    """Sends every request for real, but reports the first create as timed out."""

    def __init__(self) -> None:
        self.inner, self.tripped = httpx.HTTPTransport(), False

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        if request.method == "POST" and request.url.path.endswith("/posts") and not self.tripped:
            self.tripped = True
            response.read()
            response.close()
            raise httpx.ReadTimeout("simulated timeout after create", request=request)
        return response


def _site(password: str | None = None) -> WordPressSite:
    return WordPressSite(
        base_url=ENV["URL"],
        username=ENV["USER"],
        app_password=password or ENV["APP_PASSWORD"],
        timeout=30,
        retry_wait=0,
    )


def _post(slug: str, text: str) -> PostView:
    return PostView(
        id=1,
        title='Test "Werkbank" Beitrag',
        outlet="TASS",
        source_url="https://tass.ru/1",
        source_label=None,
        original_url=None,
        original_label=None,
        subtitle=None,
        byline=None,
        published_at=datetime(2022, 1, 10, 9, 30, tzinfo=UTC),
        blocks=[PostBlock("paragraph", text)],
        read_more=False,
        read_more_url=None,
        full_original_line=None,
        credit="Übersetzung: Werkbank",
        categories=["Werkbank Test"],
        tags=["Kasachstan"],
        slug=slug,
        status="ready",
    )


def _remote(slug: str) -> list[dict]:
    auth = (ENV["USER"], ENV["APP_PASSWORD"])
    params = {"slug": slug, "status": "any", "context": "edit"}
    response = httpx.get(f"{ENV['URL']}/wp-json/wp/v2/posts", params=params, auth=auth)
    response.raise_for_status()
    return response.json()


def test_publish_timeout_republish_yields_one_post():
    slug = f"werkbank-test-{time.time_ns()}"
    first_post = _post(slug, 'Er sagte: "Wir sind bereit."')
    transport = TimeoutAfterFirstCreate()
    with WordPressClient(_site(), transport=transport) as client:
        ledger = client.publish(post=first_post, html=html.render_post(first_post), ledger=None)
    assert transport.tripped and ledger.remote_id
    with WordPressClient(_site()) as client:
        lost = client.publish(post=first_post, html=html.render_post(first_post), ledger=None)
        changed = _post(slug, "Zweite Fassung.")
        again = client.publish(post=changed, html=html.render_post(changed), ledger=lost)
        found = _remote(slug)
        assert [p["id"] for p in found] == [ledger.remote_id] == [lost.remote_id]
        assert again.remote_id == ledger.remote_id
        assert "Zweite Fassung." in found[0]["content"]["raw"]
        assert found[0]["title"]["raw"] == "Test „Werkbank“ Beitrag (TASS)"
        assert found[0]["date_gmt"] == "2022-01-10T09:30:00" and found[0]["slug"] == slug
        assert client.unpublish(again).status == "draft"
    httpx.delete(
        f"{ENV['URL']}/wp-json/wp/v2/posts/{ledger.remote_id}",
        params={"force": "true"},
        auth=(ENV["USER"], ENV["APP_PASSWORD"]),
    ).raise_for_status()


def test_wrong_application_password_is_unauthorized():
    post = _post(f"werkbank-test-{time.time_ns()}", "Text.")
    client = WordPressClient(_site("xxxx xxxx xxxx xxxx xxxx xxxx"))
    with client, pytest.raises(PublishUnauthorized):
        client.publish(post=post, html=html.render_post(post), ledger=None)


def test_twenty_concurrent_publishes_through_a_live_server_make_one_post(tmp_path, db_url):
    """Issue 10, finding 3, against the real site: one remote post; losers 409 or the same result."""
    env = {f"WERKBANK_WORDPRESS_{k}": v for k, v in ENV.items()}
    slug = f"werkbank-concurrent-{time.time_ns()}"
    with live_admin(tmp_path / "data", db_url, **env) as (_, api):
        doc = api.post("/api/documents", json={"text": DE}).json()
        ids = [s["id"] for s in doc["segments"] if s["kind"] != "title"]
        post = api.post(
            "/api/posts",
            json={
                "document_id": doc["id"],
                "segment_ids": ids,
                "slug": slug,
                "categories": ["Werkbank Test"],
            },
        ).json()
        answers = at_once(20, lambda _: api.post(f"/api/posts/{post['id']}/publish"))
    found = _remote(slug)
    try:
        assert {r.status_code for r in answers} <= {200, 409}, [r.text for r in answers]
        won = [r.json() for r in answers if r.status_code == 200]
        lost = [r.json()["error"]["code"] for r in answers if r.status_code == 409]
        assert won and set(lost) <= {"publish_in_progress"}
        assert [p["id"] for p in found] == [won[0]["remote_id"]]
        assert {w["remote_id"] for w in won} == {found[0]["id"]}
    finally:
        for item in found:
            httpx.delete(
                f"{ENV['URL']}/wp-json/wp/v2/posts/{item['id']}",
                params={"force": "true"},
                auth=(ENV["USER"], ENV["APP_PASSWORD"]),
            ).raise_for_status()
