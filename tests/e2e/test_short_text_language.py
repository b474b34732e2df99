"""The "Neue Quelle" form with a line of names: no invented language, the choice is offered."""

from playwright.sync_api import expect


def test_a_line_of_names_is_uncertain_and_asks_for_the_language(new_page, server):
    page = new_page("tom")
    page.goto(server.base_url + "/#/new")
    page.fill("#src-body", "Biden Putin Xi")
    expect(page.locator("#src-detected")).to_contain_text("nicht eindeutig erkennbar")
    expect(page.locator("#src-detected")).not_to_contain_text("nicht unterstützt")  # was: Finnish
    page.click("#new-source button[type=submit]")
    expect(page.locator("#src-error")).to_contain_text("Mögliche Sprachen:")
    assert "#/new" in page.url
