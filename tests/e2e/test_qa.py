"""QA in the editor: issues inline under the segment, spans marked, approval over errors asks once for a reason."""

import uuid

from playwright.sync_api import expect

from tests.e2e.helpers import open_editor, screenshot


def _doc(api):
    tag = "".join(chr(ord("a") + int(c, 16)) for c in uuid.uuid4().hex[:8])
    text = "\n\n".join(
        [
            f"Budget plan presented {tag}",
            "The plan costs 1.5 million dollars, officials said.",
            "About 10,000 troops will stay until 2030, the ministry said.",
        ]
    )
    doc = api("erika").post("/api/documents", json={"text": text, "source_lang": "en"}).json()
    return doc, [s["id"] for s in doc["segments"]]


def test_issues_show_inline_and_approval_over_errors_asks_once_for_a_reason(new_page, server, api):
    client = api("erika")
    doc, ids = _doc(api)
    page = new_page("erika")
    open_editor(page, server, doc["id"])
    row = page.locator(f"#seg-{ids[1]}")
    page.locator(f"#tgt-{ids[1]}").fill("Der Plan kostet 1.5 Millionen Dollar, sagten Beamte.")
    expect(row).to_have_attribute("data-save", "saved")

    error = row.locator(".qa-item.qa-error[data-code=number_mismatch]")
    expect(error).to_contain_text("1.5 million")
    expect(row.locator(".source-text mark.qa-error")).to_have_text("1.5 million")  # the source span, marked
    expect(row.locator(".qa-item[data-code=number_mismatch] .qa-excerpt mark").first).to_have_text("1")
    expect(row).to_have_attribute("data-qa", "error")
    screenshot(page, "qa.png")

    asked = []

    def answer(dialog):
        asked.append(dialog.message)
        dialog.accept("Zahl mit der Agentur geprüft")

    page.on("dialog", answer)
    page.locator(f"#tgt-{ids[1]}").focus()
    page.keyboard.press("Control+Enter")
    expect(row).to_have_attribute("data-status", "approved")
    assert len(asked) == 1 and "1.5 million" in asked[0], asked
    revision = client.get(f"/api/segments/{ids[1]}/revisions").json()[-1]
    assert (revision["kind"], revision["reason"]) == ("approve", "Zahl mit der Agentur geprüft")
    page.remove_listener("dialog", answer)
    row.locator("button.history").click()  # the reason is in the segment's history
    expect(page.locator("#history-dialog .rev-reason")).to_have_text(
        "Trotz QA-Fehlern freigegeben: Zahl mit der Agentur geprüft"
    )
    page.locator("#history-dialog button.close").click()

    # Declining to give a reason leaves the segment as it was, and says why.
    row2 = page.locator(f"#seg-{ids[2]}")
    page.locator(f"#tgt-{ids[2]}").fill("Etwa 10.000 Soldaten bleiben bis 2031, so das Ministerium.")
    expect(row2).to_have_attribute("data-save", "saved")
    expect(row2.locator(".qa-item.qa-error")).to_have_count(1)
    declined = []
    page.once("dialog", lambda dialog: (declined.append(dialog.message), dialog.dismiss()))
    row2.locator("button.approve").click()
    expect(row2.locator(".save")).to_contain_text("Nicht freigegeben")
    assert len(declined) == 1
    assert client.get(f"/api/segments/{ids[2]}").json()["status"] == "edited"

    # Correcting the number clears the issue and its marks; approval then asks nothing.
    page.locator(f"#tgt-{ids[2]}").fill("Etwa 10.000 Soldaten bleiben bis 2030, so das Ministerium.")
    expect(row2).to_have_attribute("data-save", "saved")
    expect(row2.locator(".qa-item")).to_have_count(0)
    expect(row2.locator("mark")).to_have_count(0)
    row2.locator("button.approve").click()
    expect(row2).to_have_attribute("data-status", "approved")
    assert page.errors == []


def test_issue_texts_are_shown_as_text_not_html(new_page, server, api):
    client = api("erika")
    doc = client.post(
        "/api/documents", json={"text": "Notice\n\nDetails are on the website.", "source_lang": "en"}
    ).json()
    seg = doc["segments"][1]
    hostile = 'Details <img src=x onerror="window.pwned=1"> auf der Website.'
    client.patch(f"/api/segments/{seg['id']}", json={"target_text": hostile, "version": 1})
    page = new_page("erika")
    open_editor(page, server, doc["id"])
    item = page.locator(f"#seg-{seg['id']} .qa-item[data-code=tag_or_placeholder_left]")
    expect(item.locator(".qa-message")).to_contain_text('<img src=x onerror="window.pwned=1">')
    expect(item.locator(".qa-excerpt mark")).to_have_text('<img src=x onerror="window.pwned=1">')
    assert page.locator(f"#seg-{seg['id']} img").count() == 0
    assert page.evaluate("window.pwned") is None
