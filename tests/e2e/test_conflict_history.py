"""409 conflicts from a second session resolved without loss; revision history with diff and revert."""

from playwright.sync_api import expect

from tests.e2e.helpers import article, open_editor, screenshot


def texts_of(client, segment_id):
    return [r["text"] for r in client.get(f"/api/segments/{segment_id}/revisions").json()]


def test_conflict_from_second_session_resolved_without_loss(new_page, server, api):
    client = api("erika")
    doc = client.post("/api/documents", json={"text": article(2)}).json()
    ids = [s["id"] for s in doc["segments"]]
    mine = new_page("erika")
    open_editor(mine, server, doc["id"])
    theirs = new_page("eva")
    open_editor(theirs, server, doc["id"])

    theirs.fill(f"#tgt-{ids[0]}", "Evas Überschrift")
    theirs.locator(f"#tgt-{ids[0]}").blur()
    expect(theirs.locator(f"#seg-{ids[0]}")).to_have_attribute("data-save", "saved")

    mine.fill(f"#tgt-{ids[0]}", "Erikas Überschrift mit Zusatz")
    mine.keyboard.press("Escape")
    dialog = mine.locator("#conflict-dialog")
    expect(dialog).to_be_visible()
    expect(dialog.locator(".mine")).to_contain_text("Erikas Überschrift mit Zusatz")
    expect(dialog.locator(".theirs")).to_contain_text("Evas Überschrift")
    expect(dialog).to_contain_text("eva")
    expect(dialog.locator(".diff ins")).to_have_text(["Erikas", " mit Zusatz"])
    expect(dialog.locator(".diff del")).to_have_text("Evas")
    expect(mine.locator(f"#seg-{ids[0]}")).to_have_attribute("data-save", "conflict")
    screenshot(mine, "conflict.png")
    dialog.get_by_role("button", name="Von Hand zusammenführen").click()
    mine.fill("#conflict-merge", "Evas Überschrift mit Zusatz")
    dialog.get_by_role("button", name="Zusammengeführt speichern").click()
    expect(mine.locator(f"#seg-{ids[0]}")).to_have_attribute("data-save", "saved")
    expect(mine.locator(f"#tgt-{ids[0]}")).to_have_value("Evas Überschrift mit Zusatz")
    assert client.get(f"/api/segments/{ids[0]}").json()["target_text"] == "Evas Überschrift mit Zusatz"
    assert "Evas Überschrift" in texts_of(client, ids[0]), "the other session's text stays in the history"

    # keep mine
    client.patch(
        f"/api/segments/{ids[1]}", json={"target_text": "Fremder Text", "version": 1}
    ).raise_for_status()
    mine.fill(f"#tgt-{ids[1]}", "Mein Text")
    mine.keyboard.press("Escape")
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="Meine behalten").click()
    expect(mine.locator(f"#seg-{ids[1]}")).to_have_attribute("data-save", "saved")
    assert client.get(f"/api/segments/{ids[1]}").json()["target_text"] == "Mein Text"
    assert {"Fremder Text", "Mein Text"} <= set(texts_of(client, ids[1]))

    # take theirs
    client.patch(
        f"/api/segments/{ids[2]}", json={"target_text": "Bessere Fassung", "version": 1}
    ).raise_for_status()
    mine.fill(f"#tgt-{ids[2]}", "Schwächere Fassung")
    mine.keyboard.press("Escape")
    dialog.get_by_role("button", name="Aktuelle übernehmen").click()
    expect(mine.locator(f"#tgt-{ids[2]}")).to_have_value("Bessere Fassung")
    expect(mine.locator(f"#seg-{ids[2]}")).to_have_attribute("data-save", "clean")
    seg = client.get(f"/api/segments/{ids[2]}").json()
    assert seg["target_text"] == "Bessere Fassung" and seg["version"] == 2
    assert mine.evaluate("document.body.dataset.ready") == "editor" and mine.errors == []


def test_history_word_diff_and_revert(new_page, server, api):
    client = api("erika")
    doc = client.post("/api/documents", json={"text": article(1)}).json()
    sid = doc["segments"][1]["id"]
    job = client.post(f"/api/documents/{doc['id']}/translate", json={"provider": "offline"}).json()
    assert server.wait_job(client, job["id"])["status"] == "done"
    draft = client.get(f"/api/segments/{sid}").json()["draft_text"]
    assert draft

    page = new_page("erika")
    open_editor(page, server, doc["id"])
    field = page.locator(f"#tgt-{sid}")
    row = page.locator(f"#seg-{sid}")
    for text in ("Der Präsident sagte am Montag.", "Der Präsident erklärte am Dienstag."):
        field.fill(text)
        field.blur()
        expect(row).to_have_attribute("data-save", "saved")

    row.get_by_role("button", name="Verlauf").click()
    history = page.locator("#history-dialog")
    expect(history.locator(".rev")).to_have_count(3)
    newest = history.locator(".rev").first
    expect(newest).to_contain_text("Version 4: bearbeitet")
    expect(newest.locator("del")).to_have_text(["sagte", "Montag"])
    expect(newest.locator("ins")).to_have_text(["erklärte", "Dienstag"])
    expect(history.locator(".draft-diff")).to_contain_text("Maschinenentwurf → aktuelle Fassung")
    machine = history.locator(".rev-machine")
    expect(machine).to_contain_text("Maschinenentwurf")
    machine.get_by_role("button", name="Diesen Stand wiederherstellen").click()
    expect(history).to_have_count(0)
    expect(field).to_have_value(draft)
    seg = client.get(f"/api/segments/{sid}").json()
    assert seg["target_text"] == draft and seg["version"] == 5
    revisions = client.get(f"/api/segments/{sid}/revisions").json()
    assert revisions[-1]["kind"] == "revert" and revisions[-1]["text"] == draft
    assert "Der Präsident erklärte am Dienstag." in [r["text"] for r in revisions]
