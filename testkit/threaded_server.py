"""The app served by a real uvicorn in a thread on 127.0.0.1, for tests that need real HTTP."""

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn

from testkit.live import free_port


@contextmanager
def threaded_server(app: Any, **options: Any) -> Iterator[str]:
    """Serve `app` with uvicorn (options as for uvicorn.Config); yields the base URL."""
    options = {"host": "127.0.0.1", "port": free_port(), "log_level": "warning", "lifespan": "off", **options}
    server = uvicorn.Server(uvicorn.Config(app, **options))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise AssertionError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield f"http://{options['host']}:{options['port']}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
