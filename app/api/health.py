"""Health: database reachability, version and the site's time zone (no auth)."""

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from app import __version__
from app.db import database_status
from app.times import site_zone

router = APIRouter(prefix="/api", tags=["health"])


@router.get("/health")
def health() -> JSONResponse:
    """`{"status": "ok", "database": "ok", "version": …, "timezone": …}`; 503 when the database is down.

    `timezone` is the blog's IANA zone (WERKBANK_TIMEZONE): the browser UI shows and enters every time
    in it. Public on purpose: the blog's published dates reveal the zone anyway, and the UI reads it
    at start in parallel with `/api/auth/me`, before and independent of a login.
    """
    db = database_status()
    status = 200 if db == "ok" else 503
    body = {
        "status": "ok" if db == "ok" else "degraded",
        "database": db,
        "version": __version__,
        "timezone": site_zone().key,
    }
    return JSONResponse(body, status_code=status)
