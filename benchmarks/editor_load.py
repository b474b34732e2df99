"""Benchmark: the browser editor with a 300-segment document in headless chromium.

Run: python -m benchmarks.editor_load [--runs 5] [--saves 10] [--write-docs]
Measures time to interactive (navigation start → all rows rendered, focused and painted) with a cold
browser cache per run, and the save round trip (the keystroke that leaves the field → "gespeichert").
Goals on loopback: ≤ 500 ms and ≤ 100 ms.
"""

import argparse
import os
import platform
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.report import write_section  # noqa: E402
from testkit.browser import CHROMIUM_ARGS, Server, run_server  # noqa: E402

SEGMENTS = 300
MODULES = len(list((Path(__file__).resolve().parents[1] / "frontend" / "js").glob("*.js")))
GOAL_TTI, GOAL_SAVE = 500.0, 100.0
PARAGRAPH = (
    "Paragraph {i}: the government said on Monday that talks with the opposition would continue next week, "
    "while analysts expected the parliament to vote on the budget before the end of the month."
)
GERMAN = "Absatz {i}: Die Regierung erklärte am Montag, die Gespräche mit der Opposition würden fortgesetzt."
# Set once the editor says it is ready; a frame and a task later it has been laid out and painted.
TTI_PROBE = """
new MutationObserver((_, obs) => {
  if (document.body && document.body.dataset.ready === "editor") {
    obs.disconnect();
    requestAnimationFrame(() => setTimeout(() => { window.__tti = performance.now(); }, 0));
  }
}).observe(document, {subtree: true, attributes: true, attributeFilter: ["data-ready"]});
"""
SAVE_PROBE = """
(id) => {
  window.__saveMs = undefined;
  const row = document.getElementById("seg-" + id);
  document.addEventListener("keydown", (e) => { if (e.key === "Escape") window.__t0 = performance.now(); },
    {capture: true, once: true});
  const obs = new MutationObserver(() => {
    if (row.dataset.save === "saved") {
      obs.disconnect();
      requestAnimationFrame(() => { window.__saveMs = performance.now() - window.__t0; });
    }
  });
  obs.observe(row, {attributes: true, attributeFilter: ["data-save"]});
}
"""


def make_document(server: Server) -> list[int]:
    """A 300-segment English document whose German fields all hold a draft."""
    text = "Budget talks continue\n\n" + "\n\n".join(PARAGRAPH.format(i=i) for i in range(1, SEGMENTS))
    with server.client("admin") as client:
        doc = client.post("/api/documents", json={"text": text, "outlet": "Benchmark"})
        doc.raise_for_status()
    segments = doc.json()["segments"]
    assert len(segments) == SEGMENTS, f"expected {SEGMENTS} segments, got {len(segments)}"
    for seg in segments:
        server.set_draft(seg["id"], GERMAN.format(i=seg["position"]))
    return [doc.json()["id"], *(s["id"] for s in segments)]


def one_run(browser, server: Server, doc_id: int, segment_ids: list[int], saves: int, run: int) -> tuple:
    """Open the editor in a fresh context (cold cache) and again (warm); time `saves` save round trips."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    cookie = {"name": "werkbank_session", "value": server.token("admin"), "url": server.base_url}
    context.add_cookies([cookie])
    context.add_init_script(TTI_PROBE)
    ttis = []
    for _ in range(2):  # first with a cold HTTP cache, then the same editor in a new tab
        page = context.new_page()
        page.goto(f"{server.base_url}/#/doc/{doc_id}")
        page.wait_for_function("() => window.__tti !== undefined")
        ttis.append(page.evaluate("window.__tti"))
        assert page.locator(".seg").count() == SEGMENTS
    timings = []
    for n in range(saves):
        seg_id = segment_ids[(run * saves + n * 7) % SEGMENTS]
        page.focus(f"#tgt-{seg_id}")
        page.keyboard.press("End")
        page.keyboard.type(" x")
        page.evaluate(SAVE_PROBE, seg_id)
        page.keyboard.press("Escape")
        page.wait_for_function("() => window.__saveMs !== undefined")
        timings.append(page.evaluate("window.__saveMs"))
    context.close()
    return ttis, timings


def measure(runs: int, saves: int) -> dict:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    if chromium is None:
        sys.exit("Debian chromium not found: apt-get install -y chromium")
    with tempfile.TemporaryDirectory() as tmp, run_server(Path(tmp), tiny_model=False) as server:
        server.add_user("bench", "editor", "bench-passwort-1")
        doc_id, *segment_ids = make_document(server)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)
            version = browser.version
            one_run(browser, server, doc_id, segment_ids, 1, runs)  # warm the server, not the browser cache
            cold, warm, save_ms = [], [], []
            for run in range(runs):
                (first, second), timings = one_run(browser, server, doc_id, segment_ids, saves, run)
                cold.append(first)
                warm.append(second)
                save_ms.extend(timings)
            browser.close()
    return {"chromium": version, "cold": cold, "warm": warm, "save": save_ms}


def _line(label: str, values: list[float], goal: float, spread: str) -> str:
    median = statistics.median(values)
    top = max(values) if spread == "max" else sorted(values)[int(0.9 * (len(values) - 1))]
    verdict = "met" if median <= goal else "missed"
    cells = [label, len(values), f"{median:.0f}", f"{min(values):.0f}", f"{top:.0f}", f"{goal:.0f}", verdict]
    return "| " + " | ".join(str(c) for c in cells) + " |"


def render(result: dict) -> str:
    return "\n".join([
        "## Browser editor (`benchmarks/editor_load.py`)",
        "",
        f"Machine: {platform.machine()}, CPython {platform.python_version()}, headless Chromium "
        f"{result['chromium']}; `werkbank serve` and the browser on loopback, 2 cores shared with other work "
        f"(load average {os.getloadavg()[0]:.1f} at the end).",
        "",
        f"A {SEGMENTS}-segment document, every German field filled. *Time to interactive*: "
        "navigation start → all rows rendered, the first open field focused and one frame painted. "
        f"*Cold*: a fresh browser context, so the HTML, CSS and {MODULES} JS modules come from the server; "
        "*warm*: the same editor opened again in a new tab (HTTP cache filled, the usual case during "
        "a working day). *Save round trip*: the keystroke that leaves the field (Esc) → the row shows "
        "„gespeichert“ (PATCH with version, server commit and revision included); the 800 ms typing "
        "pause after which autosave fires without leaving the field is not counted.",
        "",
        "| measure | samples | median (ms) | min (ms) | max / p90 (ms) | goal (ms) | |",
        "|---|---:|---:|---:|---:|---:|---|",
        _line("time to interactive, cold cache", result["cold"], GOAL_TTI, "max"),
        _line("time to interactive, warm cache", result["warm"], GOAL_TTI, "max"),
        _line("save round trip (p90)", result["save"], GOAL_SAVE, "p90"),
    ])


def write_docs(section: str) -> None:
    write_section("editor", section)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--saves", type=int, default=10, help="save round trips per run")
    parser.add_argument("--write-docs", action="store_true", help="update docs/benchmarks.md")
    args = parser.parse_args()
    section = render(measure(args.runs, args.saves))
    print(section)
    if args.write_docs:
        write_docs(section)


if __name__ == "__main__":
    main()
