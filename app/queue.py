"""The huey task queue, built on first use: SQLite in the data dir, or Redis with WERKBANK_QUEUE_URL."""

from functools import lru_cache

from huey import Huey, RedisHuey, SqliteHuey

from app.config import Settings, get_settings


def make_huey(settings: Settings) -> Huey:
    """A huey instance for the configured queue."""
    url = settings.queue_url
    if url and url.startswith(("redis://", "rediss://", "unix://")):
        return RedisHuey("werkbank", url=url, results=False)
    if url and url.startswith("sqlite:///"):
        filename = url.removeprefix("sqlite:///")
    else:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        filename = str(settings.data_dir / "queue.sqlite")
    return SqliteHuey("werkbank", filename=filename, results=False)


@lru_cache
def get_huey() -> Huey:
    """The process-wide queue, built on the first call (`get_huey.cache_clear()` forgets it)."""
    return make_huey(get_settings())
