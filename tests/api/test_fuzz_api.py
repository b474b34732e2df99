"""Schemathesis over every operation of the app's OpenAPI: never a 5xx, answers match their schemas.

Positive and negative data, examples + coverage + fuzzing phases, 25 examples per operation, a fixed
seed (the same cases every run), on one seeded SQLite database (PostgreSQL too with
WERKBANK_TEST_FUZZ_POSTGRES=1: another minute); URL ingest gets a canned page and publishing talks
to the loopback fake WordPress, so every operation runs and nothing leaves the machine. A failure
prints the curl line that reproduces it: keep it as a regression test (tests/api/test_bad_input.py).
"""

import os

import httpx
import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from testkit.database import make_user, pg_database, reset_caches
from testkit.fake_wordpress import FakeWordPress
from testkit.offline import OFFLINE_ENV
from testkit.samples import EN
from testkit.services import PG_URL

PAGE = (
    "<html><head><title>Page</title></head><body><article><p>"
    + EN.replace("\n\n", "</p><p>")
    + "</p></article></body></html>"
)
CONFIG = {
    "seed": 10,
    "generation": {"mode": "all", "max-examples": 25, "database": "none"},  # same cases every run
    "phases": {  # stateful is off: operations run one by one, on the seeded data
        "examples": {"enabled": True},
        "coverage": {"enabled": True},
        "fuzzing": {"enabled": True},
        "stateful": {"enabled": False},
    },
    "checks": {
        "enabled": False,
        "not_a_server_error": {"enabled": True},
        "response_schema_conformance": {"enabled": True},
        "content_type_conformance": {"enabled": True},
    },
}
# POST /api/documents/bulk documents an NDJSON body as a string: send it as text.
schemathesis.serializer.alias("application/x-ndjson", "text/plain")


class _CurrentApp:
    """The ASGI app schemathesis calls: forwards to this module's app; its lifespan runs in the fixture."""

    target = None

    async def __call__(self, scope, receive, send):
        if scope["type"] != "lifespan":
            await self.target(scope, receive, send)
            return
        while (await receive())["type"] != "lifespan.shutdown":
            await send({"type": "lifespan.startup.complete"})
        await send({"type": "lifespan.shutdown.complete"})


CURRENT = _CurrentApp()


def _load_schema():
    """The schema as create_app() documents it (building the app touches no database)."""
    from app.config import get_settings
    from app.main import create_app

    spec = create_app().openapi()
    get_settings.cache_clear()
    loaded = schemathesis.openapi.from_dict(spec, config=SchemathesisConfig.from_dict(CONFIG))
    loaded.app = CURRENT
    return loaded


schema = _load_schema()


def _canned_transport(*, allow_private: bool) -> httpx.BaseTransport:
    """Every URL answered by PAGE: fetch's URL checks, redirects and decoding still run."""
    return httpx.MockTransport(lambda _: httpx.Response(200, html=PAGE))


DATABASES = ["sqlite", "postgres"] if os.environ.get("WERKBANK_TEST_FUZZ_POSTGRES") and PG_URL else ["sqlite"]


@pytest.fixture(scope="module", params=DATABASES)
def fuzz_db(request, tmp_path_factory):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'werkbank.db'}"
    else:
        yield from pg_database(PG_URL)


@pytest.fixture(scope="module")
def fuzz_token(fuzz_db, tmp_path_factory):
    """An admin token on one database for the whole run, seeded with a document, posts and terms."""
    tmp = tmp_path_factory.mktemp("fuzz-data")
    wp = FakeWordPress().start()
    with pytest.MonkeyPatch.context() as mp:
        env = {
            **OFFLINE_ENV,
            "WERKBANK_DATA_DIR": str(tmp),
            "WERKBANK_ALLOW_PRIVATE_URLS": "1",
            "WERKBANK_DATABASE_URL": fuzz_db,
            "WERKBANK_WORDPRESS_URL": wp.url,
            "WERKBANK_WORDPRESS_USER": wp.user,
            "WERKBANK_WORDPRESS_APP_PASSWORD": wp.password,
        }
        for key, value in env.items():
            mp.setenv(key, value)
        reset_caches()
        from sqlmodel import Session

        from app.db import get_engine, upgrade
        from app.ingest import fetch
        from app.main import create_app
        from app.queue import get_huey

        mp.setattr(fetch, "PinnedTransport", _canned_transport)
        upgrade()
        get_huey().immediate = True
        with Session(get_engine()) as session:
            token = make_user(session, "admin", "admin")
        app = create_app()
        with TestClient(app) as client:
            client.headers["Authorization"] = f"Bearer {token}"
            _seed(client)
            CURRENT.target = app
            yield token
        get_engine().dispose()
        reset_caches()
    wp.stop()


def _seed(client):
    """Ids 1 and 2 exist for documents, segments, posts (one ready) and terms; a job has run."""
    doc = client.post("/api/documents", json={"text": EN, "outlet": "Global Times"}).json()
    for seg in doc["segments"][:2]:
        r = client.patch(
            f"/api/segments/{seg['id']}", json={"target_text": "Die Unruhen.", "version": seg["version"]}
        )
        assert (
            client.post(
                f"/api/segments/{seg['id']}/approve", json={"version": r.json()["version"]}
            ).status_code
            == 200
        )
    ids = [s["id"] for s in doc["segments"][:2]]
    for n in range(2):
        assert (
            client.post(
                "/api/posts", json={"document_id": doc["id"], "segment_ids": ids[: n + 1]}
            ).status_code
            == 201
        )
        assert (
            client.post(
                "/api/terms", json={"source_lang": "en", "source_term": f"t{n}", "target_term": "x"}
            ).status_code
            == 201
        )
    assert client.post("/api/posts/2/ready").status_code == 200
    assert client.post(f"/api/documents/{doc['id']}/translate", json={"provider": "none"}).status_code == 202


@schema.parametrize()
@settings(suppress_health_check=list(HealthCheck), deadline=None)
def test_api(case, fuzz_token):
    token = fuzz_token
    if case.operation.label == "POST /api/auth/logout":  # logout revokes the token it is sent with
        client = TestClient(CURRENT.target)  # no `with`: the app's lifespan already runs in the fixture
        token = client.post(
            "/api/auth/tokens", json={"name": "logout"}, headers={"Authorization": f"Bearer {fuzz_token}"}
        ).json()["token"]
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"})
