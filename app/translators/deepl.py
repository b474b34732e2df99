"""The `deepl` engine: the official DeepL SDK, with DeepL's own glossaries for termbase entries."""

import hashlib
import threading
from collections.abc import Sequence
from typing import Any

import deepl as deepl_sdk
from deepl.http_client import HttpClient
from pydantic import SecretStr

from app.translators.base import GlossaryTerm, Translator
from app.translators.errors import TranslatorRejected, TranslatorUnavailable
from app.translators.http import checked_call
from app.translators.languages import PROJECT_LANGUAGES, pairs_among
from app.translators.online import OnlineConfig, secret


class DeepLConfig(OnlineConfig):
    key: SecretStr | None = None
    server_url: str | None = None  # default: chosen by the key (free keys end in ":fx")


class _OneShotClient(HttpClient):
    """The SDK's client with one timed attempt per request; the Translator base retries."""

    def __init__(self, provider: str, timeout: float) -> None:
        super().__init__(send_platform_info=False)
        self.provider, self.timeout = provider, timeout

    def request_with_backoff(  # type: ignore[override]
        self,
        method: str,
        url: str,
        data: Any,
        json: Any,
        headers: dict,
        stream: bool = False,
        **kwargs: Any,
    ) -> tuple[int, str]:
        request = self._prepare_request(method, url, data, json, headers, **kwargs)
        response = checked_call(
            self.provider, self.timeout, url, lambda: self._session.send(request, timeout=self.timeout)
        )
        response.encoding = "UTF-8"
        return response.status_code, response.text


def _target_code(code: str) -> str:
    return {"en": "EN-GB", "pt": "PT-PT"}.get(code, code.upper())


class DeepLEngine(Translator):
    """Text goes to DeepL (api.deepl.com / api-free.deepl.com or the configured server)."""

    name = "deepl"
    needs_key = True
    batch_size = 50  # DeepL accepts up to 50 texts per request
    max_chars = 5000
    timeout = 15.0
    config_model = DeepLConfig
    config: DeepLConfig

    def __init__(self, config: Any = None, **kwargs: Any) -> None:
        super().__init__(config, **kwargs)
        self._glossaries: dict[str, str] = {}  # entries digest → DeepL glossary id
        self._local = threading.local()
        self._sdk: deepl_sdk.Translator | None = None

    def pairs(self) -> set[tuple[str, str]]:
        return pairs_among(frozenset(PROJECT_LANGUAGES))

    def availability(self) -> tuple[bool, str | None]:
        if not secret(self.config.key):
            return False, "DeepL key not set (WERKBANK_TRANSLATOR_DEEPL_KEY)"
        return True, None

    def endpoint(self) -> str | None:
        key = secret(self.config.key) or ""
        default = "https://api-free.deepl.com" if key.endswith(":fx") else "https://api.deepl.com"
        return self.config.server_url or self.config.url or default

    def client(self) -> deepl_sdk.Translator:
        """The SDK translator, built once, without any network call."""
        if self._sdk is None:
            sdk = deepl_sdk.Translator(
                secret(self.config.key) or "-",
                server_url=self.config.server_url or self.config.url,
                send_platform_info=False,
            )
            sdk._client = _OneShotClient(self.name, self.timeout)
            self._sdk = sdk
        return self._sdk

    @staticmethod
    def _digest(source: str, target: str, terms: Sequence[GlossaryTerm]) -> str:
        entries = sorted((t.source, t.target) for t in terms)
        return hashlib.sha256(repr((source, target, entries)).encode()).hexdigest()[:16]

    def _native_glossary(
        self, source: str, target: str, terms: tuple[GlossaryTerm, ...]
    ) -> tuple[GlossaryTerm, ...]:
        """Use a DeepL glossary for the terms; fall back to placeholders if DeepL refuses."""
        self._local.glossary_id = None
        usable = tuple(t for t in terms if t.source.strip() and t.target.strip())
        if not usable:
            return ()
        digest = self._digest(source, target, usable)
        if digest not in self._glossaries:
            entries = {t.source: t.target for t in usable}
            try:
                info = self.client().create_glossary(
                    f"werkbank-{digest}",
                    source_lang=source.upper(),
                    target_lang=target.upper(),
                    entries=entries,
                )
            except (
                TranslatorRejected,
                TranslatorUnavailable,
                deepl_sdk.DeepLException,
                ValueError,
            ):
                return ()
            self._glossaries[digest] = info.glossary_id
        self._local.glossary_id = self._glossaries[digest]
        return usable

    def _cache_namespace(self, source: str, target: str, terms: Sequence[GlossaryTerm]) -> str:
        glossary_id = getattr(self._local, "glossary_id", None)
        return f"glossary:{glossary_id}" if glossary_id else ""

    def _translate_batch(self, texts: list[str], source: str, target: str) -> list[str]:
        try:
            results = self.client().translate_text(
                texts,
                source_lang=source.upper(),
                target_lang=_target_code(target),
                glossary=getattr(self._local, "glossary_id", None),
            )
        except deepl_sdk.DeepLException as exc:
            raise TranslatorRejected(f"{self.name} refused: {exc}") from exc
        return [r.text for r in results]
