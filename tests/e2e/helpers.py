"""Helpers of the browser tests: unique articles, opening the editor, screenshots."""

import uuid

from testkit.browser import ROOT, Server

SCREENSHOTS = ROOT / "docs" / "screenshots"


def article(paragraphs: int = 3, title: str = "Economy grows faster than expected") -> str:
    """A unique English news text (title + paragraphs); unique so ingest never deduplicates it."""
    # Letters only: a tag like "a1b2c3d4" is a code the QA's name_missing check rightly wants kept.
    tag = "".join(chr(ord("a") + int(c, 16)) for c in uuid.uuid4().hex[:8])
    body = [
        f"The government said on Monday that the economy grew faster than analysts had expected, report {tag}.",
        "Officials pointed to strong exports and a recovery in consumer spending across the country.",
        "Critics warned that inflation could rise again if the central bank lowers interest rates too early.",
        "The minister is expected to present a new budget to parliament later this month.",
        "Markets reacted calmly to the news, and the currency remained stable throughout the day.",
    ]
    return "\n\n".join([f"{title} {tag}", *(body * 3)[:paragraphs]])


def open_editor(page, server: Server, doc_id: int) -> None:
    page.goto(f"{server.base_url}/#/doc/{doc_id}")
    page.wait_for_selector("body[data-ready=editor]")


def screenshot(page, name: str) -> None:
    """Keep the latest screenshot for the README under docs/screenshots/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / name), full_page=False)
