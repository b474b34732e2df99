"""Auth: every protected route answers 401 anonymously; login cookie; tokens; roles."""

import re

from fastapi.routing import APIRoute

OPEN = {("/api/health", "GET"), ("/api/ready", "GET"), ("/api/auth/login", "POST")}


def _routes(routes, prefix=""):
    for route in routes:
        if hasattr(route, "original_router"):
            yield from _routes(route.original_router.routes, prefix + route.include_context.prefix)
        elif isinstance(route, APIRoute):
            for method in route.methods - {"HEAD"}:
                yield prefix + route.path, method


def test_every_api_route_needs_credentials(app, anon):
    routes = sorted(set(_routes(app.routes)))
    assert len(routes) > 20  # the walk really found the routers
    checked = 0
    for path, method in routes:
        if not path.startswith("/api") or (path, method) in OPEN:
            continue
        url = re.sub(r"\{[^}]+\}", "1", path)
        r = anon.request(method, url)
        assert r.status_code == 401, (method, path, r.status_code)
        assert r.json()["error"]["code"] == "unauthorized"
        checked += 1
    assert checked >= 20


def test_bad_tokens_are_rejected(anon):
    r = anon.get("/api/documents", headers={"Authorization": "Bearer wb_nonsense"})
    assert r.status_code == 401


def test_login_sets_httponly_cookie_and_logout_ends_the_session(anon, session):
    from app.accounts.users import create_user
    from app.models import UserCreate

    create_user(
        session=session, payload=UserCreate(username="anna", role="translator", password="lange-passphrase")
    )
    bad = anon.post("/api/auth/login", json={"username": "anna", "password": "wrong-password"})
    assert bad.status_code == 401 and bad.json()["error"]["code"] == "bad_credentials"
    r = anon.post("/api/auth/login", json={"username": "anna", "password": "lange-passphrase"})
    assert r.status_code == 200
    cookie = r.headers["set-cookie"]
    assert "werkbank_session=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert anon.get("/api/auth/me").json()["username"] == "anna"
    assert anon.post("/api/auth/logout").status_code == 204
    anon.cookies.clear()
    anon.cookies.set("werkbank_session", r.json()["token"])
    assert anon.get("/api/auth/me").status_code == 401


def test_passwords_are_stored_as_argon2_and_tokens_hashed(session, tokens):
    from sqlmodel import select

    from app.models import AuthToken, User

    user = session.exec(select(User).where(User.username == "admin")).one()
    assert user.password_hash.startswith("$argon2")
    stored = [t.token_hash for t in session.exec(select(AuthToken))]
    assert tokens["admin"] not in stored and all(len(h) == 64 for h in stored)


def test_admin_manages_users_others_cannot(admin, editor):
    r = admin.post(
        "/api/users", json={"username": "boris", "role": "editor", "password": "sicheres-passwort"}
    )
    assert r.status_code == 201 and r.json()["role"] == "editor" and "password_hash" not in r.json()
    dup = admin.post(
        "/api/users", json={"username": "boris", "role": "editor", "password": "sicheres-passwort"}
    )
    assert dup.status_code == 409 and dup.json()["error"]["code"] == "user_exists"
    assert editor.get("/api/users").status_code == 403
    assert editor.post("/api/users", json={"username": "x", "password": "12345678"}).status_code == 403


def test_api_token_endpoint_issues_a_working_token(translator, anon):
    token = translator.post("/api/auth/tokens", json={"name": "script"}).json()["token"]
    assert (
        anon.get("/api/auth/me", headers={"Authorization": f"Bearer {token}"}).json()["username"]
        == "translator"
    )


def test_health_and_ready_are_open_and_ready_reports_db(anon):
    r = anon.get("/api/health")
    assert r.status_code == 200 and r.json()["status"] == "ok" and r.json()["version"]
    r = anon.get("/api/ready")
    assert r.status_code == 200 and r.json()["database"] == "ok" and r.json()["version"]


def test_openapi_documents_every_route(app):
    spec = app.openapi()
    for path, method in set(_routes(app.routes)):
        if not path.startswith("/api"):
            continue
        assert method.lower() in spec["paths"][path], (method, path)
        assert spec["paths"][path][method.lower()].get("summary")


def test_cookie_writes_from_another_site_are_refused(anon, session):
    from app.accounts.users import create_user
    from app.models import UserCreate

    create_user(
        session=session, payload=UserCreate(username="carla", role="translator", password="lange-passphrase")
    )
    anon.post("/api/auth/login", json={"username": "carla", "password": "lange-passphrase"})
    evil = anon.post("/api/documents", json={"text": "x"}, headers={"Origin": "https://evil.example"})
    assert evil.status_code == 403 and evil.json()["error"]["code"] == "cross_site"
    own = anon.post("/api/documents", json={"text": "   "}, headers={"Origin": "http://testserver"})
    assert own.status_code == 422  # reached the route


def test_oversized_request_bodies_are_refused_early(translator):
    body = b'{"text": "' + b"a" * 12_000_000 + b'"}'
    r = translator.post("/api/documents", content=body, headers={"Content-Type": "application/json"})
    assert r.status_code == 413 and r.json()["error"]["code"] == "too_large"


def test_api_docs_are_served_without_a_cdn(anon):
    page = anon.get("/docs")
    assert page.status_code == 200 and "/docs-assets/swagger-ui-bundle.js" in page.text
    assert "cdn" not in page.text.lower()
    assert anon.get("/docs-assets/swagger-ui-bundle.js").status_code == 200
    assert anon.get("/openapi.json").json()["info"]["title"] == "Werkbank"


def test_security_headers_and_frontend_revalidation(anon):
    api = anon.get("/api/health")
    assert api.headers["x-content-type-options"] == "nosniff" and api.headers["x-frame-options"] == "DENY"
    page = anon.get("/")
    assert (
        page.status_code == 200 and page.headers["cache-control"] == "no-cache" and page.headers.get("etag")
    )


def test_repeated_failed_logins_are_throttled(app, anon, session, monkeypatch):
    from app.accounts.throttle import LoginThrottle
    from app.accounts.users import create_user
    from app.models import UserCreate

    create_user(
        session=session, payload=UserCreate(username="dora", role="translator", password="richtiges-passwort")
    )
    app.state.login_throttle = LoginThrottle(limit=3, window=60)
    for _ in range(3):
        assert (
            anon.post("/api/auth/login", json={"username": "dora", "password": "falsch-falsch"}).status_code
            == 401
        )
    blocked = anon.post("/api/auth/login", json={"username": "dora", "password": "richtiges-passwort"})
    assert blocked.status_code == 429 and blocked.json()["error"]["code"] == "too_many_attempts"
    assert int(blocked.headers["retry-after"]) > 0
    other = anon.post("/api/auth/login", json={"username": "DORA", "password": "x"})
    assert other.status_code == 429  # names are counted case-insensitively


def test_one_address_gets_a_larger_budget_than_one_name():
    from app.accounts.throttle import LoginThrottle
    from app.errors import WerkbankError

    throttle = LoginThrottle(limit=2, window=60, ip_factor=3)
    for n in range(5):
        throttle.failed(f"user:u{n}", "ip:10.0.0.1")
    throttle.check("user:fresh", "ip:10.0.0.1")  # 5 < 2 × 3
    throttle.failed("user:u9", "ip:10.0.0.1")
    try:
        throttle.check("user:fresh", "ip:10.0.0.1")
    except WerkbankError as exc:
        assert exc.code == "too_many_attempts"
    else:
        raise AssertionError("the address budget of 6 was used up")
