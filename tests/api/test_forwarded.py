"""Behind a reverse proxy: `werkbank serve` trusts X-Forwarded-For only from WERKBANK_FORWARDED_ALLOW_IPS."""

import httpx
import pytest

from testkit.threaded_server import threaded_server


def _serve_options(monkeypatch, **env) -> dict:
    """The keyword arguments `werkbank serve` gives uvicorn.run with this environment."""
    import uvicorn
    from typer.testing import CliRunner

    from app.cli.commands import cli
    from app.config import get_settings

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append(kw))
    monkeypatch.setenv("WERKBANK_RUN_WORKER", "0")
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    get_settings.cache_clear()
    result = CliRunner().invoke(cli, ["serve"])
    assert result.exit_code == 0, result.output
    ignored = ("host", "port", "log_level", "factory", "workers")  # the proxy options only
    return {k: v for k, v in calls[-1].items() if k not in ignored}


def test_serve_ignores_proxy_headers_unless_configured(settings, monkeypatch):
    assert _serve_options(monkeypatch)["proxy_headers"] is False
    options = _serve_options(monkeypatch, WERKBANK_FORWARDED_ALLOW_IPS=" 10.0.0.5, 10.1.0.0/16 ")
    assert options == {"proxy_headers": True, "forwarded_allow_ips": "10.0.0.5,10.1.0.0/16"}


def _guess(url: str, name: str, client_ip: str) -> int:
    headers = {"X-Forwarded-For": client_ip}
    body = {"username": name, "password": "falsch-falsch"}
    return httpx.post(f"{url}/api/auth/login", json=body, headers=headers, timeout=30).status_code


@pytest.mark.parametrize("trusted", [True, False])
def test_login_throttle_sees_the_client_address_only_behind_a_trusted_proxy(app, monkeypatch, trusted):
    from app.accounts.throttle import LoginThrottle

    env = {"WERKBANK_FORWARDED_ALLOW_IPS": "127.0.0.1"} if trusted else {}
    options = _serve_options(monkeypatch, **env)
    app.state.login_throttle = LoginThrottle(limit=1, window=600, ip_factor=1)  # one failure per address
    with threaded_server(app, **options) as url:
        assert _guess(url, "a", "203.0.113.7") == 401
        assert _guess(url, "b", "203.0.113.7") == 429  # that address has used its budget
        # another client behind the proxy keeps its own budget; a forged header from a direct
        # client (untrusted) changes nothing
        assert _guess(url, "c", "198.51.100.9") == (401 if trusted else 429)
