"""The source URL key: one spelling per article, so the same URL is ingested once.

Rule (what `source_url_key` makes equal, and why nothing more):
- scheme and host in lower case (an international host as IDNA/punycode), the scheme's
  default port dropped, an empty path written "/";
- the fragment dropped (the server never sees it), except a "#!" route, which names the content;
- tracking parameters dropped: every `utm_*` and the click ids and mailing tags in TRACKING;
- percent-escapes with upper-case hex, characters outside ASCII and spaces percent-encoded
  (UTF-8), so a URL copied from the address bar and one typed by hand agree.
Nothing else changes: the remaining query parameters keep their order, and path case,
trailing slashes, "www." and http vs https stay as given. Sorting parameters would merge two
pages of a site whose scripts read them in order, and a false merge hides an article behind
another one; a missed merge costs only a duplicate document, which content dedupe often
catches anyway. A value that is not an http(s) URL with a host is only trimmed.
A key over MAX_KEY bytes (an index entry must stay small) is replaced by "sha256:" + its hash.
"""

import hashlib
import re
from urllib.parse import quote, unquote_plus, urlsplit, urlunsplit

MAX_KEY = 2000
TRACKING = frozenset(
    {
        "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "yclid", "msclkid", "twclid",
        "ttclid", "li_fat_id", "igshid", "mc_cid", "mc_eid", "ref_src", "ref_url", "_ga", "_gl",
        "mkt_tok", "oly_anon_id", "oly_enc_id", "vero_id", "_hsenc", "_hsmi", "__hstc", "__hssc",
        "__hsfp", "hsctatracking", "wickedid", "srsltid",
    }
)
_DEFAULT_PORTS = {"http": 80, "https": 443}
_ESCAPE = re.compile(r"%[0-9a-fA-F]{2}")
# Characters a URL may carry as they are (RFC 3986 reserved and unreserved) plus "%" for escapes.
_SAFE = "/?#[]@!$&'()*+,;=:-._~%"


def _encode(part: str) -> str:
    """Non-ASCII characters and spaces percent-encoded, escapes with upper-case hex."""
    return _ESCAPE.sub(lambda m: m.group(0).upper(), quote(part, safe=_SAFE))


def _is_tracking(pair: str) -> bool:
    name = unquote_plus(pair.split("=", 1)[0]).strip().lower()
    return name.startswith("utm_") or name in TRACKING


def _host(hostname: str) -> str:
    try:
        return hostname.encode("idna").decode("ascii")
    except UnicodeError:
        return _encode(hostname)


def _netloc(parts, scheme: str) -> str:  # noqa: ANN001 - urllib's SplitResult
    host = _host(parts.hostname)
    if ":" in host:  # an IPv6 literal
        host = f"[{host}]"
    port = parts.port
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        host = f"{host}:{port}"
    userinfo = parts.netloc.rpartition("@")[0]
    return f"{_encode(userinfo)}@{host}" if userinfo else host


def normalize_url(url: str) -> str:
    """The URL spelled by the rule above; anything that is not an http(s) URL, only trimmed."""
    url = url.strip()
    try:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme not in _DEFAULT_PORTS or not parts.hostname:
            return url
        netloc = _netloc(parts, scheme)
    except ValueError:  # a port that is not a number, a broken IPv6 literal
        return url
    query = "&".join(p for p in parts.query.split("&") if p and not _is_tracking(p))
    fragment = parts.fragment if parts.fragment.startswith("!") else ""
    return urlunsplit(
        (scheme, netloc, _encode(parts.path) or "/", _encode(query), _encode(fragment))
    )


def source_url_key(url: str | None) -> str | None:
    """The unique key of a document's source URL (None without one)."""
    if url is None or not url.strip():
        return None
    key = normalize_url(url)
    if len(key.encode()) > MAX_KEY:
        return "sha256:" + hashlib.sha256(key.encode()).hexdigest()
    return key
