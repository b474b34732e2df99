"""The `google` engine: Google Translate's free web endpoint through deep-translator (no key)."""

from deep_translator import GoogleTranslator
from deep_translator.base import BaseTranslator
from deep_translator.constants import GOOGLE_LANGUAGES_TO_CODES

from app.translators.languages import pairs_among
from app.translators.online import DeepTranslatorEngine, OnlineConfig


class GoogleConfig(OnlineConfig):
    pass


class GoogleEngine(DeepTranslatorEngine):
    """Text goes to translate.google.com in the URL, so each request stays well under 5000 chars."""

    name = "google"
    default_url = "https://translate.google.com"
    needs_key = False
    # deep-translator refuses >= 5000 chars; percent-encoded Cyrillic takes 6 bytes per
    # letter in the URL, so stay far below that.
    max_chars = 2000
    timeout = 15.0
    config_model = GoogleConfig
    config: GoogleConfig

    def pairs(self) -> set[tuple[str, str]]:
        return pairs_among(frozenset(GOOGLE_LANGUAGES_TO_CODES.values()))

    def _make_engine(self, source: str, target: str) -> BaseTranslator:
        engine = GoogleTranslator(source=source, target=target)
        if self.config.url:
            engine._base_url = self.config.url.rstrip("/") + "/m"
        return engine

    def _translate_one(self, engine: BaseTranslator, text: str) -> str:
        # Google answers None when the output equals punctuation-only input: keep the input.
        out = engine.translate(text)
        return text if out is None else out
