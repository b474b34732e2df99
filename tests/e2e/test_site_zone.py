"""Times in the UI are the site's zone (WERKBANK_TIMEZONE via /api/health), not the browser's: a Tokyo laptop."""

import re
import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

from playwright.sync_api import expect

from testkit.browser import PASSWORDS, run_server

TOKYO = "Asia/Tokyo"  # the browser's own zone in these tests: far from both site zones
BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


def german_post(client) -> tuple[dict, dict]:
    """A German document (approved at once) and a post of its first paragraph."""
    text = (
        f"Kasachstan und die Energiewende {uuid.uuid4().hex[:6]}\n\n"
        "Mit erheblicher Sorge blickt die deutsche Wirtschaft auf die Unruhen in Kasachstan.\n\n"
        "Die Bundesregierung äußert sich bislang zurückhaltend zu den Vorgängen im Land."
    )
    doc = client.post("/api/documents", json={"text": text, "outlet": "German Foreign Policy"}).json()
    ids = [s["id"] for s in doc["segments"]]
    post = client.post("/api/posts", json={"document_id": doc["id"], "segment_ids": ids[1:2]})
    post.raise_for_status()
    return doc, post.json()


def short(value: str, zone: ZoneInfo) -> str:
    """A server timestamp as dateTime() shows it in `zone`: "10.01.26, 17:30"."""
    return datetime.fromisoformat(value).astimezone(zone).strftime("%d.%m.%y, %H:%M")


def enter_time(page, client, post_id: int, local: str, answered: str) -> None:
    """Type a publication time into the post editor and wait until the server holds `answered`."""
    page.fill("#pf-published_at", local)
    page.locator("#pf-published_at").blur()  # leaving the field saves at once
    expect(page.locator("#post-save")).to_have_attribute("data-state", "saved")
    assert client.get(f"/api/posts/{post_id}").json()["published_at"] == answered


def check_site_times(
    page,
    base_url: str,
    client,
    zone: ZoneInfo,
    label: str,
    times: list[tuple[str, str]],
    evening: tuple[str, str, str],
) -> None:
    """Inbox tooltip, the post editor's field and label, saving, and the day view, all in `zone`.

    `times`: (typed wall time, the API's answer); `evening`: (UTC instant, site day, site time) of a
    moment whose day in the site's zone is not the day in Tokyo.
    """
    doc, post = german_post(client)
    page.goto(f"{base_url}/#/")
    expect(page.locator(f"#inbox-rows tr[data-id='{doc['id']}'] time")).to_have_attribute(
        "title", short(doc["created_at"], zone)
    )

    page.goto(f"{base_url}/#/post/{post['id']}")
    page.wait_for_selector("body[data-ready=post]")
    expect(page.locator("label[for=pf-published_at]")).to_have_text(f"Veröffentlichung ({label})")
    for local, answered in times:
        enter_time(page, client, post["id"], local, answered)

    instant, day, clock = evening
    client.patch(f"/api/posts/{post['id']}", json={"published_at": instant}).raise_for_status()
    page.reload()
    page.wait_for_selector("body[data-ready=post]")
    expect(page.locator("#pf-published_at")).to_have_value(f"{day}T{clock}")
    page.click("#post-day")
    page.wait_for_selector("body[data-ready=posts]")
    expect(page).to_have_url(re.compile(rf"date={day}"))
    expect(page.locator(f"#posts-rows tr[data-id='{post['id']}'] time")).to_have_text(clock)
    expect(page.locator("#posts-info")).to_contain_text(f"({label})")
    assert [p["id"] for p in client.get("/api/posts", params={"date": day}).json()].count(post["id"]) == 1


def test_berlin_site_in_a_tokyo_browser(new_page, server, api):
    page = new_page("erika", timezone_id=TOKYO)
    check_site_times(
        page,
        server.base_url,
        api("erika"),
        BERLIN,
        "Berliner Zeit",
        times=[("2026-01-10T10:00", "2026-01-10T09:00:00Z"), ("2026-07-10T10:00", "2026-07-10T08:00:00Z")],
        # 17:30 in Berlin on the 10th is 01:30 on the 11th in Tokyo
        evening=("2026-01-10T16:30:00Z", "2026-01-10", "17:30"),
    )
    assert not page.errors


def test_new_york_site_in_a_tokyo_browser(browser, tmp_path):
    with run_server(tmp_path, tiny_model=False, env={"WERKBANK_TIMEZONE": "America/New_York"}) as srv:
        srv.add_user("erika", "editor", PASSWORDS["erika"])
        context = browser.new_context(
            viewport={"width": 1280, "height": 900}, locale="de-DE", timezone_id=TOKYO
        )
        try:
            context.set_default_timeout(10_000)
            context.add_cookies(
                [{"name": "werkbank_session", "value": srv.token("erika"), "url": srv.base_url}]
            )
            page = context.new_page()
            errors = []
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            with srv.client("erika") as client:
                check_site_times(
                    page,
                    srv.base_url,
                    client,
                    NEW_YORK,
                    "Ortszeit America/New_York",
                    times=[
                        ("2026-01-10T10:00", "2026-01-10T15:00:00Z"),
                        ("2026-07-10T10:00", "2026-07-10T14:00:00Z"),
                    ],
                    # 22:00 in New York on the 10th is the 11th in Berlin and in Tokyo
                    evening=("2026-01-11T03:00:00Z", "2026-01-10", "22:00"),
                )
            assert not errors
        finally:
            context.close()


# Wall times at the edges: clocks going back (twice), going forward (skipped), half-hour offsets.
EDGES = {
    "Europe/Berlin": ["2022-01-10T09:30", "2022-07-01T12:00", "2022-10-30T02:30", "2022-03-27T02:30"],
    "America/New_York": ["2026-01-10T22:00", "2026-03-08T02:30", "2026-11-01T01:30", "2026-11-01T02:30"],
    "Australia/Lord_Howe": ["2026-04-05T01:45", "2026-10-04T02:15", "2026-06-01T12:00"],
    "Asia/Kolkata": ["2026-01-10T00:15"],
    "UTC": ["2026-01-10T10:00"],
}


def test_format_follows_the_site_zone_like_the_server(new_page, server):
    page = new_page(timezone_id=TOKYO)
    page.goto(server.base_url + "/")
    page.wait_for_selector("#login-user")  # app.js has set the zone from /api/health by now
    result = page.evaluate(
        """async (edges) => {
        const f = await import('/js/format.js');
        const out = {booted: [f.siteZone(), f.zoneLabel()], unknown: f.setSiteZone('Mars/Olympus_Mons'),
                     after: f.siteZone(), edges: {}};
        for (const [zone, walls] of Object.entries(edges)) {
          f.setSiteZone(zone);
          out.edges[zone] = walls.map((w) => [f.fromSiteInput(w), f.toSiteInput(f.fromSiteInput(w))]);
        }
        out.set = f.setSiteZone('America/New_York');
        const late = '2026-01-11T03:00:00Z';
        out.ny = [f.siteZone(), f.zoneLabel(), f.zoneLabel('Europe/Berlin'), f.toSiteInput(late), f.siteTime(late),
                  f.siteToday(new Date(late)), f.dateTime(late), f.fromSiteInput('2026-01-10T22:00')];
        return out;
    }""",
        EDGES,
    )
    assert result["booted"] == ["Europe/Berlin", "Berliner Zeit"]
    assert result["unknown"] is False and result["after"] == "Europe/Berlin"
    for zone, walls in EDGES.items():
        # The server's rule for a naive time (app/times.py: replace(tzinfo=zone), i.e. fold=0).
        expected = [datetime.fromisoformat(w).replace(tzinfo=ZoneInfo(zone)).isoformat() for w in walls]
        got = [sent for sent, _ in result["edges"][zone]]
        assert got == expected, zone
        shown = [back for _, back in result["edges"][zone]]
        skipped = {
            "2022-03-27T02:30": "2022-03-27T03:30",
            "2026-03-08T02:30": "2026-03-08T03:30",
            "2026-10-04T02:15": "2026-10-04T02:45",
        }  # a skipped wall time shows where it landed
        assert shown == [skipped.get(w, w) for w in walls], zone
    assert result["set"] is True
    assert result["ny"] == [
        "America/New_York",
        "Ortszeit America/New_York",
        "Berliner Zeit",
        "2026-01-10T22:00",
        "22:00",
        "2026-01-10",
        "10.01.26, 22:00",
        "2026-01-10T22:00:00-05:00",
    ]
