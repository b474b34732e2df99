"""What reaches WordPress over REST is escaped text: a hostile title never arrives as markup."""

from datetime import UTC, datetime
from html import unescape

import lxml.html
import pytest

from app.exporters import html
from app.exporters.types import PostBlock, PostView
from app.publishing.wordpress import WordPressClient, WordPressSite, content_hash
from testkit.fake_wordpress import FakeWordPress

HOSTILE = "<script>alert(1)</script> & „Zitat“"


@pytest.fixture
def wp():
    site = FakeWordPress().start()
    yield site
    site.stop()


def _post(**kw) -> PostView:
    fields = dict(
        id=7,
        title=HOSTILE,
        outlet="<b>TASS</b>",
        source_url="https://tass.ru/x",
        source_label="<i>Quelle:</i>",
        original_url=None,
        original_label=None,
        subtitle=f"Unter {HOSTILE}",
        byline=None,
        published_at=datetime(2022, 1, 10, 9, 30, tzinfo=UTC),
        blocks=[PostBlock("paragraph", "Text.")],
        read_more=False,
        read_more_url=None,
        full_original_line=None,
        credit=None,
        categories=["Russland"],
        tags=[],
        slug="hostile",
        status="ready",
    )
    fields.update(kw)
    return PostView(**fields)


def test_hostile_title_reaches_wordpress_as_escaped_text(wp):
    post = _post()
    site = WordPressSite(base_url=wp.url, username=wp.user, app_password=wp.password, timeout=2.0)
    with WordPressClient(site) as client:
        ledger = client.publish(post=post, html=html.render_post(post), ledger=None)
    remote = wp.posts[ledger.remote_id]
    # WordPress renders the title field as HTML (the fake passes it through like WordPress does).
    for shown in (remote["title"]["raw"], remote["title"]["rendered"]):
        assert "<" not in shown
        assert unescape(shown) == f"{HOSTILE} (<b>TASS</b>)"
    body = lxml.html.fragment_fromstring(remote["content"]["rendered"], create_parent="div")
    assert not {el.tag for el in body.iter()} & {"script", "b", "i"}
    assert f"Unter {HOSTILE}" in body.text_content()
    # The ledger hash is the same as before the escaping: published posts are not shown as changed.
    assert ledger.content_hash == content_hash(post=post, html=html.render_post(post))
