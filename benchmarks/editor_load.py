"""Benchmark: the browser editor with a 300-segment document in headless chromium.

Run: python -m benchmarks.editor_load [--rounds 40] [--saves 3] [--write-docs]
Measures time to interactive (navigation start → first screen rendered, focused and painted) with a cold
browser cache and again warm, and the save round trip (the key that leaves the field → "gespeichert"),
interleaved per round with a 2-segment document as the floor. Goals on loopback, as p90 over every
load: ≤ 500 ms, and ≤ 100 ms per save.
"""

import argparse
import platform
import shutil
import statistics
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.report import Figure, figure_table, load_average, write_section, write_summary  # noqa: E402
from benchmarks.stats import Goal, interleave, quantile, summarize  # noqa: E402
from testkit.browser import CHROMIUM_ARGS, Server, run_server  # noqa: E402

SEGMENTS, FLOOR = 300, 2
# What a cold load fetches before the editor is ready: the entry and the modules index.html preloads.
INDEX = (Path(__file__).resolve().parents[1] / "frontend" / "index.html").read_text(encoding="utf-8")
MODULES = 1 + INDEX.count('rel="modulepreload"')
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

ALL_ROWS = "performance.getEntriesByName('werkbank-editor-all-rows')[0].startTime"

# The save's floor: a request to the server and one frame, without the PATCH, commit and revision.
PING_PROBE = """
async () => {
  const t0 = performance.now();
  await fetch("/api/health", {cache: "no-store"});
  await new Promise((done) => requestAnimationFrame(done));
  return performance.now() - t0;
}
"""


def make_document(server: Server, segments: int) -> tuple[int, list[int]]:
    """An English document of `segments` segments whose German fields all hold a draft."""
    text = "Budget talks continue\n\n" + "\n\n".join(PARAGRAPH.format(i=i) for i in range(1, segments))
    with server.client("admin") as client:
        doc = client.post("/api/documents", json={"text": text, "outlet": "Benchmark"})
        doc.raise_for_status()
    found = doc.json()["segments"]
    assert len(found) == segments, f"expected {segments} segments, got {len(found)}"
    for seg in found:
        server.set_draft(seg["id"], GERMAN.format(i=seg["position"]))
    return doc.json()["id"], [s["id"] for s in found]


@dataclass
class Editor:
    """Opens one document's editor in a fresh browser context: a cold load, a warm one, saves."""

    browser: Any
    server: Server
    doc_id: int
    segment_ids: list[int]
    saves: int
    opened: int = 0
    token: str = ""  # one session for every context: logging in 80 times would meet the throttle

    def __call__(self) -> dict[str, Any]:
        context = self.browser.new_context(viewport={"width": 1280, "height": 900})
        self.token = self.token or self.server.token("admin")
        cookie = {"name": "werkbank_session", "value": self.token, "url": self.server.base_url}
        context.add_cookies([cookie])
        context.add_init_script(TTI_PROBE)
        ttis, all_rows = [], []
        for _ in range(2):  # first with a cold HTTP cache, then the same editor in a new tab
            page = context.new_page()
            page.goto(f"{self.server.base_url}/#/doc/{self.doc_id}")
            page.wait_for_function("() => window.__tti !== undefined")
            ttis.append(page.evaluate("window.__tti"))
            # The rows below the first screen are built after it; the series says when the last one was.
            page.wait_for_selector("body[data-rows=all]", state="attached")
            all_rows.append(page.evaluate(ALL_ROWS))
            assert page.locator(".seg").count() == len(self.segment_ids)
        saves, pings = [], []
        for n in range(self.saves):  # each save followed by its floor, in the same page
            saves.append(self._save(page, n))
            pings.append(page.evaluate(PING_PROBE))
        context.close()
        self.opened += 1
        return {
            "cold": ttis[0],
            "warm": ttis[1],
            "save": saves,
            "ping": pings,
            "all_cold": all_rows[0],
            "all_warm": all_rows[1],
        }

    def _save(self, page: Any, n: int) -> float:
        """Type into a draft and leave the field (Esc); ms until the row says it is saved."""
        seg_id = self.segment_ids[(self.opened * self.saves + n * 7) % len(self.segment_ids)]
        page.focus(f"#tgt-{seg_id}")
        page.keyboard.press("End")
        page.keyboard.type(" x")
        page.evaluate(SAVE_PROBE, seg_id)
        page.keyboard.press("Escape")
        page.wait_for_function("() => window.__saveMs !== undefined")
        return page.evaluate("window.__saveMs")


def measure(rounds: int, saves: int, seed: int) -> dict:
    """The 300-segment editor and the 2-segment floor, interleaved in a random order per round."""
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    if chromium is None:
        sys.exit("Debian chromium not found: apt-get install -y chromium")
    with tempfile.TemporaryDirectory() as tmp, run_server(Path(tmp), tiny_model=False) as server:
        server.add_user("bench", "editor", "bench-passwort-1")
        documents = {"document": make_document(server, SEGMENTS), "floor": make_document(server, FLOOR)}
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)
            subjects = {
                "document": Editor(browser, server, *documents["document"], saves),
                "floor": Editor(browser, server, *documents["floor"], 0),
            }
            # The warm-up round warms the server (and its caches), never a browser context.
            played = interleave(subjects, rounds=rounds, seed=seed, warmup=1)
            version = browser.version
            browser.close()
    series = {
        "cold": [r["document"]["cold"] for r in played],
        "warm": [r["document"]["warm"] for r in played],
        "save": [ms for r in played for ms in r["document"]["save"]],
        "ping": [ms for r in played for ms in r["document"]["ping"]],
        "floor_cold": [r["floor"]["cold"] for r in played],
        "floor_warm": [r["floor"]["warm"] for r in played],
        "own_cold": [r["document"]["cold"] - r["floor"]["cold"] for r in played],
        "all_cold": [r["document"]["all_cold"] for r in played],
        "all_warm": [r["document"]["all_warm"] for r in played],
    }
    return {"chromium": version, "rounds": rounds, "seed": seed, **series}


MS = "{:.0f} ms".format
FIGURES = (  # series, figure, goal, its floor's series
    ("cold", f"time to interactive, {SEGMENTS} segments, cold cache", GOAL_TTI, "floor_cold"),
    ("warm", f"time to interactive, {SEGMENTS} segments, warm cache", GOAL_TTI, "floor_warm"),
    ("save", "save round trip", GOAL_SAVE, "ping"),
)
TIMINGS = (
    ("cold", f"{SEGMENTS} segments, cold cache"),
    ("warm", f"{SEGMENTS} segments, warm cache"),
    ("floor_cold", f"floor: {FLOOR} segments, cold cache"),
    ("floor_warm", f"floor: {FLOOR} segments, warm cache"),
    ("own_cold", f"{SEGMENTS} segments minus the floor, cold, per round"),
    ("all_cold", f"all {SEGMENTS} rows built (not a goal), cold cache"),
    ("all_warm", f"all {SEGMENTS} rows built (not a goal), warm cache"),
    ("save", "save round trip"),
    ("ping", "floor: `GET /api/health` and a frame, after each save"),
)


def figures(result: dict) -> list[Figure]:
    """The goals, each on the p90 of its samples (cold loads count in full)."""
    out = []
    for key, name, goal, floor in FIGURES:
        p90, floor_p90 = summarize(result[key], q=0.9), summarize(result[floor], q=0.9)
        out.append(Figure(name, f"p90 ≤ {goal:.0f} ms", Goal(goal), p90, MS, floor_p90))
    return out


def render(result: dict, load: str) -> str:
    """The section: how it was measured, the goals' table and every series' timings."""
    saves = len(result["save"]) // result["rounds"]
    lines = [
        "## Browser editor (`benchmarks/editor_load.py`)",
        "",
        f"Machine: {platform.machine()}, CPython {platform.python_version()}, headless Chromium "
        f"{result['chromium']}; `werkbank serve` and the browser on loopback, 2 cores shared with other "
        f"work; load average (1/5/15 min) {load} at the start, {load_average()} at the end.",
        "",
        f"A {SEGMENTS}-segment document, every German field filled. *Time to interactive*: "
        "navigation start → the editor is ready (header, toolbar, counts over all segments and the first "
        "screen of rows built with their listeners and autosave, the first open field focused), one "
        "frame painted and the next normal task run: from then on what is typed into the first segment "
        "is saved. The rows below the first screen are built afterwards in background tasks of 25 rows "
        "(typing and clicks go first; anything that walks the whole list, such as the filter or the "
        "jump to the next open segment, builds the rest at once); when the last row exists is reported "
        "below as a series, without a goal. "
        f"*Cold*: a fresh browser context, so the HTML, CSS and {MODULES} JS modules come from the "
        "server (the other views' modules follow once the editor is idle); the HTML starts the first "
        "API requests itself, while the modules load; *warm*: the same editor opened again in a new "
        "tab (HTTP cache filled, the usual case during a working day). *Save round trip*: the "
        "keystroke that leaves the field (Esc) → the row "
        "shows „gespeichert“ (PATCH with version, server commit and revision included); the 800 ms "
        "typing pause after which autosave fires without leaving the field is not counted.",
        "",
        f"{result['rounds']} rounds after one warm-up round (seed {result['seed']}). Each round opens, "
        f"in a random order, the {SEGMENTS}-segment editor (cold, warm, then {saves} saves) and the "
        f"*floor*: a {FLOOR}-segment document opened the same way in its own fresh context, which is "
        "what the browser, the server and this machine's load cost before the document's size counts. "
        "The goals are read as the p90 over every load, cold ones included; a p90 has a bounded 95 % "
        "interval only from 36 samples on. Each save is followed by its own floor in the same page: "
        "`GET /api/health` and one frame, a round trip to the server without the PATCH, commit and "
        "revision. A goal the floor itself does not meet cannot be judged on this machine: such a "
        "miss is reported as not resolvable.",
        "",
        *figure_table(figures(result)),
        "",
        "| series | samples | median | p90 | min–max |",
        "|---|---:|---:|---:|---:|",
    ]
    for key, label in TIMINGS:
        values = result[key]
        lines.append(
            f"| {label} | {len(values)} | {MS(statistics.median(values))} | {MS(quantile(values, 0.9))} "
            f"| {MS(min(values))}–{MS(max(values))} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=40, help="cold and warm loads of each document")
    parser.add_argument("--saves", type=int, default=3, help="save round trips per round")
    parser.add_argument("--seed", type=int, default=5, help="shuffles the order within each round")
    parser.add_argument("--write-docs", action="store_true", help="update docs/benchmarks.md")
    args = parser.parse_args()
    load = load_average()
    result = measure(args.rounds, args.saves, args.seed)
    section = render(result, load)
    print(section)
    if args.write_docs:
        write_section("editor", section)
        write_summary("editor_load", figures(result))


if __name__ == "__main__":
    main()
