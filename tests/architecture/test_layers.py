"""The import-linter contracts hold, and breaking one fails with the contract's name."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT = Path(sys.executable).with_name("lint-imports")


def _lint(tree: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(tree), "COLUMNS": "250"}
    return subprocess.run(
        [str(LINT), "--no-cache", "--config", str(tree / "pyproject.toml")],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A copy of app/ and pyproject.toml to break on purpose."""
    shutil.copytree(ROOT / "app", tmp_path / "app", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def _append(path: Path, line: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")


def _status(output: str) -> dict[str, str]:
    """Contract name → KEPT/BROKEN, from lint-imports' summary."""
    rows = [row.rsplit(" ", 1) for row in output.splitlines() if row.endswith((" KEPT", " BROKEN"))]
    return {name: state for name, state in rows}


LAYERS = "Layers: entry points > api > domains > translators/exporters/models > text > errors/config"


def test_contracts_are_kept_on_this_tree():
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    status = _status(result.stdout)
    assert len(status) == 6
    assert set(status.values()) == {"KEPT"}


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        (
            "app/translators/base.py",
            "import fastapi  # noqa",
            "Translators know nothing of the API, the web framework or the database",
        ),
        (
            "app/exporters/html.py",
            "from app.publishing import posts  # noqa",
            "Exporters render plain data: no services, no models, no database",
        ),
        (
            "app/documents/reading.py",
            "from app.review import editing  # noqa",
            LAYERS,
        ),
        (
            "app/publishing/posts.py",
            "from app.api import deps  # noqa",
            "Domain packages, models and the layers below them know nothing of HTTP",
        ),
        (
            "app/text/normalize.py",
            "from app.exporters import html  # noqa",
            "No import cycles between packages or modules anywhere in app",
        ),
    ],
)
def test_a_forbidden_import_breaks_its_contract(tree: Path, module: str, line: str, contract: str):
    _append(tree / module, line)
    result = _lint(tree)
    assert result.returncode != 0
    assert _status(result.stdout)[contract] == "BROKEN", result.stdout


def test_no_module_in_app_is_over_300_lines():
    sizes = {
        str(path.relative_to(ROOT)): len(path.read_text(encoding="utf-8").splitlines())
        for path in (ROOT / "app").rglob("*.py")
    }
    assert sizes, "no modules found"
    assert {name: n for name, n in sizes.items() if n > 300} == {}
