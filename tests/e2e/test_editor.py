"""The editor: autosave verified through the API, keyboard path, draft, glossary, filter, roles."""

from playwright.sync_api import expect

from tests.e2e.helpers import article, open_editor, screenshot


def focused_id(page) -> str:
    return page.evaluate("document.activeElement.id")


def make_doc(api, paragraphs=4):
    client = api("erika")
    doc = client.post("/api/documents", json={"text": article(paragraphs), "outlet": "BBC"}).json()
    return doc, [s["id"] for s in doc["segments"]]


def test_type_save_approve_and_keyboard_path(new_page, server, api):
    client = api("erika")
    client.post(
        "/api/terms", json={"source_lang": "en", "source_term": "central bank", "target_term": "Zentralbank"}
    )
    doc, ids = make_doc(api)
    client.patch(f"/api/segments/{ids[2]}", json={"target_text": "Kritiker warnten.", "version": 1})
    client.post(f"/api/segments/{ids[2]}/approve", json={"version": 2}).raise_for_status()
    server.set_draft(
        ids[1], "Die Regierung sagte am Montag, die Wirtschaft sei schneller gewachsen.", provider="offline"
    )

    page = new_page("erika")
    open_editor(page, server, doc["id"])
    assert focused_id(page) == f"tgt-{ids[0]}", "the first open segment has the focus"
    page.keyboard.type("Wirtschaft wächst „schneller“ als erwartet")
    expect(page.locator(f"#seg-{ids[0]}")).to_have_attribute("data-save", "saved")  # saved after a pause
    seg = client.get(f"/api/segments/{ids[0]}").json()
    assert seg["target_text"] == "Wirtschaft wächst „schneller“ als erwartet"
    assert seg["status"] == "edited" and seg["updated_by"] == "erika"

    page.keyboard.press("Control+Enter")
    expect(page.locator(f"#seg-{ids[0]}")).to_have_attribute("data-status", "approved")
    expect(page.locator(f"#tgt-{ids[1]}")).to_be_focused()
    assert client.get(f"/api/segments/{ids[0]}").json()["status"] == "approved"

    row = page.locator(f"#seg-{ids[1]}")
    expect(row.locator(".draft summary")).to_have_text("Maschinenentwurf (offline)")
    page.keyboard.press("Control+a")
    page.keyboard.type("Unsinn")
    page.keyboard.press("Control+Shift+C")
    expect(page.locator(f"#tgt-{ids[1]}")).to_have_value(
        "Die Regierung sagte am Montag, die Wirtschaft sei schneller gewachsen."
    )
    page.keyboard.press("Control+Enter")  # skips the approved third segment
    expect(page.locator(f"#tgt-{ids[3]}")).to_be_focused()
    assert (
        client.get(f"/api/segments/{ids[1]}").json()["target_text"]
        == "Die Regierung sagte am Montag, die Wirtschaft sei schneller gewachsen."
    )

    row3 = page.locator(f"#seg-{ids[3]}")
    expect(row3.locator(".glossary")).to_contain_text("central bank → Zentralbank")
    page.keyboard.type("Die Notenbank senkt die Zinsen.")
    expect(row3.locator(".qa")).to_contain_text("Zentralbank")
    page.keyboard.press("Alt+ArrowUp")
    expect(page.locator(f"#tgt-{ids[2]}")).to_be_focused()
    expect(page.locator(f"#tgt-{ids[2]}")).to_have_attribute("readonly", "")
    page.keyboard.press("Alt+ArrowDown")
    expect(page.locator(f"#tgt-{ids[3]}")).to_be_focused()
    page.keyboard.press("Escape")
    expect(row3).to_be_focused()
    expect(row3).to_have_attribute("data-save", "saved")
    page.keyboard.press("?")
    expect(page.locator("#help-dialog")).to_contain_text("Strg+Umschalt+C")
    page.keyboard.press("Escape")
    expect(page.locator("#help-dialog")).to_have_count(0)
    page.keyboard.press("Enter")
    expect(page.locator(f"#tgt-{ids[3]}")).to_be_focused()

    page.locator(f"#tgt-{ids[0]}").focus()
    page.keyboard.press("Control+Shift+Z")
    expect(page.locator(f"#seg-{ids[0]}")).not_to_have_attribute("data-status", "approved")
    assert client.get(f"/api/segments/{ids[0]}").json()["status"] != "approved"
    expect(page.locator("#seg-counts")).to_have_text("2 von 5 freigegeben · 2 bearbeitet · 1 neu")

    page.select_option("#seg-filter", "work")
    expect(page.locator(".seg:visible")).to_have_count(3)
    page.select_option("#seg-filter", "all")
    screenshot(page, "editor.png")
    assert page.errors == []


def test_failed_save_is_retried_kept_locally_and_warns_on_leave(new_page, server, api):
    doc, ids = make_doc(api, paragraphs=1)
    page = new_page("tom")
    open_editor(page, server, doc["id"])

    def offline(route):
        if route.request.method == "PATCH":
            route.abort()
        else:
            route.continue_()

    page.route("**/api/segments/*", offline)
    page.fill(f"#tgt-{ids[1]}", "Die Regierung sagte am Montag …")
    page.locator(f"#tgt-{ids[1]}").blur()
    row = page.locator(f"#seg-{ids[1]}")
    expect(row).to_have_attribute("data-save", "failed")
    expect(row.locator(".save")).to_contain_text("nicht gespeichert")
    warns = (
        "(() => { const e = new Event('beforeunload', {cancelable: true}); window.dispatchEvent(e);"
        " return e.defaultPrevented; })()"
    )
    assert page.evaluate(warns) is True
    backup = page.evaluate(f"localStorage.getItem('werkbank.unsaved.{ids[1]}')")
    assert "Die Regierung sagte am Montag" in backup

    other = new_page("tom")  # same user, another browser: sees the server state, not the local backup
    open_editor(other, server, doc["id"])
    expect(other.locator(f"#tgt-{ids[1]}")).to_have_value("")

    page.unroute("**/api/segments/*")
    expect(row).to_have_attribute("data-save", "saved", timeout=8000)  # the retry, without any click
    assert (
        api("tom").get(f"/api/segments/{ids[1]}").json()["target_text"] == "Die Regierung sagte am Montag …"
    )
    assert page.evaluate(warns) is False
    assert page.evaluate(f"localStorage.getItem('werkbank.unsaved.{ids[1]}')") is None


def test_unsaved_text_survives_a_reload(new_page, server, api):
    doc, ids = make_doc(api, paragraphs=1)
    page = new_page("tom")
    open_editor(page, server, doc["id"])
    page.route(
        "**/api/segments/*",
        lambda route: route.abort() if route.request.method == "PATCH" else route.continue_(),
    )
    page.fill(f"#tgt-{ids[0]}", "Gerettete Überschrift")
    page.locator(f"#tgt-{ids[0]}").blur()
    expect(page.locator(f"#seg-{ids[0]}")).to_have_attribute("data-save", "failed")
    page.close(run_before_unload=False)

    again = new_page("tom")
    again.context.add_init_script(
        f"localStorage.setItem('werkbank.unsaved.{ids[0]}', JSON.stringify({{text: 'Gerettete Überschrift', version: 1}}))"
    )
    open_editor(again, server, doc["id"])
    expect(again.locator("#editor-notice")).to_contain_text("wiederhergestellt")
    expect(again.locator(f"#seg-{ids[0]}")).to_have_attribute("data-save", "saved")
    assert api("tom").get(f"/api/segments/{ids[0]}").json()["target_text"] == "Gerettete Überschrift"


def test_translator_saves_and_moves_on_but_cannot_approve(new_page, server, api):
    doc, ids = make_doc(api, paragraphs=1)
    page = new_page("tom")
    open_editor(page, server, doc["id"])
    expect(page.locator(".seg .approve:visible")).to_have_count(0)
    expect(page.locator("#approve-edited")).to_have_count(0)
    page.keyboard.type("Wirtschaft wächst")
    page.keyboard.press("Control+Enter")
    expect(page.locator(f"#tgt-{ids[1]}")).to_be_focused()
    seg = api("tom").get(f"/api/segments/{ids[0]}").json()
    assert seg["target_text"] == "Wirtschaft wächst" and seg["status"] == "edited"
    status = page.evaluate(
        f"fetch('/api/segments/{ids[0]}/approve', {{method: 'POST', headers: {{'Content-Type': 'application/json'}},"
        f" body: JSON.stringify({{version: {seg['version']}}})}}).then(r => r.status)"
    )
    assert status == 403, "the server enforces the role, not only the UI"


def test_approve_all_edited(new_page, server, api):
    doc, ids = make_doc(api, paragraphs=2)
    client = api("erika")
    for sid, german in zip(ids[:2], ("Wirtschaft wächst", "Die Regierung sagte am Montag …"), strict=True):
        client.patch(f"/api/segments/{sid}", json={"target_text": german, "version": 1}).raise_for_status()
    page = new_page("erika")
    open_editor(page, server, doc["id"])
    expect(page.locator("#seg-counts")).to_have_text("0 von 3 freigegeben · 2 bearbeitet · 1 neu")
    page.click("#approve-edited")
    expect(page.locator("#seg-counts")).to_have_text("2 von 3 freigegeben · 1 neu")
    statuses = [s["status"] for s in client.get(f"/api/documents/{doc['id']}").json()["segments"]]
    assert statuses == ["approved", "approved", "new"]
