"""Fixtures: one real server per session, one chromium per session, a fresh browser context per test."""

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from testkit.browser import CHROMIUM_ARGS, PASSWORDS, Server, run_server
from testkit.services import IN_CI, skip_or_fail

CHROMIUM = shutil.which("chromium")


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    skip = pytest.mark.skip(reason="Debian chromium not found on PATH: apt-get install -y chromium")
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)
            if CHROMIUM is None and not IN_CI:  # in CI the browser fixture fails instead
                item.add_marker(skip)


@pytest.fixture(scope="session")
def server(tmp_path_factory) -> Iterator[Server]:
    """A running werkbank with admin, editors erika and eva, and translator tom."""
    with run_server(tmp_path_factory.mktemp("werkbank-e2e")) as srv:
        srv.add_user("erika", "editor", PASSWORDS["erika"])
        srv.add_user("eva", "editor", PASSWORDS["eva"])
        srv.add_user("tom", "translator", PASSWORDS["tom"])
        yield srv


@pytest.fixture(scope="session")
def browser():
    if CHROMIUM is None:
        skip_or_fail("Debian chromium not found on PATH: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, server):  # browser first: without chromium, no server is started
    """new_page(user=None, width=1280, timezone_id=None): a page in a fresh context, logged in when a user is given.

    ``timezone_id`` is the browser's own zone (default: the machine's), e.g. "Asia/Tokyo" to show that the UI
    uses the site's zone and not the browser's.
    """
    contexts = []

    def make(user: str | None = None, width: int = 1280, height: int = 900, timezone_id: str | None = None):
        context = browser.new_context(
            viewport={"width": width, "height": height}, locale="de-DE", timezone_id=timezone_id
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        if user:
            context.add_cookies(
                [{"name": "werkbank_session", "value": server.token(user), "url": server.base_url}]
            )
        page = context.new_page()
        page.errors = []
        page.on("pageerror", lambda exc: page.errors.append(str(exc)))
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def api(server):
    """api(user) → an httpx client logged in as that user."""
    clients = []

    def make(user: str = "erika"):
        client = server.client(user)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()
