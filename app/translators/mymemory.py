"""The `mymemory` engine: MyMemory's public API through deep-translator (optional e-mail)."""

from typing import Any

import requests
from deep_translator import MyMemoryTranslator
from deep_translator.base import BaseTranslator
from deep_translator.constants import MY_MEMORY_LANGUAGES_TO_CODES

from app.translators.http import status_error
from app.translators.languages import pairs_among
from app.translators.online import DeepTranslatorEngine, OnlineConfig


def mymemory_code(code: str) -> str:
    """MyMemory wants regional codes: en → en-GB, de → de-DE, ru → ru-RU."""
    codes = list(MY_MEMORY_LANGUAGES_TO_CODES.values())
    preferred = {"en": "en-GB"}.get(code, f"{code}-{code.upper()}")
    if preferred in codes:
        return preferred
    return next((c for c in codes if c.split("-")[0] == code), code)


class MyMemoryConfig(OnlineConfig):
    email: str | None = None  # raises the free daily quota from 5000 to 50000 chars


class MyMemoryEngine(DeepTranslatorEngine):
    """Free, rate-limited; texts over 500 characters are refused, so chunks stay below."""

    name = "mymemory"
    default_url = "https://api.mymemory.translated.net"
    needs_key = False
    max_chars = 480
    timeout = 15.0
    config_model = MyMemoryConfig
    config: MyMemoryConfig

    def pairs(self) -> set[tuple[str, str]]:
        codes = {c.split("-")[0] for c in MY_MEMORY_LANGUAGES_TO_CODES.values()}
        return pairs_among(frozenset(codes))

    def _make_engine(self, source: str, target: str) -> BaseTranslator:
        extra: dict[str, Any] = {"email": self.config.email} if self.config.email else {}
        engine = MyMemoryTranslator(source=mymemory_code(source), target=mymemory_code(target), **extra)
        if self.config.url:
            engine._base_url = self.config.url.rstrip("/") + "/get"
        return engine

    def _inspect(self, response: requests.Response) -> None:
        # MyMemory reports quota and e-mail errors as HTTP 200 with a responseStatus.
        try:
            status = int(response.json().get("responseStatus", 200))
            detail = str(response.json().get("responseDetails") or "")
        except (ValueError, AttributeError, TypeError):
            return
        error = status_error(status, self.name, detail=detail)
        if error:
            raise error
