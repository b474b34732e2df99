"""Installing, validating, downloading and listing offline model packages, and the CLI."""

import json
import threading
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli.mtmodels import models_app
from app.config import get_settings
from app.translators.errors import TranslatorUnavailable
from app.translators.packages import InvalidPackage, download_package, install_package, list_models
from testkit.fake_services import refused_url


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


META = json.dumps({"from_code": "en", "to_code": "de", "package_version": "1"}).encode()


def test_install_validates_and_lists(tmp_path: Path, tiny_packages: dict[str, Path]) -> None:
    model = install_package(tiny_packages["en-de"], tmp_path)
    assert (model.source, model.target, model.kind, model.version) == ("en", "de", "argos", "0.1")
    assert (model.path / "model" / "model.bin").is_file()
    assert [m.code for m in list_models(tmp_path)] == ["en-de"]
    again = install_package(tiny_packages["en-de"], tmp_path)  # reinstall replaces
    assert again.path == model.path and len(list_models(tmp_path)) == 1
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize("member", ["../evil.txt", "/etc/evil", "pkg/../../evil", "C:\\evil"])
def test_refuses_paths_escaping_the_target(tmp_path: Path, member: str) -> None:
    package = _zip(tmp_path / "bad.argosmodel", {"pkg/metadata.json": META, member: b"x"})
    with pytest.raises(InvalidPackage) as info:
        install_package(package, tmp_path / "models")
    assert info.value.code == "invalid_package"
    assert not (tmp_path / "evil.txt").exists()
    assert list_models(tmp_path / "models") == []


def test_refuses_symlinks(tmp_path: Path) -> None:
    package = tmp_path / "link.argosmodel"
    with zipfile.ZipFile(package, "w") as archive:
        archive.writestr("pkg/metadata.json", META)
        link = zipfile.ZipInfo("pkg/model")
        link.external_attr = 0o120777 << 16
        archive.writestr(link, "/etc")
    with pytest.raises(InvalidPackage, match="symlink"):
        install_package(package, tmp_path / "models")


@pytest.mark.parametrize(
    ("members", "message"),
    [
        ({"pkg/metadata.json": b"{not json"}, "not valid JSON"),
        ({"pkg/metadata.json": b'{"from_code": "english", "to_code": "de"}'}, "from_code"),
        ({"pkg/metadata.json": META}, "lacks model/model.bin"),
        ({"pkg/readme.txt": b"hi"}, "lacks pkg/metadata.json"),
        ({"a/metadata.json": META, "b/metadata.json": META}, "exactly one top-level"),
    ],
)
def test_refuses_invalid_packages(tmp_path: Path, members: dict, message: str) -> None:
    package = _zip(tmp_path / "bad.argosmodel", members)
    with pytest.raises(InvalidPackage, match=message):
        install_package(package, tmp_path / "models")
    assert list_models(tmp_path / "models") == []


def test_refuses_non_zip(tmp_path: Path) -> None:
    (tmp_path / "x.argosmodel").write_text("hello")
    with pytest.raises(InvalidPackage, match="not an .argosmodel"):
        install_package(tmp_path / "x.argosmodel", tmp_path / "models")


class _IndexServer(ThreadingHTTPServer):
    daemon_threads = True
    package = b""


class _IndexHandler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        if self.path == "/index.json":
            body = json.dumps([{"from_code": "en", "to_code": "de", "links": [f"{base}/p"]}])
            data = body.encode()
        else:
            data = self.server.package
        self.send_response(200)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def test_download_from_index(tmp_path: Path, tiny_packages: dict[str, Path]) -> None:
    server = _IndexServer(("127.0.0.1", 0), _IndexHandler)
    server.package = tiny_packages["en-de"].read_bytes()
    threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True).start()
    progress: list[tuple[int, int | None]] = []
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/index.json"
        model = download_package("en-de", tmp_path, lambda d, t: progress.append((d, t)), index_url=url)
        assert model.code == "en-de"
        assert progress[-1] == (len(server.package), len(server.package))
        with pytest.raises(Exception, match="no ru→de package") as info:
            download_package("ru-de", tmp_path, index_url=url)
        assert info.value.code == "unknown_package"
    finally:
        server.shutdown()
        server.server_close()


def test_download_offline_gives_clear_error(tmp_path: Path) -> None:
    with pytest.raises(TranslatorUnavailable, match="seems offline.*werkbank models install"):
        download_package("en-de", tmp_path, index_url=refused_url() + "/index.json", timeout=2)


def test_cli_install_and_list(
    tmp_path: Path, tiny_packages: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WERKBANK_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("WERKBANK_TRANSLATOR_OFFLINE_INDEX_URL", refused_url() + "/index.json")
    get_settings.cache_clear()
    runner = CliRunner()
    try:
        result = runner.invoke(models_app, ["list"])
        assert result.exit_code == 0 and "no models" in result.output
        result = runner.invoke(models_app, ["install", str(tiny_packages["ru-en"])])
        assert result.exit_code == 0, result.output
        assert (tmp_path / "models" / "translate-ru_en" / "metadata.json").is_file()
        result = runner.invoke(models_app, ["list"])
        assert "ru-en" in result.output
        result = runner.invoke(models_app, ["install", "en-de"])
        assert result.exit_code == 1 and "translator_unavailable" in result.output
        assert "offline" in result.output
    finally:
        get_settings.cache_clear()
