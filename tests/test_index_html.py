"""index.html: its one inline script (the early API requests) is allowed by the CSP's hash and nothing else is."""

import base64
import hashlib
import re
from pathlib import Path

INDEX = Path(__file__).resolve().parents[1] / "frontend" / "index.html"
INLINE = re.compile(r"<script>(.*?)</script>", re.DOTALL)
CSP = re.compile(r'http-equiv="Content-Security-Policy"\s+content="([^"]+)"')


def script_src(html: str) -> list[str]:
    """The sources the page's CSP allows for scripts."""
    [policy] = CSP.findall(html)
    [directive] = [d.strip() for d in policy.split(";") if d.strip().startswith("script-src ")]
    return directive.split()[1:]


def test_every_inline_script_is_allowed_by_its_hash_and_nothing_inline_else():
    html = INDEX.read_text(encoding="utf-8")
    scripts = INLINE.findall(html)
    assert len(scripts) == 1, "one inline script: the early API requests"
    hashes = {
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'" for s in scripts
    }
    allowed = script_src(html)
    assert "'unsafe-inline'" not in allowed and "'unsafe-eval'" not in allowed
    assert set(allowed) == {"'self'", *hashes}, "edit the script → update its sha256 in the CSP"


def test_the_early_requests_are_the_ones_the_first_screen_asks_for():
    """The early script asks what app.js and the editor ask first; api.js takes them over by path."""
    [script] = INLINE.findall(INDEX.read_text(encoding="utf-8"))
    for path in ('"/api/auth/me"', '"/api/health"', '"/api/terms"', "`/api/documents/${doc[1]}`"):
        assert path in script
    assert "window.werkbankEarly" in script
    api = (INDEX.parent / "js" / "api.js").read_text(encoding="utf-8")
    assert "globalThis.werkbankEarly" in api
