"""A cold editor load: requests start before the modules ran, the first screen works before every row
exists, the last row is still reachable, and no other view's modules are fetched before it is ready."""

import uuid

from playwright.sync_api import expect

PARAGRAPHS = 80
# At the moment the editor says it is ready: how many rows exist, and what was requested until then.
AT_READY = """
window.__formatters = 0;
Intl.DateTimeFormat = new Proxy(Intl.DateTimeFormat, {
  construct(target, args) { window.__formatters++; return Reflect.construct(target, args); },
});
new MutationObserver((_, obs) => {
  if (document.body && document.body.dataset.ready === "editor") {
    obs.disconnect();
    window.__atReady = {
      rows: document.querySelectorAll(".seg").length,
      formatters: window.__formatters,
      requested: performance.getEntriesByType("resource").map((r) => new URL(r.name).pathname),
    };
  }
}).observe(document, {subtree: true, attributes: true, attributeFilter: ["data-ready"]});
"""
STARTS = """() => Object.fromEntries(performance.getEntriesByType("resource").reverse()
  .map((r) => [new URL(r.name).pathname + new URL(r.name).search, {start: r.startTime, end: r.responseEnd}]))"""


def long_document(api) -> tuple[int, list[int]]:
    tag = "".join(chr(ord("a") + int(c, 16)) for c in uuid.uuid4().hex[:8])
    text = f"Budget talks continue {tag}\n\n" + "\n\n".join(
        f"Paragraph {tag} number {i}: the parliament will vote on the budget before the end of the month."
        for i in range(1, PARAGRAPHS)
    )
    doc = api("erika").post("/api/documents", json={"text": text, "outlet": "BBC"}).json()
    return doc["id"], [s["id"] for s in doc["segments"]]


def test_cold_load_first_screen_early_and_last_row_reachable(new_page, server, api):
    doc_id, ids = long_document(api)
    assert len(ids) == PARAGRAPHS
    page = new_page("erika")  # a fresh context: nothing cached
    page.add_init_script(AT_READY)
    page.goto(f"{server.base_url}/#/doc/{doc_id}")
    page.wait_for_function("() => window.__atReady !== undefined")
    at_ready = page.evaluate("window.__atReady")
    assert 0 < at_ready["rows"] < len(ids), "the first screen is ready before every row is built"
    expect(page.locator(f"#tgt-{ids[0]}")).to_be_focused()
    # A page's first date formatter costs 15–50 ms (ICU data); the first screen shows no time.
    assert at_ready["formatters"] == 0

    timing = page.evaluate(STARTS)
    document = timing[f"/api/documents/{doc_id}"]
    assert document["start"] < timing["/js/app.js"]["end"], "the document is asked for before app.js ran"
    for path in ("/api/auth/me", "/api/terms"):
        assert timing[path]["start"] < timing["/js/app.js"]["end"]
    assert not {"/js/stats.js", "/js/post.js", "/js/feeds.js"} & set(at_ready["requested"]), (
        "other views' modules wait until the first screen is idle"
    )
    assert "/js/editor.js" in at_ready["requested"]

    page.keyboard.type("Erster Satz")  # the first screen takes input at once
    expect(page.locator(f"#seg-{ids[0]}")).to_have_attribute("data-save", "saved")
    page.wait_for_selector("body[data-rows=all]", state="attached")
    assert page.locator(".seg").count() == len(ids)
    last = page.locator(f"#tgt-{ids[-1]}")
    last.focus()
    page.keyboard.type("Letzter Satz")
    page.keyboard.press("Escape")
    expect(page.locator(f"#seg-{ids[-1]}")).to_have_attribute("data-save", "saved")
    assert api("erika").get(f"/api/segments/{ids[-1]}").json()["target_text"] == "Letzter Satz"
    # Once idle, the other views are fetched, so switching to them waits for no module.
    page.wait_for_function(
        "() => performance.getEntriesByType('resource').some((r) => r.name.endsWith('/js/stats.js'))"
    )
    assert page.errors == []
