"""Liveness (`/api/health`: no database) and readiness (`/api/ready`: the database answers); no auth."""

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from app import __version__
from app.db import database_status
from app.times import site_zone

router = APIRouter(prefix="/api", tags=["health"])


@router.get("/health")
async def health() -> JSONResponse:
    """`{"status": "ok", "version": …, "timezone": …}` whenever the server process answers requests.

    Liveness only: it never touches the database, so it answers at once while a bulk ingest keeps
    the database busy (and does not wait for a pooled connection). `/api/ready` says whether the
    database answers. `timezone` is the blog's IANA zone (WERKBANK_TIMEZONE): the browser UI shows
    and enters every time in it. Public on purpose: the blog's published dates reveal the zone anyway,
    and the UI reads it at start in parallel with `/api/auth/me`, before and independent of a login.
    """
    return JSONResponse({"status": "ok", "version": __version__, "timezone": site_zone().key})


@router.get("/ready")
def ready() -> JSONResponse:
    """`{"status": "ok", "database": "ok", …}` when the database answers `SELECT 1`; else 503.

    Readiness, for a load balancer's health check: a server whose database is unreachable answers
    503 with `"status": "degraded"` and `"database": "error: <exception type>"`. It waits for the
    database, so under heavy writes it answers as slowly as the database does.
    """
    db = database_status()
    body = {"status": "ok" if db == "ok" else "degraded", "database": db, "version": __version__}
    return JSONResponse(body, status_code=200 if db == "ok" else 503)
