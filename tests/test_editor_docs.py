"""Docs that tests keep honest: every editor shortcut and screenshot is in docs/editor.md."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_shortcut_is_documented():
    keys = (ROOT / "frontend" / "js" / "keys.js").read_text(encoding="utf-8")
    block = keys.split("export const SHORTCUTS = [", 1)[1].split("];", 1)[0]
    labels = re.findall(r'\[\s*"([^"]+)"', block)
    assert len(labels) >= 6
    doc = (ROOT / "docs" / "editor.md").read_text(encoding="utf-8")
    missing = [label for label in labels if label.split(" (")[0] not in doc]
    assert not missing, f"shortcuts missing from docs/editor.md: {missing}"


def test_screenshots_referenced_exist():
    doc = (ROOT / "docs" / "editor.md").read_text(encoding="utf-8")
    shots = re.findall(r"\((screenshots/[\w.-]+\.png)\)", doc)
    assert {
        "screenshots/inbox.png",
        "screenshots/editor.png",
        "screenshots/conflict.png",
        "screenshots/post.png",
    } <= set(shots)
    assert all((ROOT / "docs" / shot).is_file() for shot in shots)
