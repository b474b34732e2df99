"""The "Quellen" page: add a feed, poll it now, see its entries and outcomes, pause it; inbox filter; source diff."""

from playwright.sync_api import expect

from testkit.browser import run_server
from testkit.feed_server import feed_server
from tests.e2e.helpers import open_editor, screenshot


def test_quellen_page_inbox_filter_and_source_diff(browser, tmp_path):
    # Its own server: the outlet is on loopback, which the shared e2e server refuses (private_url).
    with (
        feed_server() as outlet,
        run_server(tmp_path, tiny_model=False, env={"WERKBANK_ALLOW_PRIVATE_URLS": "true"}) as server,
    ):
        server.add_user("erika", "editor", "erika-passwort-1")
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
        context.set_default_timeout(10_000)
        context.add_cookies(
            [{"name": "werkbank_session", "value": server.token("erika"), "url": server.base_url}]
        )
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        outlet.add("talks", "Talks in Geneva resumed after three weeks")
        outlet.add("summit", "<img src=x onerror=alert(1)> Summit date still open")
        outlet.extra_links.append(f"{outlet.base}/data.json")
        page.goto(f"{server.base_url}/#/feeds")
        page.wait_for_selector("body[data-ready=feeds]")
        expect(page.locator("#feeds-info")).to_have_text("Noch keine Feeds abonniert.")

        page.fill("#feed-url", f"{outlet.base}/rss.xml")
        page.fill("#feed-outlet", "TASS")
        page.select_option("#feed-lang", "en")
        page.click("#feed-add button[type=submit]")
        expect(page.locator("#feed-add-status")).to_contain_text("abonniert")
        row = page.locator("#feed-rows tr").first
        expect(row).to_contain_text("noch nicht abgerufen")

        row.locator("button.poll").click()
        expect(page.locator("#feeds-info")).to_contain_text("3 Einträge, 2 neu, 0 vorhanden, 1 Fehler")
        expect(row).to_contain_text("2 Dok. · 3 Einträge · 1 Fehler")
        expect(row.locator(".feed-state")).to_contain_text("entry_errors")

        row.locator("button.entries").click()
        entries = page.locator("#entry-rows tr")
        expect(entries).to_have_count(3)
        expect(page.locator("#entry-rows tr[data-outcome=error]")).to_contain_text("not_html")
        expect(page.locator("#entry-rows tr[data-outcome=new]")).to_have_count(2)
        # Titles from the feed are text, never markup.
        expect(page.locator("#entry-rows")).to_contain_text("<img src=x onerror=alert(1)>")
        assert page.locator("#entry-rows img").count() == 0
        screenshot(page, "feeds.png")

        row.locator("button.pause").click()
        expect(row).to_contain_text("pausiert")
        expect(row.locator("button.pause")).to_have_text("Fortsetzen")

        # The inbox, filtered by this feed.
        page.click("#feed-entries a[href^='#/?feed_id=']")
        page.wait_for_selector("#inbox-rows tr")
        expect(page.locator("#inbox-rows tr")).to_have_count(2)
        expect(page.locator("#filter-feed option:checked")).to_contain_text("TASS")

        # The outlet corrects an article: the editor shows the source diff on that paragraph.
        client = server.client("erika")
        feed_id = client.get("/api/feeds").json()[0]["id"]
        entry = next(
            e
            for e in client.get(f"/api/feeds/{feed_id}/entries").json()
            if e["link"] and "talks" in e["link"]
        )
        doc = client.get(f"/api/documents/{entry['document_id']}").json()
        seg = doc["segments"][1]
        r = client.patch(
            f"/api/segments/{seg['id']}",
            json={"target_text": "Die Gespräche in Genf.", "version": seg["version"]},
        )
        approved = client.post(
            f"/api/segments/{seg['id']}/approve",
            json={"version": r.json()["version"], "force": True, "reason": "Kurzfassung im Test"},
        )
        assert approved.status_code == 200, approved.text
        old = outlet.articles["talks"].paragraphs[0]
        outlet.articles["talks"].paragraphs[0] = old.replace("on Monday", "on Tuesday")
        assert client.post(f"/api/documents/{doc['id']}/refetch").json()["changed"] is True

        open_editor(page, server, doc["id"])
        changed = page.locator(f"#seg-{seg['id']}")
        expect(changed.locator(".status")).to_have_text("Quelle geändert")
        expect(changed.locator(".source-diff del")).to_have_text("Monday")
        expect(changed.locator(".source-diff ins")).to_have_text("Tuesday")
        expect(changed.locator("textarea")).to_have_value(
            "Die Gespräche in Genf."
        )  # nothing approved is lost
        assert errors == []
        client.close()
        context.close()
