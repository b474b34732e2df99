"""Done-when: a new user logs in, pastes an article, translates, edits and approves with the keyboard only."""

from playwright.sync_api import expect

from testkit.browser import PASSWORDS
from tests.e2e.helpers import article

GERMAN = [
    "Wirtschaft wächst schneller als erwartet",
    "Die Regierung erklärte am Montag, die Wirtschaft sei schneller gewachsen als von Analysten erwartet.",
    "Beamte verwiesen auf starke Exporte und eine Erholung des Konsums im ganzen Land.",
    "Kritiker warnten, die Inflation könne wieder steigen, wenn die Zentralbank die Zinsen zu früh senke.",
]


def test_new_user_journey_keyboard_only(new_page, server, api):
    page = new_page()
    page.goto(server.base_url + "/")
    expect(page.locator("#login-user")).to_be_focused()
    page.keyboard.type("erika")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORDS["erika"])
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Eingang")

    page.goto(server.base_url + "/#/new")
    page.fill("#src-body", article(3, "Economy grows faster"))
    page.fill("#src-outlet", "BBC")
    expect(page.locator("#src-detected")).to_contain_text("Englisch")
    page.click("#new-source button[type=submit]")
    page.wait_for_selector("body[data-ready=editor]")
    doc_id = int(page.url.rsplit("/", 1)[1])
    ids = page.locator(".seg").evaluate_all("rows => rows.map(r => Number(r.dataset.id))")
    assert len(ids) == 4

    page.click("#translate")
    expect(page.locator("#job-status")).to_contain_text("fertig: 4/4")
    expect(page.locator(".seg[data-status=draft]")).to_have_count(4)

    page.locator(f"#tgt-{ids[0]}").focus()
    client = api("eva")
    for index, text in enumerate(GERMAN):
        expect(page.locator(f"#tgt-{ids[index]}")).to_be_focused()
        if index == 3:  # a colleague changes the last segment meanwhile: a conflict to resolve
            seg = client.get(f"/api/segments/{ids[3]}").json()
            client.patch(
                f"/api/segments/{ids[3]}", json={"target_text": "Evas Fassung", "version": seg["version"]}
            )
        page.keyboard.press("Control+a")
        page.keyboard.type(text)
        page.keyboard.press("Control+Enter")
        if index == 3:
            expect(page.locator("#conflict-dialog .theirs")).to_contain_text("Evas Fassung")
            expect(page.locator("#conflict-dialog .keep-mine")).to_be_focused()
            page.keyboard.press("Enter")  # keep mine; approval continues
        expect(page.locator(f"#seg-{ids[index]}")).to_have_attribute("data-status", "approved")

    expect(page.locator("#seg-counts")).to_have_text("4 von 4 freigegeben")
    expect(page.locator("#doc-status")).to_have_text("freigegeben")
    doc = client.get(f"/api/documents/{doc_id}").json()
    assert doc["status"] == "approved"
    assert [s["target_text"] for s in doc["segments"]] == GERMAN
    assert "Evas Fassung" in [r["text"] for r in client.get(f"/api/segments/{ids[3]}/revisions").json()]
    assert page.errors == []
