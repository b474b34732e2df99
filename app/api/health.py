"""Health: database reachability and version (no auth)."""

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import text

from app import __version__
from app.db import get_engine

router = APIRouter(prefix="/api", tags=["health"])


@router.get("/health")
def health() -> JSONResponse:
    """`{"status": "ok", "database": "ok", "version": …}`; 503 when the database is unreachable."""
    try:
        with get_engine().connect() as conn:
            conn.execute(text("SELECT 1"))
        db = "ok"
    except Exception as exc:  # noqa: BLE001 - any driver error means unreachable
        db = f"error: {type(exc).__name__}"
    status = 200 if db == "ok" else 503
    body = {"status": "ok" if db == "ok" else "degraded", "database": db, "version": __version__}
    return JSONResponse(body, status_code=status)
