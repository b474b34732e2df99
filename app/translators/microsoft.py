"""The `microsoft` engine: Azure AI Translator through deep-translator (key, region)."""

from deep_translator import MicrosoftTranslator
from deep_translator.base import BaseTranslator
from deep_translator.constants import GOOGLE_LANGUAGES_TO_CODES
from pydantic import SecretStr

from app.translators.languages import pairs_among
from app.translators.online import DeepTranslatorEngine, OnlineConfig, secret

# Azure's codes for the project languages equal Google's; no network call to list them.
_LANGUAGES = dict(GOOGLE_LANGUAGES_TO_CODES)


class _OfflineListMicrosoft(MicrosoftTranslator):
    """deep-translator's class fetches the language list untimed in its constructor; not here."""

    def _get_supported_languages(self) -> dict[str, str]:
        return _LANGUAGES


class MicrosoftConfig(OnlineConfig):
    key: SecretStr | None = None
    region: str | None = None  # e.g. "westeurope"; required for regional resources


class MicrosoftEngine(DeepTranslatorEngine):
    """Text goes to api.cognitive.microsofttranslator.com."""

    name = "microsoft"
    default_url = "https://api.cognitive.microsofttranslator.com"
    needs_key = True
    max_chars = 5000
    timeout = 15.0
    config_model = MicrosoftConfig
    config: MicrosoftConfig

    def pairs(self) -> set[tuple[str, str]]:
        return pairs_among(frozenset(_LANGUAGES.values()))

    def availability(self) -> tuple[bool, str | None]:
        if not secret(self.config.key):
            return False, "Microsoft key not set (WERKBANK_TRANSLATOR_MICROSOFT_KEY)"
        return True, None

    def _make_engine(self, source: str, target: str) -> BaseTranslator:
        # The key is passed explicitly: the class default was read from the environment
        # when deep-translator was imported.
        engine = _OfflineListMicrosoft(
            source=source,
            target=target,
            api_key=secret(self.config.key),
            region=self.config.region,
        )
        if self.config.url:
            engine._base_url = self.config.url.rstrip("/") + "/translate?api-version=3.0"
        return engine
