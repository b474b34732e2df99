"""Docs that tests keep honest: every setting is in the README table."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_readme_settings_table_is_current():
    table = subprocess.run(
        [sys.executable, str(ROOT / "scripts/settings_table.py")], capture_output=True, text=True, check=True
    ).stdout.strip()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert table in readme, "README settings table is stale: run python scripts/settings_table.py --write"


def test_every_setting_has_a_description():
    from app.config import Settings

    missing = [name for name, field in Settings.model_fields.items() if not field.description]
    assert missing == []
