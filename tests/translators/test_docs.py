"""docs/translators.md stays honest: every translator and every translator setting is documented."""

from pathlib import Path

from app.config import Settings
from app.translators.registry import BUILTINS, load_class

DOC = (Path(__file__).parents[2] / "docs" / "translators.md").read_text(encoding="utf-8")


def test_every_translator_setting_is_documented() -> None:
    names = [n for n in Settings.model_fields if n.startswith("translator_") or n == "models_dir"]
    assert len(names) > 15
    missing = [n for n in names if f"`{n}`" not in DOC]
    assert missing == []
    for name in names:
        assert Settings.model_fields[name].description


def test_every_translator_has_a_section_with_its_facts() -> None:
    for name, target in BUILTINS.items():
        cls = load_class(target)
        assert f"## `{name}`" in DOC
        row = next(line for line in DOC.splitlines() if line.startswith(f"| `{name}` |"))
        assert ("no" if not cls.sends_text_to_third_party else "to") in row.split("|")[2]
        if cls.max_chars < 100_000 and cls.name != "none":
            assert f"| {cls.max_chars} |" in row
