"""PinnedTransport and the address rule, without a network: which IPs count as public, what is sent."""

import ipaddress
import socket

import httpx
import pytest

from app.errors import InvalidInput
from app.ingest.pinned import PinnedTransport, is_public_address


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.216.34", True),
        ("2606:4700:4700::1111", True),
        ("64:ff9b::5db8:d822", True),  # NAT64 of a public IPv4 (DNS64 networks) stays allowed
        ("::ffff:93.184.216.34", True),
        ("2002:5db8:d822::1", True),  # 6to4 of a public IPv4
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("100.64.0.1", False),
        ("169.254.169.254", False),
        ("224.0.0.1", False),
        ("::1", False),
        ("fe80::1", False),
        ("fc00::1", False),
        ("ff02::1", False),
        ("64:ff9b::7f00:1", False),
        ("64:ff9b:1::5db8:d822", False),
        ("::ffff:10.0.0.1", False),
        ("::7f00:1", False),
        ("::5db8:d822", False),  # IPv4-compatible: deprecated, refused whatever it embeds
        ("2002:a9fe:a9fe::", False),
        ("2001:0:4136:e378:8000:63bf:80ff:fffe", False),
    ],
)
def test_public_address_rule(address, public):
    assert is_public_address(ipaddress.ip_address(address)) is public


def _resolver(monkeypatch, answers):
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kw):
        if host not in answers:
            return real(host, port, *args, **kw)
        return [
            (socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port))
            for a in answers[host]
        ]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


def test_request_goes_to_the_checked_ip_with_host_and_sni_kept(monkeypatch):
    _resolver(monkeypatch, {"news.example": ["2606:4700:4700::1111", "93.184.216.34"]})
    seen = []

    def handler(request):
        seen.append(request)
        if len(seen) == 1:
            raise httpx.ConnectError("unreachable", request=request)
        return httpx.Response(200, text="ok")

    transport = PinnedTransport(make_inner=lambda: httpx.MockTransport(handler))
    with httpx.Client(transport=transport) as client:
        assert client.get("https://news.example/a?b=1").text == "ok"
    assert [str(r.url) for r in seen] == [
        "https://[2606:4700:4700::1111]/a?b=1",
        "https://93.184.216.34/a?b=1",
    ]
    assert all(
        r.headers["host"] == "news.example" and r.extensions["sni_hostname"] == "news.example" for r in seen
    )


def test_one_private_answer_refuses_the_name(monkeypatch):
    _resolver(monkeypatch, {"mixed.example": ["93.184.216.34", "10.0.0.5"]})
    transport = PinnedTransport(make_inner=lambda: httpx.MockTransport(lambda r: httpx.Response(200)))
    with httpx.Client(transport=transport) as client, pytest.raises(InvalidInput) as info:
        client.get("http://mixed.example/")
    assert info.value.code == "private_url"
    allowed = PinnedTransport(
        allow_private=True, make_inner=lambda: httpx.MockTransport(lambda r: httpx.Response(204))
    )
    with httpx.Client(transport=allowed) as client:
        assert client.get("http://mixed.example/").status_code == 204


@pytest.fixture
def tls_site(tmp_path):
    """An https server on 127.0.0.1 with a self-signed certificate for news.example only."""
    import shutil
    import ssl
    import subprocess
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    if not shutil.which("openssl"):
        pytest.skip("openssl not installed")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=news.example",
            "-addext",
            "subjectAltName=DNS:news.example",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args):
            pass

    names = []
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    context.sni_callback = lambda sock, name, ctx: names.append(name)
    server = HTTPServer(("127.0.0.1", 0), Handler)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_port, cert, names
    server.shutdown()
    server.server_close()


def test_tls_checks_the_certificate_against_the_name_not_the_ip(monkeypatch, tls_site):
    import ssl

    port, cert, names = tls_site
    _resolver(monkeypatch, {"news.example": ["127.0.0.1"]})
    trusted = ssl.create_default_context(cafile=str(cert))
    transport = PinnedTransport(allow_private=True, make_inner=lambda: httpx.HTTPTransport(verify=trusted))
    with httpx.Client(transport=transport) as client:
        assert client.get(f"https://news.example:{port}/").text == "ok"
    assert names == ["news.example"]
    with httpx.Client(verify=trusted) as plain, pytest.raises(httpx.ConnectError, match="certificate"):
        plain.get(f"https://127.0.0.1:{port}/")  # the same server by IP: the name check would fail
