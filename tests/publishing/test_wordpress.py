"""WordPressClient against a loopback server imitating the WordPress REST API."""

from datetime import UTC, datetime

import httpx
import pytest

from app.config import Settings
from app.errors import InvalidInput, PublishFailed, PublishUnauthorized, ServiceUnavailable
from app.exporters import html
from app.exporters.types import PostBlock, PostView
from app.publishing.wordpress import (
    LedgerEntry,
    WordPressClient,
    WordPressSite,
    content_hash,
    site_from_settings,
)
from testkit.fake_wordpress import FakeWordPress


@pytest.fixture
def wp():
    site = FakeWordPress().start()
    yield site
    site.stop()


def _site(wp: FakeWordPress, **kw) -> WordPressSite:
    fields = {
        "base_url": wp.url + "/",
        "username": wp.user,
        "app_password": wp.password,
        "timeout": 2.0,
        "retry_wait": 0.0,
    }
    return WordPressSite(**{**fields, **kw})


def _post(**kw) -> PostView:
    fields = dict(
        id=7,
        title='USA sind "bereit" zu reden',
        outlet="TASS",
        source_url="https://tass.ru/x",
        source_label=None,
        original_url=None,
        original_label=None,
        subtitle=None,
        byline=None,
        published_at=datetime(2022, 1, 10, 9, 30, tzinfo=UTC),
        blocks=[PostBlock("paragraph", 'Er sagte: "Wir sind bereit."')],
        read_more=False,
        read_more_url=None,
        full_original_line=None,
        credit=None,
        categories=["Russland", "Krieg & Frieden"],
        tags=["USA"],
        slug="usa-sind-bereit",
        status="ready",
    )
    fields.update(kw)
    return PostView(**fields)


def _publish(wp, post=None, ledger=None, **site_kw):
    post = post or _post()
    with WordPressClient(_site(wp, **site_kw)) as client:
        return client.publish(post=post, html=html.render_post(post), ledger=ledger)


def test_create_sends_html_slug_date_and_term_ids(wp):
    ledger = _publish(wp)
    assert len(wp.posts) == 1
    remote = wp.posts[ledger.remote_id]
    assert remote["slug"] == "usa-sind-bereit" == ledger.slug
    assert remote["date_gmt"] == "2022-01-10T09:30:00"
    assert remote["status"] == "publish" == ledger.status
    assert remote["title"]["raw"] == "USA sind „bereit“ zu reden (TASS)"
    assert "<p>Er sagte: „Wir sind bereit.“</p>" in remote["content"]["raw"]
    assert '"' not in remote["content"]["raw"].replace('href="https://tass.ru/x"', "")
    names = {t["name"] for t in wp.terms["categories"].values()}
    assert names == {"Russland", "Krieg &amp; Frieden"}
    assert sorted(remote["categories"]) == sorted(wp.terms["categories"])
    assert remote["tags"] == list(wp.terms["tags"])
    assert ledger.content_hash == content_hash(post=_post(), html=html.render_post(_post()))
    assert ledger.link and ledger.site == wp.url


def test_republish_updates_by_remote_id_without_lookup(wp):
    first = _publish(wp)
    wp.log.clear()
    changed = _post(blocks=[PostBlock("paragraph", "Neuer Text.")])
    second = _publish(wp, changed, ledger=first)
    assert second.remote_id == first.remote_id and len(wp.posts) == 1
    assert wp.posts[first.remote_id]["content"]["raw"].endswith("<p>Neuer Text.</p>\n")
    assert second.content_hash != first.content_hash
    assert not any("slug=" in path for _, path in wp.log)
    assert ("POST", f"/wp-json/wp/v2/posts/{first.remote_id}") in wp.log


def test_timeout_after_create_finds_post_by_slug_and_creates_no_second(wp):
    wp.create_delay = 0.8
    ledger = _publish(wp, timeout=0.3)
    assert len(wp.posts) == 1
    assert ledger.remote_id == next(iter(wp.posts))
    lookups = [p for m, p in wp.log if m == "GET" and p.startswith("/wp-json/wp/v2/posts?")]
    assert lookups and all("status=any" in p and "context=edit" in p for p in lookups)
    assert [m for m, p in wp.log if p == "/wp-json/wp/v2/posts" and m == "POST"] == ["POST"]
    wp.create_delay = 0.0
    again = _publish(wp, ledger=ledger)
    assert again.remote_id == ledger.remote_id and len(wp.posts) == 1


class _TimeoutAfterSend(httpx.BaseTransport):
    """Forwards every request but answers the first create with a timeout (simulated)."""

    def __init__(self) -> None:
        self.inner, self.tripped = httpx.HTTPTransport(), False

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        if request.method == "POST" and request.url.path.endswith("/posts") and not self.tripped:
            self.tripped = True
            response.close()
            raise httpx.ReadTimeout("simulated", request=request)
        return response


def test_simulated_client_side_timeout_yields_exactly_one_post(wp):
    post = _post()
    transport = _TimeoutAfterSend()
    with WordPressClient(_site(wp), transport=transport) as client:
        ledger = client.publish(post=post, html=html.render_post(post), ledger=None)
    assert transport.tripped and len(wp.posts) == 1
    assert ledger.remote_id in wp.posts


def test_lost_ledger_adopts_existing_post_instead_of_duplicating(wp):
    first = _publish(wp)
    lost = LedgerEntry(
        site=wp.url, remote_id=None, slug=first.slug, content_hash="", status="pending", link=None
    )
    assert _publish(wp, ledger=lost).remote_id == first.remote_id
    assert _publish(wp, ledger=None).remote_id == first.remote_id
    assert len(wp.posts) == 1


def test_foreign_post_with_same_slug_is_not_adopted(wp):
    _publish(wp)
    other = _post(
        id=8,
        published_at=datetime(2021, 5, 1, tzinfo=UTC),
        blocks=[PostBlock("paragraph", "Anderer Beitrag.")],
    )
    ledger = _publish(wp, other)
    assert len(wp.posts) == 2 and ledger.slug == "usa-sind-bereit-2"


def test_remote_post_deleted_is_created_again(wp):
    first = _publish(wp)
    del wp.posts[first.remote_id]
    second = _publish(wp, ledger=first)
    assert second.remote_id != first.remote_id and len(wp.posts) == 1


def test_wrong_password_is_publish_unauthorized(wp):
    with pytest.raises(PublishUnauthorized) as info:
        _publish(wp, app_password="wrong")
    assert info.value.code == "publish_unauthorized" and info.value.status == 502
    assert info.value.extra["remote_status"] == 401
    assert "credentials" in info.value.message
    assert wp.posts == {}


def test_server_error_is_publish_failed(wp):
    wp.fail_next = 500
    with pytest.raises(PublishFailed) as info:
        _publish(wp)
    assert info.value.code == "publish_failed" and info.value.extra["remote_status"] == 500


def test_unreachable_site_is_publish_failed():
    site = WordPressSite(base_url="http://127.0.0.1:9", username="u", app_password="p", timeout=1.0)
    with WordPressClient(site) as client, pytest.raises(PublishFailed):
        client.publish(post=_post(), html="<p>x</p>", ledger=None)


def test_unpublish_turns_post_into_draft(wp):
    ledger = _publish(wp)
    with WordPressClient(_site(wp)) as client:
        hidden = client.unpublish(ledger)
        assert hidden.status == "draft" and wp.posts[ledger.remote_id]["status"] == "draft"
        with pytest.raises(InvalidInput) as info:
            client.unpublish(LedgerEntry(wp.url, None, "x", "", "draft", None))
    assert info.value.code == "not_published"
    assert _publish(wp, ledger=hidden).status == "publish" and len(wp.posts) == 1


def test_existing_terms_are_reused(wp):
    _publish(wp)
    _publish(wp, _post(id=9, slug="zweiter", published_at=datetime(2022, 1, 11, tzinfo=UTC)))
    assert len(wp.terms["categories"]) == 2 and len(wp.terms["tags"]) == 1


def test_site_settings():
    with pytest.raises(ServiceUnavailable) as info:
        site_from_settings(Settings(wordpress_url=None))
    assert info.value.code == "publish_not_configured"
    site = site_from_settings(
        Settings(
            wordpress_url="https://blog.example/",
            wordpress_user="a",
            wordpress_app_password="b c",
            wordpress_timeout=5,
        )
    )
    assert site.api_root == "https://blog.example/wp-json/wp/v2" and site.timeout == 5
    with pytest.raises(ValueError):
        WordPressSite(base_url="ftp://x", username="a", app_password="b")
