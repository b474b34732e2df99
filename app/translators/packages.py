"""Offline model packages: install `.argosmodel` files or CT2 dirs, list and download them."""

import json
import re
import shutil
import stat
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import httpx

from app.errors import InvalidInput
from app.translators.errors import TranslatorUnavailable

ARGOS_INDEX_URL = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/index.json"
_CODE = re.compile(r"^[a-z]{2,3}$")
_OPUS_DIR = re.compile(r"opus-mt-([a-z]{2,3})-([a-z]{2,3})(?:$|[-_])")

Progress = Callable[[int, int | None], None]
"""Called with (bytes done, bytes total or None) while downloading."""


class InvalidPackage(InvalidInput):
    code = "invalid_package"


@dataclass(frozen=True)
class InstalledModel:
    """One installed model: an Argos package or a plain CTranslate2 OPUS-MT directory."""

    source: str
    target: str
    name: str
    version: str
    path: Path
    kind: str  # "argos" or "opus"
    target_prefix: str | None = None

    @property
    def code(self) -> str:
        return f"{self.source}-{self.target}"

    @property
    def ct2_dir(self) -> Path:
        return self.path / "model" if self.kind == "argos" else self.path

    @property
    def source_spm(self) -> Path:
        return self.path / ("sentencepiece.model" if self.kind == "argos" else "source.spm")

    @property
    def target_spm(self) -> Path:
        return self.path / ("sentencepiece.model" if self.kind == "argos" else "target.spm")


def read_model(path: Path) -> InstalledModel:
    """Describe a model directory, or raise InvalidPackage saying what is wrong with it."""
    if (path / "metadata.json").is_file():
        try:
            meta = json.loads((path / "metadata.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise InvalidPackage(f"{path.name}: metadata.json is not valid JSON") from exc
        source, target = _codes(meta, path.name)
        for needed in ("model/model.bin", "sentencepiece.model"):
            if not (path / needed).is_file():
                raise InvalidPackage(f"{path.name}: package lacks {needed}")
        return InstalledModel(
            source,
            target,
            str(meta.get("name") or path.name),
            str(meta.get("package_version") or "0"),
            path,
            "argos",
            meta.get("target_prefix"),
        )
    match = _OPUS_DIR.search(path.name)
    if (path / "model.bin").is_file() and match:
        for needed in ("source.spm", "target.spm"):
            if not (path / needed).is_file():
                raise InvalidPackage(f"{path.name}: CTranslate2 OPUS-MT directory lacks {needed}")
        return InstalledModel(match.group(1), match.group(2), path.name, "0", path, "opus")
    raise InvalidPackage(
        f"{path.name}: neither an Argos package (metadata.json) nor a CTranslate2 "
        "OPUS-MT directory named opus-mt-<src>-<tgt> with model.bin, source.spm, target.spm"
    )


def _codes(meta: object, label: str) -> tuple[str, str]:
    if not isinstance(meta, dict):
        raise InvalidPackage(f"{label}: metadata.json must hold an object")
    source, target = meta.get("from_code"), meta.get("to_code")
    if not (isinstance(source, str) and _CODE.match(source)):
        raise InvalidPackage(f"{label}: metadata.json has no valid from_code")
    if not (isinstance(target, str) and _CODE.match(target)):
        raise InvalidPackage(f"{label}: metadata.json has no valid to_code")
    return source, target


def list_models(models_dir: Path) -> list[InstalledModel]:
    """Every valid model in models_dir (broken ones are skipped; `install` explains them)."""
    if not models_dir.is_dir():
        return []
    models = []
    for child in sorted(models_dir.iterdir()):
        if child.is_dir() and not child.name.startswith("."):
            try:
                models.append(read_model(child))
            except InvalidPackage:
                continue
    return models


def _safe_members(archive: zipfile.ZipFile) -> str:
    """Check every member stays inside one top directory; return that directory's name."""
    tops = set()
    for info in archive.infolist():
        name = PurePosixPath(info.filename.replace("\\", "/"))
        if name.is_absolute() or ".." in name.parts or ":" in info.filename:
            raise InvalidPackage(f"refusing package: member {info.filename!r} escapes the target")
        if stat.S_ISLNK(info.external_attr >> 16):
            raise InvalidPackage(f"refusing package: member {info.filename!r} is a symlink")
        tops.add(name.parts[0])
    if len(tops) != 1:
        raise InvalidPackage("an .argosmodel must hold exactly one top-level directory")
    return tops.pop()


def install_package(path: Path, models_dir: Path) -> InstalledModel:
    """Install an .argosmodel file (or copy a CT2 model dir) into models_dir; replaces same pair."""
    path = Path(path)
    if not path.exists():
        raise InvalidPackage(f"{path}: no such file", code="not_found")
    models_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".install-", dir=models_dir))
    try:
        if path.is_dir():
            candidate = staging / path.name
            shutil.copytree(path, candidate)
        else:
            candidate = _extract(path, staging)
        model = read_model(candidate)
        final = models_dir / (
            f"translate-{model.source}_{model.target}" if model.kind == "argos" else path.name
        )
        _replace(candidate, final, models_dir, model)
        return read_model(final)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _extract(path: Path, staging: Path) -> Path:
    if not zipfile.is_zipfile(path):
        raise InvalidPackage(f"{path.name}: not an .argosmodel (zip) file")
    with zipfile.ZipFile(path) as archive:
        top = _safe_members(archive)
        if f"{top}/metadata.json" not in archive.namelist():
            raise InvalidPackage(f"{path.name}: package lacks {top}/metadata.json")
        archive.extractall(staging)
    return staging / top


def _replace(candidate: Path, final: Path, models_dir: Path, model: InstalledModel) -> None:
    """Move the new model in, then drop older models of the same pair."""
    old = [m.path for m in list_models(models_dir) if m.code == model.code]
    if final.exists():
        trash = Path(tempfile.mkdtemp(prefix=".old-", dir=models_dir))
        final.rename(trash / final.name)
        old.append(trash)
    candidate.rename(final)
    for path in old:
        if path != final:
            shutil.rmtree(path, ignore_errors=True)


def download_package(
    code: str,
    models_dir: Path,
    progress: Progress | None = None,
    *,
    index_url: str = ARGOS_INDEX_URL,
    timeout: float = 30.0,
) -> InstalledModel:
    """Download the package for `code` ("en-de") from the Argos index and install it."""
    source, _, target = code.partition("-")
    if not (_CODE.match(source) and _CODE.match(target)):
        raise InvalidInput(f"{code!r} is not a language pair like en-de", code="invalid_pair")
    links = _index_links(source, target, index_url, timeout)
    models_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=models_dir, prefix=".download-", suffix=".argosmodel") as f:
        _fetch(links, Path(f.name), progress, timeout)
        return install_package(Path(f.name), models_dir)


def _offline_error(url: str, exc: Exception) -> TranslatorUnavailable:
    return TranslatorUnavailable(
        f"cannot download from {url} ({type(exc).__name__}); this machine seems offline. "
        "Fetch the .argosmodel elsewhere and run `werkbank models install FILE.argosmodel`."
    )


def _index_links(source: str, target: str, index_url: str, timeout: float) -> list[str]:
    try:
        response = httpx.get(index_url, timeout=timeout, follow_redirects=True)
        response.raise_for_status()
        index = response.json()
    except (httpx.HTTPError, ValueError) as exc:
        raise _offline_error(index_url, exc) from exc
    for entry in index if isinstance(index, list) else []:
        if entry.get("from_code") == source and entry.get("to_code") == target:
            links = [link for link in entry.get("links", []) if isinstance(link, str)]
            if links:
                return links
    raise InvalidInput(f"the Argos index has no {source}→{target} package", code="unknown_package")


def _fetch(links: list[str], dest: Path, progress: Progress | None, timeout: float) -> None:
    error: Exception | None = None
    for link in links:
        try:
            with httpx.stream("GET", link, timeout=timeout, follow_redirects=True) as response:
                response.raise_for_status()
                total = int(response.headers.get("content-length") or 0) or None
                done = 0
                with dest.open("wb") as out:
                    for chunk in response.iter_bytes():
                        out.write(chunk)
                        done += len(chunk)
                        if progress:
                            progress(done, total)
            return
        except httpx.HTTPError as exc:
            error = exc
    raise _offline_error(links[-1], error or RuntimeError("no link"))
