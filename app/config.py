"""Settings: one pydantic-settings class, read from WERKBANK_* environment variables."""

from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

INGEST_NICE_RULE = "Niceness added to the ingest child processes, so on a busy machine the server's own requests (health, the editor) get the CPU before a bulk ingest's detection; 0: same priority as the server."  # noqa: E501
INGEST_BATCH_RULE = "Bulk ingest commits at most this many documents per transaction (those whose work has finished: storing keeps pace with detection)."  # noqa: E501
INGEST_PROCESSES_RULE = "Child processes for ingest's CPU-bound work (detection, segmentation) so the server keeps answering meanwhile; 0: in the request's thread."  # noqa: E501


class Settings(BaseSettings):
    """Every setting of Werkbank; each field is documented in the README's configuration table."""

    model_config = SettingsConfigDict(env_prefix="WERKBANK_", env_file=".env", extra="ignore")

    data_dir: Path = Field(Path("var"), description="Folder for the SQLite database, queue and models.")
    database_url: str | None = Field(
        None, description="SQLAlchemy URL; default sqlite in the data dir. Accepts postgresql+psycopg://…"
    )
    host: str = Field("127.0.0.1", description="Address `werkbank serve` binds to.")
    port: int = Field(8000, description="Port `werkbank serve` listens on.")
    workers: int = Field(
        1, ge=1, description="Processes `werkbank serve` starts (more than 1 needs PostgreSQL)."
    )
    timezone: str = Field(
        "Europe/Berlin",
        description="The blog's IANA time zone: calendar days, WordPress local dates, naive input times.",
    )
    max_document_bytes: int = Field(1_000_000, description="Largest accepted source text (UTF-8 bytes).")
    fetch_timeout: float = Field(15.0, description="Seconds allowed for fetching a URL on ingest.")
    fetch_max_bytes: int = Field(5_000_000, description="Largest page fetched for URL ingest (bytes).")
    allow_private_urls: bool = Field(
        False, description="Allow URL ingest from loopback/private addresses (tests, intranets)."
    )
    session_hours: int = Field(24 * 14, description="Lifetime of a browser login session in hours.")
    cookie_secure: bool = Field(False, description="Mark the session cookie Secure (behind HTTPS).")
    login_attempts: int = Field(
        10, description="Failed logins allowed per user name within the window (an address gets 5×)."
    )
    login_window_seconds: int = Field(900, description="Window for counting failed logins, in seconds.")
    forwarded_allow_ips: str = Field(
        "",
        description="Reverse proxies (comma-separated IPs/networks, or *) whose X-Forwarded-For/-Proto "
        "`werkbank serve` trusts; empty: none, every client is the connecting address.",
    )
    rate_limit_url: str | None = Field(
        None,
        description="Login throttle storage: default in memory (one process); redis://… shares the budget "
        "between processes.",
    )
    ingest_batch_size: int = Field(50, ge=1, le=1000, description=INGEST_BATCH_RULE)
    ingest_fetch_threads: int = Field(
        4, ge=1, le=32, description="Bulk ingest fetches at most this many URL items at the same time."
    )
    ingest_processes: int = Field(1, ge=0, le=16, description=INGEST_PROCESSES_RULE)
    ingest_nice: int = Field(10, ge=0, le=19, description=INGEST_NICE_RULE)
    db_pool_size: int = Field(
        5, ge=1, description="PostgreSQL: connections each process keeps open (SQLAlchemy pool_size)."
    )
    db_max_overflow: int = Field(
        10, ge=0, description="PostgreSQL: extra connections a process may open under load (max_overflow)."
    )
    db_pool_timeout: float = Field(
        30.0, gt=0, description="PostgreSQL: seconds a request waits for a free pooled connection."
    )
    db_pool_recycle: int = Field(
        1800,
        ge=-1,
        description="PostgreSQL: reopen pooled connections older than this many seconds (-1: never).",
    )
    db_pool_pre_ping: bool = Field(
        True, description="PostgreSQL: test a pooled connection before use (survives database restarts)."
    )
    default_provider: str = Field("none", description="Translator used when a request names none.")
    queue_url: str | None = Field(
        None, description="Job queue: default SQLite in the data dir; redis://… for several workers."
    )
    run_worker: bool = Field(True, description="Run a job worker inside `werkbank serve`.")
    worker_threads: int = Field(1, description="Worker threads of the job queue consumer.")
    job_stale_seconds: int = Field(
        60,
        ge=1,
        description="A running job whose heartbeat (every few seconds) is this old is taken over by another "
        "worker.",
    )

    # feeds
    feed_max_entries: int = Field(
        200, ge=1, description="Entries read per feed poll (the first ones; a longer feed is reported)."
    )
    feed_lease_seconds: int = Field(
        300,
        ge=10,
        description="A feed poll holds its feed this long (renewed per entry); a dead poll's feed is taken "
        "over once it expires.",
    )
    feed_max_backoff_minutes: int = Field(
        360,
        ge=5,
        description="Longest wait between polls of a failing feed (the wait doubles per failure).",
    )
    feed_refetch_hours: int = Field(
        48, ge=0, description="Documents still listed by their feed are re-fetched for this many hours."
    )
    feed_refetch_every_minutes: int = Field(
        60, ge=1, description="At most one automatic re-fetch of a listed document per this many minutes."
    )

    # publishing
    wordpress_url: str | None = Field(
        None, description="Base URL of the WordPress site posts are published to (no /wp-json)."
    )
    wordpress_user: str | None = Field(None, description="WordPress user that publishes posts.")
    wordpress_app_password: str | None = Field(
        None, description="Application Password of that WordPress user (Users → Profile)."
    )
    wordpress_timeout: float = Field(20.0, description="Seconds allowed per WordPress request.")
    publish_claim_seconds: int = Field(
        600,
        gt=0,
        description="A publish or unpublish unfinished after this long is taken as crashed and may be "
        "taken over; keep it well above the longest publish (several WordPress requests).",
    )
    quote_budget: float = Field(
        0.5, description="Share of a source (0–1) a post may quote; the editor is warned above it."
    )

    # translators
    models_dir: Path | None = Field(
        None, description="Folder of offline MT models; default <data_dir>/models."
    )
    translator_retries: int = Field(
        2, description="Extra attempts per request on HTTP 429/5xx and timeouts (all engines)."
    )
    translator_backoff: float = Field(
        0.5, description="First retry delay in seconds; doubles with every further attempt."
    )
    translator_offline_inter_threads: int = Field(
        1, description="Offline MT: translations run in parallel (CTranslate2 inter_threads)."
    )
    translator_offline_intra_threads: int | None = Field(
        None, description="Offline MT: threads per translation; default min(4, CPU cores)."
    )
    translator_offline_beam_size: int = Field(2, description="Offline MT: beam size (1 = greedy).")
    translator_offline_index_url: str = Field(
        "https://raw.githubusercontent.com/argosopentech/argospm-index/main/index.json",
        description="Argos package index used by `werkbank models install CODE`.",
    )
    translator_google_url: str | None = Field(
        None, description="Google: base URL override (proxy/tests); default translate.google.com."
    )
    translator_google_timeout: float | None = Field(
        None, description="Google: seconds per request (default 15)."
    )
    translator_microsoft_key: SecretStr | None = Field(
        None, description="Microsoft Azure AI Translator: subscription key."
    )
    translator_microsoft_region: str | None = Field(
        None, description="Microsoft: resource region, e.g. westeurope."
    )
    translator_microsoft_url: str | None = Field(
        None, description="Microsoft: base URL override (proxy/tests); default Azure global."
    )
    translator_microsoft_timeout: float | None = Field(
        None, description="Microsoft: seconds per request (default 15)."
    )
    translator_libretranslate_url: str | None = Field(
        None, description="LibreTranslate: server URL, e.g. http://localhost:5000 (required)."
    )
    translator_libretranslate_key: SecretStr | None = Field(
        None, description="LibreTranslate: API key, if the server requires one."
    )
    translator_libretranslate_timeout: float | None = Field(
        None, description="LibreTranslate: seconds per request (default 30)."
    )
    translator_mymemory_email: str | None = Field(
        None, description="MyMemory: contact e-mail; raises the free daily quota."
    )
    translator_mymemory_url: str | None = Field(
        None, description="MyMemory: base URL override; default api.mymemory.translated.net."
    )
    translator_mymemory_timeout: float | None = Field(
        None, description="MyMemory: seconds per request (default 15)."
    )
    translator_deepl_key: SecretStr | None = Field(None, description="DeepL: API auth key.")
    translator_deepl_server_url: str | None = Field(
        None, description="DeepL: server URL; default chosen by the key (free keys end in :fx)."
    )
    translator_deepl_timeout: float | None = Field(
        None, description="DeepL: seconds per request (default 15)."
    )
    translator_llm_url: str | None = Field(
        None,
        description="Language model: base URL of an OpenAI-compatible server, e.g. http://localhost:11434/v1 "
        "(Ollama); requests go to <url>/chat/completions.",
    )
    translator_llm_model: str | None = Field(
        None, description="Language model: model name the server knows, e.g. llama3.1:8b or gpt-4o-mini."
    )
    translator_llm_key: SecretStr | None = Field(
        None, description="Language model: API key sent as a Bearer token (optional for local servers)."
    )
    translator_llm_timeout: float | None = Field(
        None, description="Language model: seconds per request (default 120)."
    )
    translator_llm_max_parallel: int | None = Field(
        None, description="Language model: requests this process sends to the server at once (default 2)."
    )
    translator_llm_temperature: float | None = Field(
        None, description="Language model: sampling temperature, 0–2 (default 0: the most literal)."
    )
    translator_llm_prompt_file: Path | None = Field(
        None,
        description="Language model: a system prompt template replacing the built-in one "
        "(app/translators/prompts/llm_system.txt); part of the cache key.",
    )
    translator_llm_context_chars: int | None = Field(
        None,
        description="Language model: characters of neighbouring paragraphs sent as context (default 2000).",
    )
    translator_llm_batch_size: int | None = Field(
        None, description="Language model: paragraphs translated per request (default 8)."
    )
    translator_llm_profiles: SecretStr | None = Field(
        None,
        description="Language model: further named servers as JSON, e.g. "
        '{"local": {"url": "…", "model": "…"}}, or the path of a JSON file; each is listed as llm:<name>.',
    )

    # translation memory
    tm_min_score: int = Field(
        75, ge=1, le=100, description="Translation memory: lowest fuzzy match score (1–100) shown."
    )
    tm_precompute: bool = Field(
        True,
        description="Translation memory: store match lists in the background after ingest, a draft job, "
        "a TMX import (the editor's first read is a stored one) and a read that merged new units. A document "
        "read that finds lists missing queues their task whatever this says.",
    )
    tm_import_max_bytes: int = Field(
        10_000_000, ge=1, description="Largest TMX file `POST /api/tm/import` and `tm import` accept."
    )

    # language detection
    detect_min_confidence: float = Field(
        0.7, ge=0.0, le=1.0, description="Below this confidence ingest answers 422 language_uncertain."
    )
    detect_min_confidence_short: float = Field(
        0.05,
        ge=0.0,
        le=1.0,
        description="The same threshold for short texts (headlines, under detect_short_letters letters).",
    )
    detect_short_letters: int = Field(
        30, ge=0, description="Texts with fewer letters use detect_min_confidence_short."
    )
    detect_short_tiebreak: bool = Field(
        True,
        description="Ask lingua (7 languages, ~17 MB) about unsure or weakly Russian short texts.",
    )
    detect_langdetect_tiebreak: bool = Field(
        False,
        description="Ask langdetect too when a Latin-script text is unsure (adds ~60 MB of memory).",
    )

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"WERKBANK_TIMEZONE={value!r} is not an IANA time zone name (e.g. Europe/Berlin, UTC)"
            ) from None
        return value

    @property
    def zone(self) -> ZoneInfo:
        """The blog's time zone as a ZoneInfo (see app/times.py for the rules that use it)."""
        return ZoneInfo(self.timezone)

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
