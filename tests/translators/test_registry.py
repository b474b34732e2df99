"""The registry: truthful listing on a bare machine, load errors kept, config from settings."""

from pathlib import Path

import pytest

from app.config import Settings
from app.errors import InvalidInput
from app.translators import registry as registry_mod
from app.translators.errors import TranslatorUnavailable
from app.translators.registry import build_registry


def test_bare_machine_listing(tmp_path: Path) -> None:
    listing = {d["name"]: d for d in build_registry(Settings(data_dir=tmp_path)).describe()}
    assert set(listing) == {
        "none",
        "offline",
        "deepl",
        "google",
        "libretranslate",
        "microsoft",
        "mymemory",
        "llm",
    }
    for item in listing.values():
        assert set(item) >= {
            "name",
            "available",
            "reason",
            "pairs",
            "sends_text_to_third_party",
            "needs_key",
        }
    assert listing["none"]["available"] and not listing["none"]["sends_text_to_third_party"]
    offline = listing["offline"]
    assert not offline["available"] and offline["pairs"] == []
    assert "werkbank models install" in offline["reason"]
    assert not offline["sends_text_to_third_party"]
    assert listing["deepl"]["reason"] == "DeepL key not set (WERKBANK_TRANSLATOR_DEEPL_KEY)"
    assert listing["microsoft"]["needs_key"] and not listing["microsoft"]["available"]
    assert not listing["libretranslate"]["available"]
    assert listing["google"]["sends_text_to_third_party"]
    assert not listing["llm"]["available"]
    assert listing["llm"]["reason"] == "server URL not set (WERKBANK_TRANSLATOR_LLM_URL)"
    assert "en-de" in listing["google"]["pairs"] and "ru-de" in listing["google"]["pairs"]


def test_models_installed_show_pairs(tmp_path: Path, models_dir: Path) -> None:
    registry = build_registry(Settings(data_dir=tmp_path, models_dir=models_dir))
    offline = next(d for d in registry.describe() if d["name"] == "offline")
    assert offline["available"] and offline["pairs"] == ["en-de", "ru-de", "ru-en"]
    assert registry.get("offline").translate(["Hello."], source="en", target="de")


def test_settings_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WERKBANK_TRANSLATOR_DEEPL_KEY", "abc:fx")
    monkeypatch.setenv("WERKBANK_TRANSLATOR_DEEPL_TIMEOUT", "3.5")
    monkeypatch.setenv("WERKBANK_TRANSLATOR_RETRIES", "4")
    monkeypatch.setenv("WERKBANK_TRANSLATOR_LIBRETRANSLATE_URL", "http://127.0.0.1:5000")
    monkeypatch.setenv("WERKBANK_TRANSLATOR_OFFLINE_INTRA_THREADS", "1")
    registry = build_registry(Settings(data_dir=tmp_path))
    deepl = registry.entries["deepl"].translator
    assert deepl.timeout == 3.5 and deepl.config.retries == 4
    assert deepl.config.key.get_secret_value() == "abc:fx"
    assert "abc:fx" not in repr(deepl.config)
    assert registry.entries["libretranslate"].translator.config.url == "http://127.0.0.1:5000"
    offline = registry.entries["offline"].translator
    assert offline.config.intra_threads == 1
    assert offline.config.models_dir == tmp_path / "models"


def test_unknown_and_unavailable(tmp_path: Path) -> None:
    registry = build_registry(Settings(data_dir=tmp_path))
    with pytest.raises(InvalidInput) as info:
        registry.get("babelfish")
    assert info.value.code == "unknown_provider"
    with pytest.raises(TranslatorUnavailable, match="offline: no offline model") as unavailable:
        registry.get("offline")
    assert unavailable.value.code == "translator_unavailable"
    assert unavailable.value.status == 503


def test_broken_plugin_is_listed_not_fatal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(registry_mod.BUILTINS, "broken", "app.translators.nonexistent:Nope")
    monkeypatch.setitem(registry_mod.BUILTINS, "notatranslator", "pathlib:Path")
    registry = build_registry(Settings(data_dir=tmp_path))
    listing = {d["name"]: d for d in registry.describe()}
    assert not listing["broken"]["available"]
    assert "ModuleNotFoundError" in listing["broken"]["reason"]
    assert "not a Translator subclass" in listing["notatranslator"]["reason"]
    with pytest.raises(TranslatorUnavailable, match="broken: cannot load"):
        registry.get("broken")
    assert registry.get("none").name == "none"


def test_builtins_match_pyproject_entry_points() -> None:
    text = (Path(__file__).parents[2] / "pyproject.toml").read_text()
    for name, target in registry_mod.BUILTINS.items():
        assert f'{name} = "{target}"' in text


def test_describe_reports_last_error(tmp_path: Path) -> None:
    from testkit.fake_services import refused_url

    registry = build_registry(
        Settings(data_dir=tmp_path, translator_google_url=refused_url(), translator_retries=0)
    )
    google = registry.entries["google"].translator
    google.translate(["Hello."], source="en", target="de")
    item = next(d for d in registry.describe() if d["name"] == "google")
    assert item["last_error"].startswith("cannot connect to 127.0.0.1")
    assert not item["available"] and item["reason"].startswith("cannot reach 127.0.0.1")
