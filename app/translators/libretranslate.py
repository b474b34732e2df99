"""The `libretranslate` engine: a LibreTranslate server (self-hosted or public)."""

from deep_translator import LibreTranslator
from deep_translator.base import BaseTranslator
from deep_translator.constants import LIBRE_LANGUAGES_TO_CODES
from pydantic import SecretStr

from app.translators.languages import pairs_among
from app.translators.online import DeepTranslatorEngine, OnlineConfig, secret


class LibreTranslateConfig(OnlineConfig):
    key: SecretStr | None = None  # optional: self-hosted servers often run without keys


class LibreTranslateEngine(DeepTranslatorEngine):
    """Text leaves the machine unless the server is your own (then set the URL to it)."""

    name = "libretranslate"
    needs_key = False
    max_chars = 2000  # deep-translator sends the text in the query string
    timeout = 30.0
    config_model = LibreTranslateConfig
    config: LibreTranslateConfig

    def pairs(self) -> set[tuple[str, str]]:
        return pairs_among(frozenset(LIBRE_LANGUAGES_TO_CODES.values()))

    def availability(self) -> tuple[bool, str | None]:
        if not self.config.url:
            return False, "LibreTranslate URL not set (WERKBANK_TRANSLATOR_LIBRETRANSLATE_URL)"
        return True, None

    def _make_engine(self, source: str, target: str) -> BaseTranslator:
        key = secret(self.config.key)
        # deep-translator insists on a key (falling back to an env var read at import time);
        # give it a dummy and clear it so keyless servers get no api_key parameter.
        engine = LibreTranslator(
            source=source,
            target=target,
            api_key=key or "-",
            custom_url=(self.config.url or "").rstrip("/") + "/",
        )
        engine.api_key = key
        return engine
