"""The matches panel under the active segment (Ctrl+1..3), and the Statistik page with its charts and CSV."""

import uuid
from pathlib import Path

from playwright.sync_api import expect

from tests.e2e.helpers import open_editor


def _approve(client, seg_id: int, text: str) -> None:
    seg = client.patch(
        f"/api/segments/{seg_id}",
        json={"target_text": text, "version": client.get(f"/api/segments/{seg_id}").json()["version"]},
    )
    seg.raise_for_status()
    client.post(  # QA is tested in test_qa.py: these texts may drop a name on purpose
        f"/api/segments/{seg_id}/approve",
        json={"version": seg.json()["version"], "force": True, "reason": "memory test"},
    ).raise_for_status()


def test_matches_panel_shows_scores_and_diff_and_ctrl_number_inserts(new_page, server, api):
    client = api("erika")
    tag = uuid.uuid4().hex[:8]
    known = (
        f"The finance ministry of Uzbekistan announced {tag} that inflation fell to 9 percent in November."
    )
    similar = (
        f"The finance ministry of Kazakhstan announced {tag} that inflation fell to 9 percent in November."
    )
    old = client.post(
        "/api/documents", json={"text": f"Old story {tag}\n\n{known}", "source_lang": "en"}
    ).json()
    _approve(
        client,
        old["segments"][1]["id"],
        f"Das Finanzministerium Usbekistans teilte mit ({tag}), die Inflation sei im November auf 9 Prozent gefallen.",
    )
    new = client.post(
        "/api/documents",
        json={
            "text": f"New story {tag}\n\n{similar}\n\n{known.replace('9 percent', '7 percent')}",
            "source_lang": "en",
        },
    ).json()
    fuzzy_id, near_id = new["segments"][1]["id"], new["segments"][2]["id"]

    page = new_page("erika")
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    open_editor(page, server, new["id"])
    page.locator(f"#tgt-{fuzzy_id}").focus()
    panel = page.locator(f"#tm-{fuzzy_id}")
    expect(panel).to_be_visible()
    first = panel.locator(".match").first
    score = client.get(f"/api/segments/{fuzzy_id}/matches").json()[0]["score"]
    assert 75 <= score <= 98
    expect(first.locator(".match-score")).to_have_text(f"{score} %")
    expect(first.locator(".diff del")).to_have_text("Uzbekistan")  # the match's source word …
    expect(first.locator(".diff ins")).to_have_text("Kazakhstan")  # … and this segment's
    expect(first).to_contain_text("Strg+1")
    page.keyboard.press("Control+1")
    field = page.locator(f"#tgt-{fuzzy_id}")
    expect(field).to_have_value(
        f"Das Finanzministerium Usbekistans teilte mit ({tag}), die Inflation sei im November auf 9 Prozent gefallen."
    )
    expect(page.locator(f"#seg-{fuzzy_id}")).to_have_attribute("data-save", "saved")
    assert (
        client.get(f"/api/segments/{fuzzy_id}")
        .json()["target_text"]
        .startswith("Das Finanzministerium Usbekistans")
    )

    page.keyboard.press("Alt+ArrowDown")
    expect(page.locator(f"#tgt-{near_id}")).to_be_focused()
    expect(panel).to_be_hidden()  # one panel: the active segment's
    near = page.locator(f"#tm-{near_id} .match").first
    expect(near.locator(".match-score")).to_have_text("99 %")
    expect(near.locator(".diff del")).to_have_text("9")
    expect(near.locator(".diff ins")).to_have_text("7")
    page.keyboard.press("Control+3")  # there is no third match: nothing happens
    # Both panels came from one read of the document with every segment's matches, not a request each
    assert [u for u in asked if "include=matches" in u], asked
    assert not [u for u in asked if "/matches" in u and "/api/segments/" in u], asked
    expect(page.locator(f"#tgt-{near_id}")).to_have_value("")
    assert page.errors == []


def test_statistik_page_shows_engines_and_activity_with_charts_and_csv(new_page, server, api):
    client = api("erika")
    tag = uuid.uuid4().hex[:8]
    outlet = f"Outlet {tag}"
    doc = client.post(
        "/api/documents",
        json={
            "text": f"Stats story {tag}\n\nFirst paragraph about {tag} and the harvest.\n\n"
            f"Second paragraph about {tag} and the weather.",
            "source_lang": "en",
            "outlet": outlet,
        },
    ).json()
    ids = [s["id"] for s in doc["segments"]]
    server.set_draft(ids[1], "Erster Absatz über die Ernte.", provider="offline")
    server.set_draft(ids[2], "Zweiter Absatz über das Wetter.", provider="deepl")
    seg = client.get(f"/api/segments/{ids[1]}").json()
    client.post(
        f"/api/segments/{ids[1]}/approve",
        json={"version": seg["version"], "force": True, "reason": "stats test"},
    ).raise_for_status()  # unchanged
    _approve(client, ids[2], "Ein ganz anderer zweiter Absatz.")

    page = new_page("erika")
    page.goto(f"{server.base_url}/#/")
    page.get_by_role("link", name="Statistik").click()
    page.wait_for_selector("body[data-ready=stats]")
    page.fill("#stats-outlet", outlet)
    page.get_by_role("button", name="Anzeigen").click()
    expect(page.locator("#stats-outlet")).to_have_value(outlet)
    rows = page.locator("#engines-table tbody tr")
    expect(rows).to_have_count(3)  # deepl, offline, alle
    offline = page.locator("#engines-table tbody tr", has_text="offline")
    expect(offline.locator("td[data-key=mean_chrf]")).to_have_text("100")
    expect(offline.locator("td[data-key=unchanged_share]")).to_have_text("100 %")
    deepl = page.locator("#engines-table tbody tr", has_text="deepl")
    expect(deepl.locator("td[data-key=unchanged_share]")).to_have_text("0 %")
    expect(page.locator("#chart-engines canvas").first).to_be_visible()  # the vendored uPlot drew it
    expect(page.locator("#chart-activity canvas").first).to_be_visible()
    expect(page.locator("#activity-table tbody tr.total").last).to_be_visible()
    with page.expect_download() as download:
        page.locator("#engines-csv").click()
    csv_text = Path(download.value.path()).read_text(encoding="utf-8")
    assert (
        csv_text.splitlines()[0]
        == "provider,segments,mean_chrf,unchanged_share,mean_edit_rate,median_seconds"
    )
    assert "offline,1,100.0,1.0,0.0," in csv_text and "deepl,1," in csv_text
    with page.expect_download() as download:
        page.locator("#activity-csv").click()
    assert Path(download.value.path()).read_text(encoding="utf-8").startswith("day,user,documents_ingested")
    assert page.errors == []


def test_job_line_shows_how_many_paragraphs_came_from_the_memory(new_page, server, api):
    client = api("erika")
    tag = uuid.uuid4().hex[:8]
    known = f"Reproduction of this material ({tag}) requires written permission of the editors."
    old = client.post(
        "/api/documents", json={"text": f"Old note {tag}\n\n{known}", "source_lang": "en"}
    ).json()
    _approve(client, old["segments"][1]["id"], f"Nachdruck ({tag}) nur mit schriftlicher Genehmigung.")
    new = client.post(
        "/api/documents", json={"text": f"New note {tag}\n\n{known}", "source_lang": "en"}
    ).json()

    page = new_page("erika")
    open_editor(page, server, new["id"])
    expect(page.locator("#job-memory")).to_be_hidden()
    page.click("#translate")
    expect(page.locator("#job-status")).to_contain_text("fertig: 2/2")
    expect(page.locator("#job-memory")).to_have_text("aus dem Speicher: 1")
    expect(page.locator(f"#tgt-{new['segments'][1]['id']}")).to_have_value(
        f"Nachdruck ({tag}) nur mit schriftlicher Genehmigung."
    )
    assert page.errors == []
