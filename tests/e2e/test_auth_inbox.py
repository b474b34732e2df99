"""Login, who am I, logout; the inbox with flags, progress, filters, search and keyset paging."""

from playwright.sync_api import expect

from testkit.browser import PASSWORDS
from tests.e2e.helpers import article, screenshot

RUSSIAN = (
    "Правительство заявило в понедельник, что экономика растёт быстрее, чем ожидали аналитики. "
    "Министр представит новый бюджет парламенту в конце месяца."
)


def test_login_whoami_logout(new_page, server):
    page = new_page()
    page.goto(server.base_url + "/")
    expect(page.locator("#login-title")).to_be_visible()
    page.fill("#login-user", "erika")
    page.fill("#login-password", "falsch-falsch")
    page.click("form.login button[type=submit]")
    expect(page.locator("#login-error")).to_have_text("Benutzername oder Passwort ist falsch.")

    page.fill("#login-password", PASSWORDS["erika"])
    page.press("#login-password", "Enter")
    expect(page.locator("#whoami .user")).to_have_text("erika")
    expect(page.locator("#whoami .role")).to_have_text("Redakteur")
    expect(page.locator("h1")).to_have_text("Eingang")

    page.click("#whoami button")
    expect(page.locator("#login-title")).to_be_visible()
    status = page.evaluate("fetch('/api/auth/me').then(r => r.status)")
    assert status == 401


def test_inbox_lists_filters_searches_and_pages(new_page, server, api):
    client = api("erika")
    english = client.post(
        "/api/documents", json={"text": article(2, "Inbox paging story"), "outlet": "BBC"}
    ).json()
    russian = client.post(
        "/api/documents", json={"text": RUSSIAN, "outlet": "TASS", "title": "Бюджет"}
    ).json()
    client.patch(
        f"/api/segments/{english['segments'][1]['id']}",
        json={"target_text": "Die Regierung sagte am Montag …", "version": 1},
    ).raise_for_status()
    client.post(
        f"/api/segments/{english['segments'][1]['id']}/approve", json={"version": 2}
    ).raise_for_status()

    page = new_page("erika")
    page.goto(server.base_url + "/#/")
    row = page.locator(f"#inbox-rows tr[data-id='{english['id']}']")
    expect(row.locator(".flag")).to_have_text("EN")
    expect(row.locator(".outlet")).to_have_text("BBC")
    expect(row.locator(".count")).to_have_text("1/3")
    expect(row.locator(".age")).to_have_text("gerade eben")
    first_id = page.locator("#inbox-rows tr").first.get_attribute("data-id")
    assert int(first_id) >= russian["id"], "newest first"
    screenshot(page, "inbox.png")

    page.select_option("#filter-lang", "ru")
    expect(page.locator("#inbox-rows tr")).to_have_count(1)
    expect(page.locator("#inbox-rows .flag")).to_have_text("RU")
    expect(page.locator("#inbox-rows .title")).to_have_text("Бюджет")
    assert "lang=ru" in page.url

    page.select_option("#filter-lang", "")
    page.fill("#filter-q", "Inbox paging story")
    page.press("#filter-q", "Enter")
    expect(page.locator("#inbox-rows tr")).to_have_count(1)
    expect(page.locator("#inbox-rows .title")).to_contain_text("Inbox paging story")

    page.goto(server.base_url + "/#/?limit=1")
    expect(page.locator("#inbox-rows tr")).to_have_count(1)
    page.click("#inbox-more")
    expect(page.locator("#inbox-rows tr")).to_have_count(2)
    ids = page.locator("#inbox-rows tr").evaluate_all("rows => rows.map(r => Number(r.dataset.id))")
    assert ids[0] > ids[1], "keyset paging continues with older documents"
