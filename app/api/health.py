"""Health: database reachability and version (no auth)."""

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from app import __version__
from app.db import database_status

router = APIRouter(prefix="/api", tags=["health"])


@router.get("/health")
def health() -> JSONResponse:
    """`{"status": "ok", "database": "ok", "version": …}`; 503 when the database is unreachable."""
    db = database_status()
    status = 200 if db == "ok" else 503
    body = {"status": "ok" if db == "ok" else "degraded", "database": db, "version": __version__}
    return JSONResponse(body, status_code=status)
