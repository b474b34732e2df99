"""URL ingest connects to the address it checked: DNS rebinding and IPv6 disguises of private addresses."""

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.api.test_url_ingest import ARTICLE

PUBLIC_IP = "93.184.216.34"  # never contacted: the test routes it to a loopback server


class _Recorder(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        self.server.hits.append((self.path, self.headers.get("Host")))
        if self.path == "/to-loopback":
            self.send_response(302)
            self.send_header("Location", f"http://127.0.0.1:{self.server.server_port}/article")
            self.end_headers()
            return
        body = ARTICLE.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def _server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    server.hits = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def servers():
    """Two loopback servers: `public` stands in for PUBLIC_IP, `private` is what rebinding would reach."""
    public, private = _server(), _server()
    yield public, private
    for server in (public, private):
        server.shutdown()
        server.server_close()


@pytest.fixture
def network(monkeypatch, servers):
    """A resolver that answers public first and loopback after (rebinding); no traffic leaves the host."""
    public, _ = servers
    real_getaddrinfo, real_connect = socket.getaddrinfo, socket.create_connection
    calls = {"rebind.example": 0}

    def getaddrinfo(host, port, *args, **kw):
        if host == "rebind.example":
            calls[host] += 1
            ip = PUBLIC_IP if calls[host] == 1 else "127.0.0.1"
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, port))]
        if host == "public.example":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (PUBLIC_IP, port))]
        return real_getaddrinfo(host, port, *args, **kw)

    def create_connection(address, *args, **kw):
        host, port = address[:2]
        if host in calls or host == "public.example":  # a name: resolved again, as the OS would
            return create_connection(getaddrinfo(host, port)[0][4], *args, **kw)
        if host == PUBLIC_IP:
            return real_connect(("127.0.0.1", public.server_port), *args, **kw)
        if host not in ("127.0.0.1", "::1", "localhost"):
            raise ConnectionRefusedError(f"test refuses to leave the host ({host})")
        return real_connect(address, *args, **kw)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket, "create_connection", create_connection)
    monkeypatch.setenv("WERKBANK_ALLOW_PRIVATE_URLS", "0")
    from app.config import get_settings

    get_settings.cache_clear()
    return calls


def test_dns_rebinding_never_reaches_loopback(translator, servers, network):
    public, private = servers
    r = translator.post(
        "/api/documents", json={"url": f"http://rebind.example:{private.server_port}/article"}
    )
    assert r.status_code == 201, r.text
    assert private.hits == []  # the second DNS answer (127.0.0.1) was never used
    assert public.hits == [("/article", f"rebind.example:{private.server_port}")]  # Host header kept
    assert network["rebind.example"] == 1


def test_redirect_to_loopback_is_checked_again(translator, servers, network):
    public, _ = servers
    r = translator.post(
        "/api/documents", json={"url": f"http://public.example:{public.server_port}/to-loopback"}
    )
    assert r.status_code == 422 and r.json()["error"]["code"] == "private_url"
    assert [path for path, _ in public.hits] == ["/to-loopback"]


@pytest.mark.parametrize(
    "host",
    [
        "[64:ff9b::7f00:1]",  # NAT64 of 127.0.0.1
        "[64:ff9b::a00:1]",  # NAT64 of 10.0.0.1
        "[64:ff9b:1::a9fe:a9fe]",  # local-use NAT64 (169.254.169.254)
        "[::ffff:127.0.0.1]",  # IPv4-mapped
        "[::ffff:a9fe:a9fe]",  # IPv4-mapped link-local (cloud metadata)
        "[::7f00:1]",  # IPv4-compatible
        "[2002:7f00:1::1]",  # 6to4 of 127.0.0.1
        "[2002:c0a8:101::1]",  # 6to4 of 192.168.1.1
        "[2001:0:4136:e378:8000:63bf:80ff:fffe]",  # Teredo
        "[fe80::1]",
        "0.0.0.0",
        "169.254.169.254",
    ],
)
def test_ipv6_disguises_of_private_addresses_are_refused(translator, network, host):
    r = translator.post("/api/documents", json={"url": f"http://{host}:8080/x"})
    assert r.status_code == 422 and r.json()["error"]["code"] == "private_url", r.text
