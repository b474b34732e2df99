"""The frontend's files from memory: index, ETag and 304, gzip, edits seen at once, nothing outside the folder."""

import gzip
import os

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.api.errors import install_error_handlers
from app.api.frontend import FrontendFiles


@pytest.fixture
def site(tmp_path):
    """A folder with an index, a module big enough to compress, a tiny one, and a secret next to it."""
    root = tmp_path / "site"
    (root / "js").mkdir(parents=True)
    (root / "index.html").write_text("<!doctype html><p>Werkbank</p>", encoding="utf-8")
    (root / "js" / "big.js").write_text("export const x = 1;\n" * 200, encoding="utf-8")
    (root / "js" / "tiny.js").write_text("export const y = 2;\n", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("geheim", encoding="utf-8")
    app = FastAPI()
    install_error_handlers(app)
    app.mount("/", FrontendFiles(root))
    with TestClient(app) as client:
        yield client, root


def test_index_and_types(site):
    client, _ = site
    page = client.get("/")
    assert page.status_code == 200 and page.text.startswith("<!doctype html>")
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    module = client.get("/js/tiny.js")
    assert module.headers["content-type"].split(";")[0] in ("text/javascript", "application/javascript")
    assert module.text == "export const y = 2;\n"


def test_etag_answers_304_and_changes_with_the_file(site):
    client, root = site
    first = client.get("/js/tiny.js")
    etag = first.headers["etag"]
    again = client.get("/js/tiny.js", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
    assert client.get("/js/tiny.js", headers={"If-None-Match": f'"other", W/{etag}'}).status_code == 304
    (root / "js" / "tiny.js").write_text("export const y = 3;\n", encoding="utf-8")
    os.utime(root / "js" / "tiny.js", ns=(1, 1))  # a new stamp even on a coarse clock
    edited = client.get("/js/tiny.js", headers={"If-None-Match": etag})
    assert edited.status_code == 200 and edited.text == "export const y = 3;\n"
    assert edited.headers["etag"] != etag


def test_gzip_only_when_accepted_and_worth_it(site):
    client, root = site
    plain = (root / "js" / "big.js").read_bytes()
    packed = client.get("/js/big.js", headers={"Accept-Encoding": "gzip, br"})
    assert packed.headers["content-encoding"] == "gzip" and packed.headers["vary"] == "accept-encoding"
    assert int(packed.headers["content-length"]) < len(plain) and packed.content == plain  # client unpacks
    raw = client.get("/js/big.js", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in raw.headers and raw.content == plain
    assert gzip.decompress(gzip.compress(plain)) == plain
    small = client.get("/js/tiny.js", headers={"Accept-Encoding": "gzip"})
    assert "content-encoding" not in small.headers


def test_head_has_no_body(site):
    client, _ = site
    head = client.head("/js/tiny.js", headers={"Accept-Encoding": "identity"})
    assert head.status_code == 200 and head.content == b"" and head.headers["content-length"] == "20"


@pytest.mark.parametrize(
    "path", ["/nothing.js", "/js/", "/../secret.txt", "/%2e%2e/secret.txt", "/js/..%2f..%2fsecret.txt"]
)
def test_missing_or_outside_is_a_json_404(site, path):
    client, _ = site
    answer = client.get(path)
    assert answer.status_code == 404 and answer.json()["error"]["code"] == "not_found"
    assert "geheim" not in answer.text


def test_a_symlink_out_of_the_folder_is_not_served(site, tmp_path):
    client, root = site
    (root / "leak.txt").symlink_to(tmp_path / "secret.txt")
    assert client.get("/leak.txt").status_code == 404


def test_other_methods_are_a_json_405(site):
    client, _ = site
    answer = client.post("/js/tiny.js")
    assert answer.status_code == 405 and answer.json()["error"]["code"] == "method_not_allowed"
