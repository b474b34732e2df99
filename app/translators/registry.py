"""The translator registry: loads built-ins and entry points, keeping load errors as reasons."""

import importlib
from dataclasses import dataclass
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

from app.config import Settings
from app.errors import InvalidInput
from app.translators.base import Translator, TranslatorConfig
from app.translators.cache import TranslationCache
from app.translators.errors import TranslatorUnavailable
from app.translators.reachability import probe_all, unreachable

ENTRY_POINT_GROUP = "werkbank.translators"

# Declared in pyproject.toml under the same entry-point group; listed here too so a source
# checkout that was never `pip install`ed still finds them. Loaded exactly like plug-ins.
BUILTINS = {
    "none": "app.translators.none:NoneTranslator",
    "offline": "app.translators.offline:OfflineTranslator",
    "deepl": "app.translators.deepl:DeepLEngine",
    "google": "app.translators.google:GoogleEngine",
    "libretranslate": "app.translators.libretranslate:LibreTranslateEngine",
    "microsoft": "app.translators.microsoft:MicrosoftEngine",
    "mymemory": "app.translators.mymemory:MyMemoryEngine",
    "llm": "app.translators.llm:LLMEngine",
}


def models_dir_for(settings: Settings) -> Path:
    """Where offline models live: the models_dir setting or <data_dir>/models."""
    return settings.models_dir or settings.data_dir / "models"


def discover() -> dict[str, str]:
    """Name → "module:attr" of every translator: built-ins, then third-party entry points."""
    found = dict(BUILTINS)
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        found.setdefault(entry.name, entry.value)
    return found


def load_class(target: str) -> type[Translator]:
    module_name, _, attr = target.partition(":")
    cls = getattr(importlib.import_module(module_name), attr)
    if not (isinstance(cls, type) and issubclass(cls, Translator)):
        raise TypeError(f"{target} is not a Translator subclass")
    return cls


def config_for(cls: type[Translator], settings: Settings) -> TranslatorConfig:
    """Fill the engine's config model from translator_<name>_<field>, then translator_<field>."""
    values: dict[str, Any] = {}
    for field in cls.config_model.model_fields:
        for attr in (f"translator_{cls.name}_{field}", f"translator_{field}"):
            value = getattr(settings, attr, None)
            if value is not None:
                values[field] = value
                break
    if "models_dir" in cls.config_model.model_fields:
        values["models_dir"] = models_dir_for(settings)
    return cls.config_model.model_validate(values)


@dataclass
class Entry:
    """One registered translator, or why it could not be loaded."""

    name: str
    translator: Translator | None = None
    error: str | None = None
    cls: type[Translator] | None = None


def _availability(translator: Translator) -> tuple[bool, str | None]:
    """The engine's own answer, then (for online engines) whether its server can be reached."""
    available, reason = translator.availability()
    endpoint = translator.endpoint() if available else None
    if endpoint:
        problem = unreachable(endpoint)
        if problem:
            return False, problem
    return available, reason


class Registry:
    """Every registered translator by name."""

    def __init__(self, entries: dict[str, Entry]) -> None:
        self.entries = entries

    def names(self) -> list[str]:
        return list(self.entries)

    def get(self, name: str) -> Translator:
        """The translator, ready to use; raises if unknown or unavailable (with the reason)."""
        entry = self.entries.get(name)
        if entry is None:
            known = ", ".join(self.entries)
            raise InvalidInput(f"unknown translator {name!r} (registered: {known})", code="unknown_provider")
        if entry.translator is None:
            raise TranslatorUnavailable(f"{name}: {entry.error}")
        available, reason = _availability(entry.translator)
        if not available:
            raise TranslatorUnavailable(f"{name}: {reason}")
        return entry.translator

    def describe(self) -> list[dict[str, Any]]:
        """One JSON-ready object per translator, for GET /api/translators."""
        endpoints = set()
        for entry in self.entries.values():
            try:
                if entry.translator and entry.translator.availability()[0] and entry.translator.endpoint():
                    endpoints.add(entry.translator.endpoint())
            except Exception:  # noqa: BLE001, S112 - a plug-in's bug is reported by _describe
                continue
        probe_all(endpoints)
        return [self._describe(entry) for entry in self.entries.values()]

    @staticmethod
    def _describe(entry: Entry) -> dict[str, Any]:
        cls = entry.cls
        info: dict[str, Any] = {
            "name": entry.name,
            "available": False,
            "reason": entry.error,
            "pairs": [],
            # Unknown plug-ins are assumed to send text out until they say otherwise; an engine may
            # decide per instance (llm: a loopback or private server is not a third party).
            "sends_text_to_third_party": (entry.translator or cls or Translator).sends_text_to_third_party,
            "needs_key": cls.needs_key if cls else False,
            # Availability is decided without network; this says how the last real call went.
            "last_error": entry.translator.last_error if entry.translator else None,
        }
        if entry.translator is None:
            return info
        try:
            available, reason = _availability(entry.translator)
            pairs = entry.translator.pairs()
        except Exception as exc:  # a plug-in's bug must not break the listing
            available, reason, pairs = False, f"{type(exc).__name__}: {exc}", set()
        info.update(
            available=available,
            reason=reason,
            pairs=sorted(f"{s}-{t}" for s, t in pairs),
        )
        return info


def build_registry(settings: Settings, *, cache: TranslationCache | None = None) -> Registry:
    """Load every translator with its config from settings; failures become reasons."""
    entries: dict[str, Entry] = {}
    for name, target in discover().items():
        entry = Entry(name)
        try:
            entry.cls = load_class(target)
            entry.translator = entry.cls(config_for(entry.cls, settings), cache=cache)
        except Exception as exc:  # missing library, bad config: listed, never fatal
            entry.error = f"cannot load {target}: {type(exc).__name__}: {exc}"
        entries[name] = entry
        for variant, translator in entry.translator.variants().items() if entry.translator else ():
            entries[f"{name}:{variant}"] = Entry(f"{name}:{variant}", translator, cls=entry.cls)
    return Registry(entries)
