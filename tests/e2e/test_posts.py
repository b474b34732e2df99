"""The post editor: pick paragraphs, live preview, typography check, roles, exports, XSS, publishing."""

import re
import uuid

from playwright.sync_api import expect

from testkit.browser import run_server
from testkit.fake_wordpress import FakeWordPress
from tests.e2e.helpers import open_editor, screenshot

PARAGRAPHS = [
    "Mit erheblicher Sorge blickt die deutsche Wirtschaft auf die Unruhen und die künftige Entwicklung in "
    "Kasachstan. Dem Land wird einige Bedeutung im Machtkampf gegen China beigemessen.",
    "Experten urteilen nun jedoch, der Einsatz des von Moskau geführten Militärbündnisses in Kasachstan könne "
    "dies ändern. Die Bundesregierung äußert sich bislang zurückhaltend zu den Vorgängen.",
    "Kasachstan ist der wichtigste Handelspartner Deutschlands in Zentralasien und liefert Erdöl sowie Metalle, "
    "die für die Energiewende gebraucht werden.",
    "Ob die deutschen Unternehmen ihre Pläne nun ändern, ist offen; viele warten die nächsten Wochen ab.",
]


def german_doc(client, paragraphs=PARAGRAPHS, title="Kasachstan und die Energiewende"):
    """A German document (approved at once): title + paragraphs, unique so it is never deduplicated."""
    tag = uuid.uuid4().hex[:6]
    text = "\n\n".join([f"{title} {tag}", *paragraphs])
    doc = client.post("/api/documents", json={"text": text, "outlet": "German Foreign Policy"}).json()
    assert doc["source_lang"] == "de" and all(s["status"] == "approved" for s in doc["segments"])
    return doc


def preview_body(page):
    return page.frame_locator("#post-preview").locator("body")


def saved(page):
    expect(page.locator("#post-save")).to_have_attribute("data-state", "saved")


def test_pick_preview_typography_roles_ready_export(new_page, server, api):
    client = api("erika")
    doc = german_doc(client)
    ids = [s["id"] for s in doc["segments"]]  # 0 = title, 1..4 = paragraphs

    page = new_page("tom")  # a translator builds the post
    open_editor(page, server, doc["id"])
    page.click("#make-post")
    page.wait_for_selector("body[data-ready=post]")
    expect(page.locator("#pf-title")).to_have_value(doc["segments"][0]["target_text"])
    expect(page.locator(f"#pick-{ids[0]}")).to_be_disabled()  # the title is not body text
    expect(page.locator("#post-ready")).to_be_hidden()
    expect(page.locator("#post-publish")).to_be_hidden()

    page.check(f"#pick-{ids[1]}")
    page.check(f"#pick-{ids[3]}")
    saved(page)
    expect(page).to_have_url(re.compile(r"#/post/\d+$"))
    post_id = int(page.url.rsplit("/", 1)[1])
    expect(preview_body(page)).to_contain_text("(…)")
    body = preview_body(page).inner_text()
    assert (
        body.index("Mit erheblicher Sorge") < body.index("(…)") < body.index("Kasachstan ist der wichtigste")
    )
    expect(page.locator("#post-share")).to_contain_text(re.compile(r"Zitiert: [\d.]+ von [\d.]+ Zeichen .*%"))
    post = client.get(f"/api/posts/{post_id}").json()
    assert post["segment_ids"] == [ids[1], ids[3]] and post["created_by"] == "tom"

    page.fill("#pf-title", 'Die "Energiewende" in Kasachstan')
    page.fill("#pf-credit", "Übersetzung: Werkbank")
    saved(page)
    expect(page.locator("#typo-changes")).to_contain_text('Titel: „…“ statt "…" (Anführungszeichen)')
    expect(page.locator("#preview-title")).to_have_text(
        "Die „Energiewende“ in Kasachstan (German Foreign Policy)"
    )
    expect(preview_body(page)).to_contain_text("Übersetzung: Werkbank")
    post = client.get(f"/api/posts/{post_id}").json()
    assert post["credit"] == "Übersetzung: Werkbank" and post["title"] == 'Die "Energiewende" in Kasachstan'
    expect(page.locator("#post-budget")).to_be_visible()  # paragraphs 1 and 3 are 53 %: above the 50 % budget
    page.uncheck(f"#pick-{ids[3]}")
    expect(page.locator("#post-budget")).to_be_hidden()
    page.check(f"#pick-{ids[3]}")
    expect(page.locator("#post-budget")).to_contain_text("Zitatbudget")
    saved(page)
    expect(preview_body(page)).to_contain_text("Kasachstan ist der wichtigste")
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "post.png")

    markdown = page.request.get(server.base_url + page.get_attribute("#export-markdown", "href"))
    assert markdown.ok and "(…)" in markdown.text() and "Übersetzung: Werkbank" in markdown.text()

    editor = new_page("erika")
    editor.goto(f"{server.base_url}/#/post/{post_id}")
    editor.wait_for_selector("body[data-ready=post]")
    expect(editor.locator("#pf-credit")).to_have_value("Übersetzung: Werkbank")
    editor.click("#post-ready")
    expect(editor.locator("#post-status")).to_have_text("bereit")
    assert client.get(f"/api/posts/{post_id}").json()["status"] == "ready"
    editor.click("#post-publish")  # this server has no WordPress configured: the error in plain words
    expect(editor.locator("#publish-result")).to_contain_text("nicht eingerichtet")

    editor.click("#post-day")
    editor.wait_for_selector("body[data-ready=posts]")
    expect(editor.locator(f"#posts-rows tr[data-id='{post_id}']")).to_contain_text("bereit")
    assert editor.get_attribute("#day-export-wxr", "href").endswith("/export?format=wxr")
    editor.click("#posts-prev")
    expect(editor.locator(f"#posts-rows tr[data-id='{post_id}']")).to_have_count(0)
    assert not page.errors and not editor.errors


def test_unapproved_segments_cannot_be_ticked(new_page, server, api):
    client = api("erika")
    tag = "".join(chr(ord("a") + int(c, 16)) for c in uuid.uuid4().hex[:6])  # letters: no code for QA to miss
    text = "\n\n".join(
        [
            f"Economy grows {tag}",
            "The government said on Monday that the economy grew faster than expected.",
            "Officials pointed to strong exports and a recovery in consumer spending.",
        ]
    )
    doc = client.post("/api/documents", json={"text": text, "outlet": "BBC"}).json()
    segs = doc["segments"]
    for seg, german in (
        (segs[0], "Die Wirtschaft wächst"),
        (segs[1], "Die Regierung sagte am Montag etwas."),
    ):
        done = client.patch(
            f"/api/segments/{seg['id']}", json={"target_text": german, "version": seg["version"]}
        )
        client.post(
            f"/api/segments/{seg['id']}/approve", json={"version": done.json()["version"]}
        ).raise_for_status()

    page = new_page("erika")
    page.goto(f"{server.base_url}/#/doc/{doc['id']}/post")
    page.wait_for_selector("body[data-ready=post]")
    expect(page.locator(f"#pick-{segs[2]['id']}")).to_be_disabled()
    expect(page.locator(f"#pick-row-{segs[2]['id']}")).to_contain_text("nicht freigegeben")
    expect(page.locator("#pf-title")).to_have_value("Die Wirtschaft wächst")
    # Reopened after the page loaded: the server refuses it and the row is marked.
    current = client.get(f"/api/segments/{segs[1]['id']}").json()
    client.post(
        f"/api/segments/{segs[1]['id']}/reopen", json={"version": current["version"]}
    ).raise_for_status()
    page.check(f"#pick-{segs[1]['id']}")
    expect(page.locator(f"#pick-row-{segs[1]['id']}")).to_have_class(re.compile("rejected"))
    expect(page.locator("#post-notice")).to_contain_text("freigegeben")
    page.uncheck(f"#pick-{segs[1]['id']}")
    saved(page)
    page.fill("#pf-title", "")
    page.locator("#pf-title").blur()
    expect(page.locator("#post-notice")).to_contain_text("Titel")
    expect(page.locator("#pf-title")).to_have_attribute("aria-invalid", "true")


def test_source_markup_in_the_preview_runs_nothing(new_page, server, api):
    client = api("erika")
    evil = (
        "Die Polizei meldete am Abend einen Zwischenfall <img src=x onerror=\"alert('xss')\"> in der Stadt, "
        "<script>alert('xss')</script> teilte ein Sprecher der Behörden mit."
    )
    doc = german_doc(client, [PARAGRAPHS[0], evil, PARAGRAPHS[2]])
    ids = [s["id"] for s in doc["segments"]]
    post = client.post("/api/posts", json={"document_id": doc["id"], "segment_ids": ids[1:]}).json()

    page = new_page("erika")
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{server.base_url}/#/post/{post['id']}")
    page.wait_for_selector("body[data-ready=post]")
    expect(preview_body(page)).to_contain_text("<img src=x onerror=")
    assert page.get_attribute("#post-preview", "sandbox") == ""
    assert preview_body(page).locator("img, script").count() == 0
    page.wait_for_timeout(300)
    assert dialogs == [] and not page.errors
    expect(page.locator(f"#pick-row-{ids[2]}")).to_contain_text("<img src=x")  # shown as text in the picker


def test_publish_to_a_loopback_wordpress(browser, tmp_path):
    wp = FakeWordPress().start()
    env = {
        "WERKBANK_WORDPRESS_URL": wp.url,
        "WERKBANK_WORDPRESS_USER": wp.user,
        "WERKBANK_WORDPRESS_APP_PASSWORD": wp.password,
    }
    try:
        with run_server(tmp_path, tiny_model=False, env=env) as srv:
            srv.add_user("erika", "editor", "erika-passwort-1")
            with srv.client("erika") as client:
                doc = german_doc(client)
                ids = [s["id"] for s in doc["segments"]]
                post = client.post(
                    "/api/posts", json={"document_id": doc["id"], "segment_ids": ids[1:3]}
                ).json()
            context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
            context.set_default_timeout(10_000)
            context.add_cookies(
                [{"name": "werkbank_session", "value": srv.token("erika"), "url": srv.base_url}]
            )
            page = context.new_page()
            page.goto(f"{srv.base_url}/#/post/{post['id']}")
            page.wait_for_selector("body[data-ready=post]")
            page.click("#post-publish")
            expect(page.locator("#publish-result")).to_contain_text("Veröffentlicht auf")
            expect(page.locator("#post-status")).to_have_text("veröffentlicht")
            assert len(wp.posts) == 1 and next(iter(wp.posts.values()))["slug"] == post["slug"]
            page.click("#post-publish")  # again: the same remote post is updated
            expect(page.locator("#post-publish")).to_be_enabled()
            assert len(wp.posts) == 1
            page.click("#post-unpublish")
            expect(page.locator("#post-status")).to_have_text("bereit")
            assert next(iter(wp.posts.values()))["status"] == "draft"
            context.close()
    finally:
        wp.stop()


def test_berlin_times_and_quote_pairs(new_page, server):
    page = new_page()
    page.goto(server.base_url + "/")
    result = page.evaluate("""async () => {
        const f = await import('/js/format.js');
        const p = await import('/js/preview.js');
        return [f.toSiteInput('2022-01-10T08:30:00Z'), f.toSiteInput('2022-07-01T10:00:00+00:00'),
                f.fromSiteInput('2022-01-10T09:30'), f.fromSiteInput('2022-07-01T12:00'),
                f.fromSiteInput('2022-10-30T01:30'), f.shiftDay('2024-03-01', -1), f.fromSiteInput(''),
                p.pairQuotes([{field: 'title', rule: 'quote', before: '"', after: '„'},
                              {field: 'title', rule: 'quote', before: '"', after: '“'},
                              {field: 'blocks[0]', rule: 'ellipsis', before: '...', after: '…'}])
                  .map(c => `${p.fieldName(c.field)}: ${c.after} statt ${c.before}`)];
    }""")
    assert result == [
        "2022-01-10T09:30",
        "2022-07-01T12:00",
        "2022-01-10T09:30:00+01:00",
        "2022-07-01T12:00:00+02:00",
        "2022-10-30T01:30:00+02:00",
        "2024-02-29",
        None,
        ['Titel: „…“ statt "…"', "Textblock 1: … statt ..."],
    ]
