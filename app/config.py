"""Settings: one pydantic-settings class, read from WERKBANK_* environment variables."""

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Every setting of Werkbank; each field is documented in the README's configuration table."""

    model_config = SettingsConfigDict(env_prefix="WERKBANK_", env_file=".env", extra="ignore")

    data_dir: Path = Field(Path("var"), description="Folder for the SQLite database, queue and models.")
    database_url: str | None = Field(
        None, description="SQLAlchemy URL; default sqlite in the data dir. Accepts postgresql+psycopg://…"
    )
    host: str = Field("127.0.0.1", description="Address `werkbank serve` binds to.")
    port: int = Field(8000, description="Port `werkbank serve` listens on.")
    max_document_bytes: int = Field(1_000_000, description="Largest accepted source text (UTF-8 bytes).")
    fetch_timeout: float = Field(15.0, description="Seconds allowed for fetching a URL on ingest.")
    fetch_max_bytes: int = Field(5_000_000, description="Largest page fetched for URL ingest (bytes).")
    allow_private_urls: bool = Field(
        False, description="Allow URL ingest from loopback/private addresses (tests, intranets)."
    )
    session_hours: int = Field(24 * 14, description="Lifetime of a browser login session in hours.")
    cookie_secure: bool = Field(False, description="Mark the session cookie Secure (behind HTTPS).")
    default_provider: str = Field("none", description="Translator used when a request names none.")
    queue_url: str | None = Field(
        None, description="Job queue: default SQLite in the data dir; redis://… for several workers."
    )
    run_worker: bool = Field(True, description="Run a job worker inside `werkbank serve`.")
    worker_threads: int = Field(1, description="Worker threads of the job queue consumer.")
    # language detection
    detect_min_confidence: float = Field(
        0.8,
        ge=0.0,
        le=1.0,
        description="Below this detection confidence ingest answers 422 language_uncertain.",
    )

    @property
    def resolved_database_url(self) -> str:
        """The database URL actually used: explicit, or SQLite in the data dir."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'werkbank.db').resolve()}"


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings (tests clear the cache after changing the environment)."""
    return Settings()
