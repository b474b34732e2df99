"""The "Neue Quelle" form: detection preview, storing, duplicates, plain error messages."""

from playwright.sync_api import expect

from tests.e2e.helpers import article

FRENCH = (
    "Le gouvernement a déclaré lundi que l'économie progressait plus vite que prévu par les analystes. "
    "Le ministre présentera un nouveau budget au parlement à la fin du mois."
)


def test_paste_text_shows_language_then_opens_editor(new_page, server, api):
    page = new_page("tom")
    page.goto(server.base_url + "/#/new")
    text = article(2, "Pasted story")
    page.fill("#src-body", text)
    expect(page.locator("#src-detected")).to_contain_text("Erkannte Sprache: Englisch")
    page.fill("#src-outlet", "Reuters")
    page.fill("#src-source-url", "https://example.org/story")
    page.click("#new-source button[type=submit]")
    page.wait_for_selector("body[data-ready=editor]")
    expect(page.locator(".seg")).to_have_count(3)
    expect(page.locator(".seg h2.source-text")).to_contain_text("Pasted story")
    doc_id = int(page.url.rsplit("/", 1)[1])
    doc = api("tom").get(f"/api/documents/{doc_id}").json()
    assert doc["outlet"] == "Reuters" and doc["source_url"] == "https://example.org/story"

    page.goto(server.base_url + "/#/new")
    page.fill("#src-body", text)
    page.click("#new-source button[type=submit]")
    expect(page.locator("#editor-notice")).to_contain_text("schon gespeichert")
    assert page.url.endswith(f"/#/doc/{doc_id}?existing=1")


def test_unsupported_language_is_said_plainly(new_page, server):
    page = new_page("tom")
    page.goto(server.base_url + "/#/new")
    page.fill("#src-body", FRENCH)
    expect(page.locator("#src-detected")).to_contain_text("wird nicht unterstützt")
    page.click("#new-source button[type=submit]")
    expect(page.locator("#src-error")).to_contain_text("Diese Sprache wird nicht unterstützt")
    expect(page.locator("#src-error")).to_contain_text("Erkannt: FR")
    assert "#/new" in page.url


def test_html_paste_and_url_errors(new_page, server):
    page = new_page("tom")
    page.goto(server.base_url + "/#/new")
    page.select_option("#src-kind", "url")
    expect(page.locator("#src-body")).to_be_hidden()
    page.fill("#src-url", "http://127.0.0.1:9/secret")
    page.click("#new-source button[type=submit]")
    expect(page.locator("#src-error")).to_contain_text("Adressen im internen Netz sind nicht erlaubt.")

    page.select_option("#src-kind", "html")
    page.fill("#src-body", "<html><body><script>1</script><p></p></body></html>")
    page.click("#new-source button[type=submit]")
    expect(page.locator("#src-error")).not_to_be_empty()


def test_uncertain_language_offers_candidates_and_a_choice(new_page, server, api):
    page = new_page("tom")
    page.goto(server.base_url + "/#/new")
    page.fill("#src-body", "Biden Putin Xi")  # names only: no language to tell
    page.click("#new-source button[type=submit]")
    expect(page.locator("#src-error")).to_contain_text("Die Sprache ist nicht eindeutig erkennbar")
    expect(page.locator("#src-error")).to_contain_text("Mögliche Sprachen:")
    expect(page.locator("#src-error")).to_contain_text("Deutsch (")
    expect(page.locator("#src-lang")).to_be_focused()
    page.select_option("#src-lang", "de")
    page.click("#new-source button[type=submit]")
    page.wait_for_selector("body[data-ready=editor]")
    expect(page.locator(".doc-head")).to_contain_text("Deutsch")
    expect(page.locator(".translate")).to_contain_text("nur ausgezogen")


def test_a_staff_page_is_refused_plainly_and_can_be_taken_anyway(new_page, server):
    from tests.ingest.test_extract_rules import STAFF

    page = new_page("tom")
    page.goto(server.base_url + "/#/new")
    page.select_option("#src-kind", "html")
    page.fill("#src-body", STAFF)
    page.click("#new-source button[type=submit]")
    expect(page.locator("#src-error")).to_contain_text("Das ist keine Artikelseite")
    assert "#/new" in page.url
    page.click("#src-force")
    page.wait_for_selector("body[data-ready=editor]")
    expect(page.locator(".seg").first).to_be_visible()
    expect(page.locator("#main")).to_contain_text("Anna Muster")
