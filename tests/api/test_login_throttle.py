"""Login throttle: atomic check-and-record under parallel guesses, Retry-After, bounded memory."""

import threading
import time

import httpx
import pytest

from testkit.threaded_server import threaded_server


@pytest.fixture
def dora(session):
    from app.accounts.users import create_user
    from app.models import UserCreate

    create_user(
        session=session, payload=UserCreate(username="dora", role="translator", password="richtiges-passwort")
    )


def _parallel_logins(url: str, bodies: list[dict]) -> list[httpx.Response]:
    barrier = threading.Barrier(len(bodies))
    results: list[httpx.Response] = [None] * len(bodies)

    def run(i: int) -> None:
        with httpx.Client(base_url=url, timeout=60) as client:
            barrier.wait()
            results[i] = client.post("/api/auth/login", json=bodies[i])

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(bodies))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def test_parallel_wrong_guesses_cannot_exceed_the_budget(app, dora):
    from app.accounts.throttle import LoginThrottle

    app.state.login_throttle = LoginThrottle(limit=10, window=600)
    with threaded_server(app) as url:
        answers = _parallel_logins(url, [{"username": "dora", "password": f"falsch-{i}"} for i in range(30)])
        codes = [r.status_code for r in answers]
        assert codes.count(401) == 10 and codes.count(429) == 20, codes  # only 10 passwords were checked
        for r in answers:
            if r.status_code == 429:
                assert r.json()["error"]["code"] == "too_many_attempts"
                assert 0 < int(r.headers["Retry-After"]) <= 600
        right = httpx.post(
            f"{url}/api/auth/login", json={"username": "dora", "password": "richtiges-passwort"}
        )
        assert right.status_code == 429


def test_successful_logins_do_not_use_up_the_address_budget(app, anon, dora):
    from app.accounts.throttle import LoginThrottle

    app.state.login_throttle = LoginThrottle(limit=2, window=600, ip_factor=2)
    for _ in range(10):  # a shared proxy address with many good logins stays open
        assert (
            anon.post(
                "/api/auth/login", json={"username": "dora", "password": "richtiges-passwort"}
            ).status_code
            == 200
        )
    for name in ("a", "b", "c", "d"):
        assert anon.post("/api/auth/login", json={"username": name, "password": "x-x-x-x"}).status_code == 401
    blocked = anon.post("/api/auth/login", json={"username": "e", "password": "x-x-x-x"})
    assert blocked.status_code == 429  # 4 failures from one address = 2 × 2


def test_memory_stays_bounded_for_many_user_names():
    from app.accounts.throttle import LoginThrottle

    throttle = LoginThrottle(limit=3, window=1, ip_factor=10_000)
    for i in range(5000):
        throttle.attempt(f"user:name-{i}", "ip:10.0.0.1" if i % 2 else "ip:10.0.0.2")
        if i % 3 == 0:
            throttle.succeeded(f"user:name-{i}", "ip:10.0.0.1")
    assert throttle.tracked_keys() <= 5002
    time.sleep(1.3)
    throttle.attempt("user:late", "ip:10.0.0.3")
    assert throttle.tracked_keys() <= 2  # entries of names whose window passed are gone


@pytest.mark.redis
def test_redis_storage_shares_the_budget_and_refunds():
    import uuid

    from app.accounts.throttle import LoginThrottle, TooManyAttempts
    from testkit.services import REDIS_URL, skip_or_fail

    if not REDIS_URL:
        skip_or_fail("WERKBANK_TEST_REDIS_URL not set")
    name, ip = f"user:{uuid.uuid4().hex}", f"ip:{uuid.uuid4().hex}"
    first, second = (LoginThrottle(limit=2, window=60, ip_factor=2, storage_url=REDIS_URL) for _ in range(2))
    first.attempt(name, ip)
    second.attempt(name, ip)  # another process sees the first attempt
    with pytest.raises(TooManyAttempts) as info:
        first.attempt(name, ip)
    assert 0 < info.value.extra["retry_after"] <= 60
    first.succeeded(name, ip)  # the name is cleared, the address gets one attempt back
    for _ in range(3):  # the address had 1 of 4 in use: three more attempts, then no more
        second.attempt(f"user:{uuid.uuid4().hex}", ip)
    with pytest.raises(TooManyAttempts):
        first.attempt(f"user:{uuid.uuid4().hex}", ip)
