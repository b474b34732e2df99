"""What the CLI talks to: the local database through the services, or a remote server over HTTP."""

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import httpx

from app.errors import InvalidInput, WerkbankError
from app.times import client_time


@dataclass(frozen=True)
class ExportRequest:
    """What `werkbank export` was asked for."""

    kind: str  # document | post | day | pairs
    ref: str | None
    fmt: str
    since: str | None = None
    until: str | None = None
    document_id: int | None = None

    def path(self) -> str:
        """The API path and query that serve this export."""
        base = {
            "document": f"/api/documents/{self.ref}/export",
            "post": f"/api/posts/{self.ref}/export",
            "day": f"/api/days/{self.ref}/export",
            "pairs": "/api/pairs/export",
        }[self.kind]
        params = {
            "format": self.fmt,
            "since": self.since,
            "until": self.until,
            "document_id": self.document_id,
        }
        # encoded, so the "+" of an offset like +01:00 does not arrive as a space
        return f"{base}?{urlencode({k: v for k, v in params.items() if v is not None})}"


def _client_time(text: str | None, zone: ZoneInfo) -> datetime | None:
    """--since/--until as the API reads them: naive means the site's zone (see app/times.py)."""
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text)
    except ValueError as exc:
        raise InvalidInput(f"Not an ISO date/time: {text!r}", code="invalid_input") from exc
    return client_time(value, zone)


class Target(Protocol):
    def ingest(self, payload: dict) -> dict: ...
    def ingest_bulk(self, payloads: list[dict]) -> list[dict]: ...
    def export(self, request: ExportRequest) -> str: ...
    def translate(self, document_id: int, provider: str | None) -> dict: ...
    def job(self, job_id: int) -> dict: ...
    def request(self, method: str, path: str, body: Any = None) -> Any: ...


class _Target:
    """What both targets share."""

    def ingest(self, payload: dict) -> dict:
        raise NotImplementedError

    def ingest_bulk(self, payloads: list[dict]) -> list[dict]:
        raise NotImplementedError


class RemoteTarget(_Target):
    """A Werkbank server reached with an API token."""

    def __init__(
        self, server: str, token: str | None, *, transport: httpx.BaseTransport | None = None
    ) -> None:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self.http = httpx.Client(
            base_url=server.rstrip("/"), headers=headers, timeout=60, transport=transport
        )

    def request(self, method: str, path: str, body: Any = None) -> Any:
        try:
            resp = self.http.request(method, path, json=body)
        except httpx.HTTPError as exc:
            raise WerkbankError(
                f"Cannot reach {self.http.base_url}: {exc}", code="server_unreachable"
            ) from exc
        if resp.status_code >= 400:
            try:
                err = resp.json().get("error", {})
            except (json.JSONDecodeError, AttributeError):
                err = {}
            raise WerkbankError(
                err.get("message", resp.text[:200]),
                code=err.get("code", "http_error"),
                status=resp.status_code,
            )
        ctype = resp.headers.get("content-type", "")
        return resp.json() if ctype.startswith("application/json") else resp.text

    def ingest(self, payload: dict) -> dict:
        return self.request("POST", "/api/documents", payload)

    def ingest_bulk(self, payloads: list[dict]) -> list[dict]:
        """One POST /api/documents/bulk; a result per payload (created, existing or error)."""
        return self.request("POST", "/api/documents/bulk", payloads)["results"]

    def export(self, request: ExportRequest) -> str:
        resp = self.request("GET", request.path())
        return resp if isinstance(resp, str) else json.dumps(resp, ensure_ascii=False, indent=2)

    def translate(self, document_id: int, provider: str | None) -> dict:
        return self.request("POST", f"/api/documents/{document_id}/translate", {"provider": provider})

    def job(self, job_id: int) -> dict:
        return self.request("GET", f"/api/jobs/{job_id}")


class LocalTarget(_Target):
    """The configured database, through the same services the API uses."""

    def ingest(self, payload: dict) -> dict:
        from app.config import get_settings
        from app.ingest.pipeline import ingest_document
        from app.models import DocumentCreate
        from app.setup import local_session

        with local_session() as session:
            doc, _ = ingest_document(
                session=session,
                payload=DocumentCreate.model_validate(payload),
                user=None,
                settings=get_settings(),
            )
            return doc.model_dump(mode="json")

    def ingest_bulk(self, payloads: list[dict]) -> list[dict]:
        """The bulk path the API's bulk endpoint uses, on the local database."""
        from app.config import get_settings
        from app.ingest.bulk import ingest_many
        from app.setup import local_session

        with local_session() as session:
            return ingest_many(session=session, items=payloads, user=None, settings=get_settings())

    def export(self, request: ExportRequest) -> str:
        from app.config import get_settings
        from app.errors import InvalidInput
        from app.publishing import exports
        from app.setup import local_session

        settings = get_settings()
        with local_session() as session:
            try:
                if request.kind == "document":
                    return exports.export_document(
                        session=session, document_id=int(request.ref or 0), fmt=request.fmt
                    ).body
                if request.kind == "post":
                    return exports.export_post(
                        session=session, post_id=int(request.ref or 0), fmt=request.fmt, settings=settings
                    ).body
                if request.kind == "day":
                    day = date.fromisoformat(request.ref or "")
                    return exports.export_day(
                        session=session, day=day, fmt=request.fmt, settings=settings
                    ).body
                since, until = (_client_time(t, settings.zone) for t in (request.since, request.until))
                return exports.export_pairs(
                    session=session,
                    fmt=request.fmt,
                    since=since,
                    until=until,
                    document_id=request.document_id,
                ).body
            except ValueError as exc:
                raise InvalidInput(str(exc), code="invalid_input") from exc

    def translate(self, document_id: int, provider: str | None) -> dict:
        """Create the job and run it in a thread of this process (no server needed)."""
        import threading

        from sqlmodel import Session

        from app.config import get_settings
        from app.db import get_engine
        from app.drafting.jobs import create_job
        from app.drafting.runner import run_job
        from app.models import JobPublic
        from app.setup import local_session

        with local_session() as session:
            job = create_job(
                session=session,
                document_id=document_id,
                provider=provider or get_settings().default_provider,
                user=None,
            )
            job_id = job.id
            data = JobPublic.model_validate(job).model_dump(mode="json")

        def work() -> None:
            with Session(get_engine()) as s:
                run_job(session=s, job_id=job_id)

        threading.Thread(target=work, name=f"job-{job_id}", daemon=True).start()
        return data

    def job(self, job_id: int) -> dict:
        from app.drafting.jobs import get_job
        from app.models import JobPublic
        from app.setup import local_session

        with local_session() as session:
            return JobPublic.model_validate(get_job(session=session, job_id=job_id)).model_dump(mode="json")

    def request(self, method: str, path: str, body: Any = None) -> Any:
        raise WerkbankError("This command needs --server", code="needs_server")


def make_target(server: str | None, token: str | None) -> Target:
    """Remote when --server is given, else the local database."""
    return RemoteTarget(server, token) if server else LocalTarget()
