"""Test engines: an in-process echo translator and online engines pointed at a loopback server."""

from app.translators.base import Translator
from app.translators.errors import TranslatorRejected
from app.translators.languages import PROJECT_LANGUAGES, pairs_among
from app.translators.registry import BUILTINS, load_class
from testkit.fake_services import fake_translate

ONLINE = ("google", "microsoft", "libretranslate", "mymemory", "deepl")
KEY = "good-key"


class EchoTranslator(Translator):
    """An in-process engine for testing the base: batches of 4, fails texts with BOOM."""

    name = "echo"
    sends_text_to_third_party = False
    batch_size = 4
    max_chars = 200
    splits_sentences = True

    def pairs(self) -> set[tuple[str, str]]:
        return pairs_among(frozenset(PROJECT_LANGUAGES))

    def _translate_batch(self, texts: list[str], source: str, target: str) -> list[str]:
        if any("BOOM" in t for t in texts):
            raise TranslatorRejected("echo refuses BOOM")
        return [fake_translate(t) for t in texts]


def make_online(name: str, url: str, *, key: str = KEY, **overrides: object) -> Translator:
    """An online engine pointed at url, with short timeouts and back-off for tests."""
    config: dict[str, object] = {"timeout": 0.5, "retries": 1, "backoff": 0.01}
    if name == "deepl":
        config.update(key=key, server_url=url)
    elif name == "google":
        config.update(url=url)
    elif name == "mymemory":
        config.update(url=url, email=key)
    else:
        config.update(url=url, key=key)
    config.update(overrides)
    return load_class(BUILTINS[name])(config)


def make_llm(url: str, *, key: str = KEY, **overrides: object) -> Translator:
    """The llm engine pointed at a chat-completions imitation, with short timeouts and back-off."""
    config: dict[str, object] = {"url": url, "model": "test-model", "key": key, "timeout": 0.5, "retries": 1}
    config.update(backoff=0.01, **overrides)
    return load_class(BUILTINS["llm"])(config)
