"""The browser UI's files from memory, with an ETag and a gzip copy: no thread or file read per request."""

import gzip
import hashlib
import mimetypes
import os
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from starlette.exceptions import HTTPException
from starlette.types import Receive, Scope, Send

# Worth compressing: text the browser gets on a cold load (modules, CSS, HTML, SVG, JSON).
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml")
MIN_GZIP_BYTES = 1024


@dataclass(frozen=True)
class Asset:
    """One file as it was read: its bytes, the gzip copy when smaller, and what identifies this version."""

    stamp: tuple[int, int]  # (mtime_ns, size): a changed file on disk is read again
    body: bytes
    gzipped: bytes | None
    media_type: str
    etag: str


def read_asset(path: Path, stamp: tuple[int, int]) -> Asset:
    """Read a file and prepare what every answer for it needs."""
    body = path.read_bytes()
    media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if media_type.startswith("text/") or media_type == "application/javascript":
        media_type += "; charset=utf-8"
    gzipped = None
    if len(body) >= MIN_GZIP_BYTES and media_type.startswith(COMPRESSIBLE):
        packed = gzip.compress(body, compresslevel=9, mtime=0)
        gzipped = packed if len(packed) < len(body) else None
    etag = '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'
    return Asset(stamp, body, gzipped, media_type, etag)


class FrontendFiles:
    """GET/HEAD of the files under `directory` (a directory answers its index.html).

    Files are kept in memory after the first read and checked against the disk by one stat per
    request, so an edited file is served at once, as with StaticFiles, but a cold editor load
    (30-odd small files) costs no thread hand-off and no file read each. Answers carry an ETag
    (If-None-Match → 304) and, when the browser accepts it, a gzip copy made once per version.
    """

    def __init__(self, directory: Path) -> None:
        self.root = directory.resolve()
        self.assets: dict[Path, Asset] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["method"] not in ("GET", "HEAD"):
            raise HTTPException(status_code=405)
        asset = self.lookup(scope["path"])
        headers = dict(scope["headers"])
        answer = [(b"etag", asset.etag.encode()), (b"vary", b"accept-encoding")]
        wanted = headers.get(b"if-none-match", b"").replace(b"W/", b"").split(b",")
        if asset.etag.encode() in (tag.strip() for tag in wanted):
            await self.reply(send, 304, answer, b"")
            return
        body = asset.body
        if asset.gzipped is not None and b"gzip" in headers.get(b"accept-encoding", b""):
            body = asset.gzipped
            answer.append((b"content-encoding", b"gzip"))
        answer += [(b"content-type", asset.media_type.encode()), (b"content-length", str(len(body)).encode())]
        await self.reply(send, 200, answer, b"" if scope["method"] == "HEAD" else body)

    @staticmethod
    async def reply(send: Send, status: int, headers: list[tuple[bytes, bytes]], body: bytes) -> None:
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    def lookup(self, url_path: str) -> Asset:
        """The asset for a URL path, read (again) when new or changed on disk; 404 outside the directory."""
        parts = [p for p in PurePosixPath(url_path).parts if p not in ("/", "")]
        if any(p in (".", "..") or "\\" in p or "\x00" in p for p in parts):
            raise HTTPException(status_code=404)
        path = self.root.joinpath(*parts)
        found = _stat(path)
        if found is not None and stat.S_ISDIR(found.st_mode):
            path = path / "index.html"
            found = _stat(path)
        if found is None or not stat.S_ISREG(found.st_mode):
            raise HTTPException(status_code=404)
        stamp = (found.st_mtime_ns, found.st_size)
        asset = self.assets.get(path)
        if asset is None or asset.stamp != stamp:
            if not path.resolve().is_relative_to(self.root):  # a symlink out of the directory
                raise HTTPException(status_code=404)
            asset = self.assets[path] = read_asset(path, stamp)
        return asset


def _stat(path: Path) -> os.stat_result | None:
    """The file's stat, or None when there is none."""
    try:
        return path.stat()
    except (OSError, ValueError):
        return None
