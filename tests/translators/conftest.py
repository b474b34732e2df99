"""Fixtures for translator tests: the tiny offline model, loopback services, engine factories."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.translators.base import Translator
from app.translators.errors import TranslatorRejected
from app.translators.languages import PROJECT_LANGUAGES, pairs_among
from app.translators.offline import OfflineTranslator
from app.translators.packages import install_package
from app.translators.registry import BUILTINS, load_class
from tests.translators import fake_services
from tests.translators.fake_services import FakeServer, fake_translate

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


@pytest.fixture
def models_dir(tmp_path: Path, tiny_packages: dict[str, Path]) -> Path:
    folder = tmp_path / "models"
    for package in tiny_packages.values():
        install_package(package, folder)
    return folder


@pytest.fixture
def offline(models_dir: Path) -> OfflineTranslator:
    return OfflineTranslator({"models_dir": models_dir, "intra_threads": 1})


@pytest.fixture
def fake_server() -> Iterator[FakeServer]:
    server = fake_services.start(key=KEY)
    yield server
    fake_services.stop(server)


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
