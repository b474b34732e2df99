"""Shared base of the engines reached through deep-translator: one timed call per text."""

from typing import Any

import requests
from deep_translator import exceptions as dt_errors
from deep_translator.base import BaseTranslator
from pydantic import SecretStr

from app.translators.base import Translator, TranslatorConfig
from app.translators.errors import TranslatorRejected, TranslatorUnavailable
from app.translators.http import HttpContext, http_context, patch_deep_translator

_REJECTED = (
    dt_errors.LanguageNotSupportedException,
    dt_errors.InvalidSourceOrTargetLanguage,
    dt_errors.NotValidPayload,
    dt_errors.NotValidLength,
)


class OnlineConfig(TranslatorConfig):
    url: str | None = None  # base URL override (self-hosted servers, proxies, tests)


def secret(value: SecretStr | str | None) -> str | None:
    """The plain value of an optional secret setting."""
    if isinstance(value, SecretStr):
        value = value.get_secret_value()
    return value or None


class DeepTranslatorEngine(Translator):
    """Calls deep-translator once per text: its translate_batch loses all on the first error."""

    batch_size = 1
    sends_text_to_third_party = True
    default_url: str | None = None  # where text goes unless the `url` setting overrides it

    def __init__(self, config: Any = None, **kwargs: Any) -> None:
        super().__init__(config, **kwargs)
        patch_deep_translator()
        self._session = requests.Session()

    def endpoint(self) -> str | None:
        return getattr(self.config, "url", None) or self.default_url

    def _make_engine(self, source: str, target: str) -> BaseTranslator:
        """Build the deep-translator object; must not touch the network."""
        raise NotImplementedError

    def _inspect(self, response: requests.Response) -> None:
        """Check a 2xx response for errors the service reports in its body."""

    def _translate_one(self, engine: BaseTranslator, text: str) -> str:
        return engine.translate(text)

    def _translate_batch(self, texts: list[str], source: str, target: str) -> list[str]:
        context = HttpContext(self.name, self.timeout, self._session, self._inspect)
        with http_context(context):
            try:
                engine = self._make_engine(source, target)
                return [self._translate_one(engine, text) for text in texts]
            except _REJECTED as exc:
                raise TranslatorRejected(f"{self.name} refused: {exc}") from exc
            except dt_errors.TranslationNotFound as exc:
                raise TranslatorUnavailable(f"{self.name} returned no translation", abort_rest=False) from exc
