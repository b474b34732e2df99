"""Fixtures for translator tests: the tiny offline model, loopback services, engine factories."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.translators.offline import OfflineTranslator
from app.translators.packages import install_package
from testkit import fake_llm, fake_services
from testkit.engines import KEY, ONLINE, EchoTranslator, make_online  # noqa: F401 - used by fixtures and tests
from testkit.fake_llm import FakeLLM
from testkit.fake_services import FakeServer


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


@pytest.fixture
def llm_server() -> Iterator[FakeLLM]:
    server = fake_llm.start(key=KEY)
    yield server
    fake_llm.stop(server)
