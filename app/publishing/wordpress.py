"""WordPress REST publishing with a ledger, so a retried publish never creates a second post."""

import hashlib
import json
import time
from dataclasses import dataclass, replace
from datetime import UTC
from html import unescape
from typing import Any

import httpx
from pydantic import BaseModel, Field, SecretStr, field_validator

from app.config import Settings
from app.errors import InvalidInput, PublishFailed, PublishUnauthorized, ServiceUnavailable
from app.exporters.html import render_title, title_html
from app.exporters.types import PostView

_SENT_MAYBE = (httpx.TimeoutException, httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError)


class WordPressSite(BaseModel):
    """Where and as whom to publish; the app password is an Application Password."""

    base_url: str
    username: str
    app_password: SecretStr
    timeout: float = Field(20.0, gt=0)
    retry_wait: float = Field(1.0, ge=0, description="Pause before looking up after a timeout.")

    @field_validator("base_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("base_url must start with http:// or https://")
        return value.rstrip("/")

    @property
    def api_root(self) -> str:
        return f"{self.base_url}/wp-json/wp/v2"


@dataclass(frozen=True)
class LedgerEntry:
    """What we know about a post on a site: remote id, slug, hash of what we sent, status."""

    site: str
    remote_id: int | None
    slug: str
    content_hash: str
    status: str
    link: str | None


def site_from_settings(settings: Settings) -> WordPressSite:
    """The configured site, or ServiceUnavailable(publish_not_configured)."""
    if not (settings.wordpress_url and settings.wordpress_user and settings.wordpress_app_password):
        raise ServiceUnavailable(
            "Publishing is not configured (WERKBANK_WORDPRESS_URL/_USER/_APP_PASSWORD)",
            code="publish_not_configured",
        )
    return WordPressSite(
        base_url=settings.wordpress_url,
        username=settings.wordpress_user,
        app_password=settings.wordpress_app_password,
        timeout=settings.wordpress_timeout,
    )


def _date_gmt(post: PostView) -> str:
    return post.published_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")


def content_hash(*, post: PostView, html: str) -> str:
    """Hash of everything publish sends, to tell whether a published post changed since.

    The title is hashed as plain text (it is sent escaped): ledgers written before the escaping
    still match an unchanged post.
    """
    data = {
        "title": render_title(post),
        "content": html,
        "slug": post.slug,
        "date_gmt": _date_gmt(post),
        "categories": post.categories,
        "tags": post.tags,
    }
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


def _error(response: httpx.Response) -> PublishFailed:
    try:
        body = response.json()
    except ValueError:
        body = {}
    body = body if isinstance(body, dict) else {}
    remote_code = str(body.get("code", ""))
    message = unescape(str(body.get("message") or response.reason_phrase))
    extra = {"remote_status": response.status_code, "remote_code": remote_code}
    details = json.dumps(body.get("data", {}).get("details", {}))
    # WordPress answers status=any from an anonymous caller with 400 rest_forbidden_status.
    if response.status_code in (401, 403) or "rest_forbidden_status" in details:
        return PublishUnauthorized(f"WordPress refused our credentials: {message}", **extra)
    return PublishFailed(f"WordPress answered {response.status_code}: {message}", **extra)


class WordPressClient:
    """Publishes finished posts to one WordPress site over its REST API (wp/v2)."""

    def __init__(self, site: WordPressSite, *, transport: httpx.BaseTransport | None = None):
        self.site = site
        self._http = httpx.Client(
            base_url=site.api_root + "/",
            auth=(site.username, site.app_password.get_secret_value()),
            timeout=site.timeout,
            transport=transport,
            headers={"User-Agent": "Werkbank", "Accept": "application/json"},
        )
        self._term_ids: dict[tuple[str, str], int] = {}
        self._verified = False

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> "WordPressClient":
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _call(self, method: str, path: str, *, allow: tuple[int, ...] = (), **kw: Any) -> Any:
        """One request; transport errors of possibly-sent requests propagate as httpx errors."""
        try:
            response = self._http.request(method, path, **kw)
        except httpx.ConnectError as exc:
            raise PublishFailed(f"Cannot reach WordPress at {self.site.base_url}: {exc}") from exc
        except _SENT_MAYBE:
            raise
        except httpx.HTTPError as exc:
            raise PublishFailed(f"Request to WordPress failed: {exc!r}") from exc
        if response.status_code >= 400 and response.status_code not in allow:
            raise _error(response)
        try:
            return response.status_code, response.json()
        except ValueError as exc:
            status = response.status_code
            raise PublishFailed("WordPress did not answer with JSON", remote_status=status) from exc

    def _safe_call(self, method: str, path: str, **kw: Any) -> Any:
        try:
            return self._call(method, path, **kw)
        except _SENT_MAYBE as exc:
            raise PublishFailed(f"WordPress did not answer in time: {exc!r}") from exc

    def verify(self) -> dict[str, Any]:
        """Check the credentials once (users/me); PublishUnauthorized when they are wrong."""
        _, me = self._safe_call("GET", "users/me", params={"context": "edit"})
        self._verified = True
        return me

    def _term_id(self, taxonomy: str, name: str) -> int:
        key = (taxonomy, name.casefold())
        if key not in self._term_ids:
            _, found = self._safe_call("GET", taxonomy, params={"search": name, "per_page": 100})
            ids = [t["id"] for t in found if unescape(t["name"]).casefold() == key[1]]
            if not ids:
                status, made = self._safe_call("POST", taxonomy, json={"name": name}, allow=(400,))
                if status == 400 and made.get("code") != "term_exists":
                    raise PublishFailed(f"WordPress refused the term {name!r}", remote=made)
                ids = [made["data"]["term_id"] if status == 400 else made["id"]]
            self._term_ids[key] = int(ids[0])
        return self._term_ids[key]

    def _payload(self, post: PostView, html: str) -> dict[str, Any]:
        return {
            "title": title_html(post),  # WordPress renders the title as HTML
            "content": html,
            "status": "publish",
            "slug": post.slug,
            "date_gmt": _date_gmt(post),
            "categories": [self._term_id("categories", n) for n in dict.fromkeys(post.categories)],
            "tags": [self._term_id("tags", n) for n in dict.fromkeys(post.tags)],
        }

    def find_by_slug(self, *, slug: str, date_gmt: str, html: str) -> dict[str, Any] | None:
        """Our post with this slug in any status: same slug and (same date or same content)."""
        params = {"slug": slug, "status": "any", "context": "edit", "per_page": 100}
        _, found = self._safe_call("GET", "posts", params=params)
        for item in found:
            raw = (item.get("content") or {}).get("raw")
            same = item.get("date_gmt") == date_gmt or raw == html
            if item.get("slug") == slug and same:
                return item
        return None

    def _update(self, remote_id: int, payload: dict[str, Any]) -> dict[str, Any] | None:
        status, body = self._safe_call("POST", f"posts/{remote_id}", json=payload, allow=(404, 410))
        return None if status in (404, 410) else body

    def _create(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Create; after a timeout look the post up by slug before creating again (once)."""
        for attempt in (1, 2):
            try:
                return self._call("POST", "posts", json=payload)[1]
            except _SENT_MAYBE as exc:
                time.sleep(self.site.retry_wait)
                found = self.find_by_slug(
                    slug=payload["slug"], date_gmt=payload["date_gmt"], html=payload["content"]
                )
                if found is not None:
                    return self._update(found["id"], payload) or found
                if attempt == 2:
                    raise PublishFailed(f"WordPress did not answer in time: {exc!r}") from exc
        raise AssertionError("unreachable")  # pragma: no cover

    def publish(self, *, post: PostView, html: str, ledger: LedgerEntry | None) -> LedgerEntry:
        """Create or update the post (finished HTML, our slug, date_gmt); idempotent."""
        if not self._verified:
            self.verify()
        payload = self._payload(post, html)
        remote = None
        if ledger is not None and ledger.remote_id is not None:
            remote = self._update(ledger.remote_id, payload)
        if remote is None:
            found = self.find_by_slug(slug=post.slug, date_gmt=payload["date_gmt"], html=html)
            remote = self._update(found["id"], payload) if found else None
        if remote is None:
            remote = self._create(payload)
        return LedgerEntry(
            site=self.site.base_url,
            remote_id=int(remote["id"]),
            slug=remote.get("slug") or post.slug,
            content_hash=content_hash(post=post, html=html),
            status=remote.get("status", "publish"),
            link=remote.get("link"),
        )

    def unpublish(self, ledger: LedgerEntry) -> LedgerEntry:
        """Turn the published post back into a draft on the site (it stays there, hidden)."""
        if ledger.remote_id is None:
            raise InvalidInput("This post was never published", code="not_published")
        if not self._verified:
            self.verify()
        status, body = self._safe_call(
            "POST", f"posts/{ledger.remote_id}", json={"status": "draft"}, allow=(404, 410)
        )
        if status in (404, 410):
            return replace(ledger, remote_id=None, status="deleted", link=None)
        return replace(ledger, status=body.get("status", "draft"), link=body.get("link"))
