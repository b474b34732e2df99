"""The extraction corpus: real pages and their expected text, read from public packages' sdists.

The pages are not copied into this repository: `load_corpus` downloads the pinned source
distributions from PyPI with pip (registry access only, cached), checks each against the
sha256 the manifest pins, and reads the files straight from the tarballs.
benchmarks/data/extraction_pages.json says which file is what: article or not, language,
expected title/authors/date where the page states them, tuning or scoring part. A page whose
package ships no expected text may carry a hand annotation instead (the body's XPaths and what
inside it is not body): benchmarks/extraction_expected.py renders its expected text.
Licences: newspaper4k, html-text and formasaurus MIT, inscriptis, trafilatura 2.3.1 and htmldate
Apache-2.0, trafilatura 1.1.0 GPL-3.0-or-later, parsel BSD-3-Clause (see the manifest). Article
pages with neither an expected text nor an annotation count only for refusals.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import tarfile
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.extraction_expected import render_expected

MANIFEST = Path(__file__).resolve().parent / "data" / "extraction_pages.json"
CACHE = Path.home() / ".cache" / "werkbank-benchmarks" / "sdists"


@dataclass(frozen=True)
class Page:
    """One page of the corpus and what a correct extraction gives."""

    name: str
    kind: str  # article | home | section | staff | other
    lang: str
    split: str  # tune | score
    html: str
    expected: str | None = None
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None  # RFC 3339 as the page states it; date-only when it gives no time

    @property
    def is_article(self) -> bool:
        return self.kind == "article"


class CorpusMismatch(RuntimeError):
    """A downloaded source distribution is not the one the manifest pins."""


def _sdist(package: str, version: str, sha256: str, cache: Path) -> Path:
    cache.mkdir(parents=True, exist_ok=True)
    found = sorted(cache.glob(f"{package.replace('-', '_')}-{version}.tar.gz")) + sorted(
        cache.glob(f"{package}-{version}.tar.gz")
    )
    if not found:
        cmd = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:"]
        subprocess.run([*cmd, f"{package}=={version}", "-d", str(cache)], check=True)
        return _sdist(package, version, sha256, cache)
    digest = hashlib.sha256(found[0].read_bytes()).hexdigest()
    if digest != sha256:
        raise CorpusMismatch(f"{found[0].name}: sha256 {digest}, the manifest pins {sha256}")
    return found[0]


def _read(tar: tarfile.TarFile, root: str, path: str) -> str:
    member = tar.extractfile(f"{root}/{path}")
    if member is None:
        raise FileNotFoundError(path)
    return member.read().decode("utf-8", errors="replace")


def _expected(tar: tarfile.TarFile, root: str, entry: dict, html: str) -> str | None:
    if entry.get("expected"):
        return _read(tar, root, entry["expected"])
    if entry.get("annotation"):
        return render_expected(html, entry["annotation"])
    return None


def load_corpus(cache: Path = CACHE) -> list[Page]:
    """Every page of the manifest with its HTML and expected text."""
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    pages: list[Page] = []
    for source in manifest["sources"]:
        package, version = source["package"], source["version"]
        with tarfile.open(_sdist(package, version, source["sha256"], cache)) as tar:
            root = tar.getnames()[0].split("/")[0]
            for entry in source["pages"]:
                html = _read(tar, root, entry["html"])
                pages.append(
                    Page(
                        name=entry["name"],
                        kind=entry.get("kind", "article"),
                        lang=entry.get("lang", "en"),
                        split=entry.get("split", "score"),
                        html=html,
                        expected=_expected(tar, root, entry, html),
                        title=entry.get("title"),
                        authors=entry.get("authors", []),
                        date=entry.get("date"),
                    )
                )
    return pages
