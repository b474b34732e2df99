"""The editor's core path in Firefox too: log in, edit with autosave, approve with Ctrl+Enter."""

import pytest

from testkit.browser import PASSWORDS
from testkit.firefox import FIREFOX, firefox, wait_for
from testkit.services import skip_or_fail

TEXT = (
    "Talks resume in Geneva\n\n"
    "The delegations met again in Geneva on Monday, officials said after the first session.\n\n"
    "A second round of consultations is planned for Brussels later this week, the statement said."
)


@pytest.fixture
def ff(tmp_path):
    if FIREFOX is None:
        skip_or_fail("Firefox not found: apt-get install -y firefox-esr")
    try:
        import marionette_driver  # noqa: F401
    except ImportError:
        skip_or_fail("marionette-driver not installed (test extra)")
    with firefox(tmp_path / "profile") as client:
        yield client


def test_login_edit_autosave_and_keyboard_approve_in_firefox(ff, server, api):
    from marionette_driver.by import By
    from marionette_driver.keys import Keys

    erika = api("erika")
    doc = erika.post("/api/documents", json={"text": TEXT, "source_lang": "en", "outlet": "Firefox"}).json()
    first, second = doc["segments"][1], doc["segments"][2]
    ff.navigate(f"{server.base_url}/#/login")
    wait_for(lambda: ff.find_elements(By.ID, "login-user"), what="login form")
    ff.find_element(By.ID, "login-user").send_keys("erika")
    ff.find_element(By.ID, "login-password").send_keys(PASSWORDS["erika"] + Keys.ENTER)
    wait_for(lambda: "Eingang" in ff.execute_script("return document.body.innerText"), what="inbox")
    ff.navigate(f"{server.base_url}/#/doc/{doc['id']}")
    wait_for(lambda: ff.execute_script("return document.body.dataset.ready") == "editor", what="editor")
    field = ff.find_element(By.CSS_SELECTOR, f"#seg-{first['id']} textarea")
    field.send_keys("Die Delegationen trafen sich am Montag erneut in Genf.")
    field.send_keys(Keys.ESCAPE)
    row = f"#seg-{first['id']}"
    wait_for(
        lambda: (
            "gespeichert" in ff.find_element(By.CSS_SELECTOR, row).text
            and "ungespeichert" not in ff.find_element(By.CSS_SELECTOR, row).text
        ),
        what="saved",
    )
    saved = erika.get(f"/api/segments/{first['id']}").json()
    assert saved["target_text"] == "Die Delegationen trafen sich am Montag erneut in Genf."
    field.send_keys(Keys.CONTROL + Keys.ENTER)
    wait_for(
        lambda: erika.get(f"/api/segments/{first['id']}").json()["status"] == "approved", what="approved"
    )
    # Focus moves only when the approve answer reaches the page: wait for the next segment itself,
    # not for the first non-empty answer (that is still the approved one under load).
    focus = "const a = document.activeElement; return a && a.closest('.seg') ? a.closest('.seg').id : ''"
    wait_for(lambda: ff.execute_script(focus) == f"seg-{second['id']}", what="focus on the next segment")
    assert ff.execute_script(focus) == f"seg-{second['id']}"
