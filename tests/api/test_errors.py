"""Error answers: a bug is a JSON 500 with a request id (also in the log); every answer names its id."""

import logging

import pytest
from fastapi.testclient import TestClient


@pytest.fixture
def crashing(app, tokens, monkeypatch):
    """A client whose GET /api/terms hits a bug inside the service."""
    from app.api import terms

    def boom(**_):
        raise RuntimeError("secret connection string postgres://u:pw@db")

    monkeypatch.setattr(terms.terms, "list_terms", boom)
    with TestClient(app, raise_server_exceptions=False) as c:
        c.headers["Authorization"] = f"Bearer {tokens['admin']}"
        yield c


def test_a_bug_is_a_json_500_with_the_request_id_and_no_traceback(crashing, caplog):
    with caplog.at_level(logging.ERROR, logger="app.api"):
        r = crashing.get("/api/terms")
    assert r.status_code == 500
    error = r.json()["error"]
    assert error["code"] == "internal_error" and error["request_id"] == r.headers["X-Request-ID"]
    assert error["request_id"] in error["message"]
    assert "secret" not in r.text and "Traceback" not in r.text and "RuntimeError" not in r.text
    [record] = [rec for rec in caplog.records if rec.name == "app.api"]
    assert error["request_id"] in record.getMessage() and "GET /api/terms" in record.getMessage()
    assert record.exc_info and isinstance(record.exc_info[1], RuntimeError)


def test_a_sane_incoming_request_id_is_kept_and_others_are_replaced(crashing):
    r = crashing.get("/api/terms", headers={"X-Request-ID": "edge-4f2a.17:3"})
    assert (
        r.headers["X-Request-ID"] == "edge-4f2a.17:3" and r.json()["error"]["request_id"] == "edge-4f2a.17:3"
    )
    for insane in [b"x" * 101, b"two words", b"<script>", "\u00fcmlaut".encode(), b"-leading-dash", b""]:
        r = crashing.get("/api/auth/me", headers={"X-Request-ID": insane})
        assert r.status_code == 200
        assert r.headers["X-Request-ID"].encode() != insane and len(r.headers["X-Request-ID"]) == 32
    first, second = crashing.get("/api/health"), crashing.get("/api/health")
    assert first.headers["X-Request-ID"] != second.headers["X-Request-ID"]


def test_every_answer_carries_a_request_id(app, admin, anon):
    answers = {
        "ok": admin.get("/api/auth/me"),
        "unauthenticated": anon.get("/api/documents"),
        "not found": admin.get("/api/documents/999"),
        "invalid": admin.get("/api/documents/0"),
        "no route": admin.get("/api/nothing-here"),
        "frontend": anon.get("/"),
        "too large": admin.post("/api/documents", content=b"x", headers={"Content-Length": str(10**12)}),
    }
    anon.cookies.set("werkbank_session", "x")
    answers["cross site"] = anon.post("/api/auth/logout", headers={"Origin": "https://evil.example"})
    assert {name: r.status_code for name, r in answers.items()} == {
        "ok": 200,
        "unauthenticated": 401,
        "not found": 404,
        "invalid": 422,
        "no route": 404,
        "frontend": 200,
        "too large": 413,
        "cross site": 403,
    }
    for name, r in answers.items():
        assert len(r.headers.get("X-Request-ID", "")) == 32, name


def test_the_openapi_documents_the_one_error_shape(app):
    """FastAPI's default 422 schema ({"detail": [...]}) was documented, but never answered."""
    spec = app.openapi()
    assert "HTTPValidationError" not in spec["components"]["schemas"]
    assert spec["components"]["schemas"]["Error"]["required"] == ["error"]
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            for status in ("4XX", "5XX", *(["422"] if "422" in operation["responses"] else [])):
                ref = operation["responses"][status]["content"]["application/json"]["schema"]["$ref"]
                assert ref == "#/components/schemas/Error", (method, path, status)
