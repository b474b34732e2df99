"""The process-wide translator registry, with its persistent result cache in the data dir."""

from functools import lru_cache
from typing import Any

from app.config import get_settings


@lru_cache
def get_registry():  # noqa: ANN201 - app.translators.registry.Registry
    """Build the registry once per process (backends rescan their own models)."""
    from app.translators.base import SqliteCache
    from app.translators.registry import build_registry

    settings = get_settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    return build_registry(settings, cache=SqliteCache(settings.data_dir / "translation-cache.sqlite"))


def describe_translators() -> list[dict[str, Any]]:
    """One JSON-ready object per registered translator: name, available, reason, pairs, …"""
    return get_registry().describe()
