"""Outbound fetches pinned to checked addresses: resolve once, refuse private ones, connect to that IP."""

import ipaddress
import socket
from collections.abc import Callable

import httpx

from app.errors import FetchFailed, InvalidInput

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_NAT64_LOCAL = ipaddress.IPv6Network("64:ff9b:1::/48")
_IPV4_COMPATIBLE = ipaddress.IPv6Network("::/96")


def is_public_address(ip: IPAddress) -> bool:
    """Whether a fetch may connect to `ip`; IPv6 forms that carry an IPv4 address are judged by it."""
    if isinstance(ip, ipaddress.IPv4Address):
        return ip.is_global and not ip.is_multicast
    if ip in _NAT64_LOCAL or ip in _IPV4_COMPATIBLE or ip.teredo is not None:
        return False  # local-use NAT64, deprecated ::a.b.c.d and Teredo have no place in a fetch
    embedded = ip.ipv4_mapped or ip.sixtofour
    if embedded is None and ip in _NAT64:
        embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    if embedded is not None:
        return is_public_address(embedded)
    return ip.is_global and not ip.is_multicast


def resolve(host: str, port: int, *, allow_private: bool) -> list[str]:
    """Every address `host` resolves to (one lookup), or an error if any of them is not public."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchFailed(f"Cannot resolve {host}", code="fetch_failed") from exc
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not addresses:
        raise FetchFailed(f"Cannot resolve {host}", code="fetch_failed")
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        if not allow_private and not is_public_address(ip):
            raise InvalidInput(f"{host} resolves to a private address", code="private_url", host=host)
    return addresses


class PinnedTransport(httpx.BaseTransport):
    """Sends each request to an address checked by `resolve`, never to a second DNS answer.

    The URL's host becomes the checked IP; the Host header and, for https, the TLS server name
    (SNI and certificate check) stay the original name. One inner transport per host name, so a
    pooled connection is never reused for another name.
    """

    def __init__(
        self, *, allow_private: bool = False, make_inner: Callable[[], httpx.BaseTransport] | None = None
    ) -> None:
        self.allow_private = allow_private
        self._make = make_inner or httpx.HTTPTransport
        self._inner: dict[str, httpx.BaseTransport] = {}

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        host = request.url.host
        port = request.url.port or (443 if request.url.scheme == "https" else 80)
        addresses = resolve(host, port, allow_private=self.allow_private)
        inner = self._inner.setdefault(host, self._make())
        failure: httpx.ConnectError | None = None
        for address in addresses:
            pinned = httpx.Request(
                request.method,
                request.url.copy_with(host=address),
                headers=request.headers,  # carries Host: the original name
                stream=request.stream,
                extensions={**request.extensions, "sni_hostname": host},
            )
            try:
                return inner.handle_request(pinned)
            except httpx.ConnectError as exc:
                failure = exc
        assert failure is not None
        raise failure

    def close(self) -> None:
        for inner in self._inner.values():
            inner.close()
        self._inner.clear()
