"""create_app(): routers, error handler, static frontend; the lifespan builds the runtime and worker."""

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI

from app import __version__
from app.accounts.throttle import LoginThrottle
from app.api import (
    auth,
    detect,
    documents,
    exports,
    feeds,
    health,
    jobs,
    memory,
    posts,
    segments,
    sources,
    stats,
    terms,
    translators,
    users,
)
from app.api.deps import SESSION_COOKIE
from app.api.docs import install_docs
from app.api.errors import install_error_handlers, internal_error
from app.api.frontend import FrontendFiles
from app.api.middleware import BodyLimit, NoNul, RequestId, SameOrigin, SecurityHeaders
from app.config import get_settings
from app.ingest import procs as ingest_processes
from app.setup import build_runtime

FRONTEND = Path(__file__).resolve().parent.parent / "frontend"


def create_app(*, start_worker: bool = False, freeze_heap: bool = False) -> FastAPI:
    """The Werkbank ASGI app; `start_worker` runs the job consumer inside this process; `freeze_heap`
    moves everything allocated at start-up out of the garbage collector's reach (served processes)."""

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        build_runtime()
        stop = None
        if start_worker:
            from app.worker import start_embedded_worker

            stop = start_embedded_worker()
        if freeze_heap:
            # ~170,000 start-up objects (routes, models, schemas) never die; a full collection walks
            # them all (tens of ms, inside some request). Frozen, they are never walked again.
            gc.collect()
            gc.freeze()
        yield
        if stop:
            stop()
        ingest_processes.shutdown()

    app = FastAPI(
        title="Werkbank",
        docs_url=None,
        redoc_url=None,
        version=__version__,
        lifespan=lifespan,
        description="Translation-and-excerpt workbench: ingest, draft, review, publish.",
    )
    install_error_handlers(app)
    settings = get_settings()
    app.state.login_throttle = LoginThrottle(
        settings.login_attempts, settings.login_window_seconds, storage_url=settings.rate_limit_url
    )
    app.add_middleware(NoNul)
    app.add_middleware(SameOrigin, cookie=SESSION_COOKIE)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(
        BodyLimit,
        limit=max(
            max(settings.max_document_bytes, settings.fetch_max_bytes) * 2, settings.tm_import_max_bytes
        )
        + 65536,
    )
    app.add_middleware(RequestId, on_error=internal_error)  # outermost: every answer carries the id
    routers = (
        health,
        auth,
        users,
        documents,
        sources,
        segments,
        memory,
        jobs,
        terms,
        translators,
        detect,
        posts,
        exports,
        feeds,
        stats,
    )
    for module in routers:
        app.include_router(module.router)
    install_docs(app)
    if FRONTEND.is_dir():
        app.mount("/", FrontendFiles(FRONTEND), name="frontend")
    return app


def served_app() -> FastAPI:
    """The app `werkbank serve` runs in each of its processes (uvicorn factory): worker per settings."""
    return create_app(start_worker=get_settings().run_worker, freeze_heap=True)
