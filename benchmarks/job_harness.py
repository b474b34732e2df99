"""Runs Werkbank's real translation job (database, queue task body, revisions) for a benchmark."""

import os
import tempfile
import time

from sqlalchemy import update
from sqlmodel import Session, col

from app.translators.base import MemoryCache, Translator


class _OneEngine:
    """A registry holding just the engine under test, configured like the benchmark's baseline."""

    def __init__(self, engine: Translator) -> None:
        self.engine = engine

    def get(self, name: str) -> Translator:
        return self.engine


class JobHarness:
    """A temporary SQLite database with one ingested article; `run()` times one full job."""

    def __init__(self, engine: Translator, paragraphs: list[str], source: str) -> None:
        self.tmp = tempfile.TemporaryDirectory()
        os.environ["WERKBANK_DATA_DIR"] = self.tmp.name
        os.environ.pop("WERKBANK_DATABASE_URL", None)
        from app import config, db
        from app.drafting import providers

        config.get_settings.cache_clear()
        db.get_engine.cache_clear()
        db.upgrade()
        providers.get_registry = lambda: _OneEngine(engine)  # the benchmark's engine, not settings'
        self.engine = engine
        self.document_id = self._ingest(paragraphs, source)
        self.cpu = 0.0  # CPU seconds of the last run()

    def _ingest(self, paragraphs: list[str], source: str) -> int:
        from app.config import get_settings
        from app.db import get_engine
        from app.ingest.pipeline import ingest
        from app.models import DocumentCreate

        text = "Benchmark article\n\n" + "\n\n".join(paragraphs)
        with Session(get_engine()) as session:
            payload = DocumentCreate(text=text, source_lang=source)
            return ingest(session=session, payload=payload, user=None, settings=get_settings()).document.id

    def _reset_segments(self, session: Session) -> None:
        from app.models import Segment

        session.exec(
            update(Segment)
            .where(col(Segment.document_id) == self.document_id)
            .values(status="new", draft_text=None, target_text=None, draft_job_id=None)
        )
        session.commit()

    def _job(self, session: Session) -> None:
        from app.drafting.jobs import create_job
        from app.drafting.runner import run_job

        job = create_job(session=session, document_id=self.document_id, provider="offline", user=None)
        done = run_job(session=session, job_id=job.id)
        assert done is not None and done.status == "done" and done.errors == 0, done

    def run(self) -> float:
        """Seconds for create_job + run_job over every segment, cold cache, fresh segments (CPU in .cpu)."""
        from app.db import get_engine

        self.engine.cache = MemoryCache()
        with Session(get_engine()) as session:
            self._reset_segments(session)
            started, cpu = time.perf_counter(), time.process_time()
            self._job(session)
            self.cpu = time.process_time() - cpu  # every thread of this process, the engine's included
            return time.perf_counter() - started

    def rerun_calls(self) -> int:
        """Engine calls when the same article is translated again by a new job (warm cache)."""
        from app.db import get_engine

        calls = self.engine.engine_calls
        with Session(get_engine()) as session:
            self._reset_segments(session)
            self._job(session)
        return self.engine.engine_calls - calls

    def close(self) -> None:
        from app import db

        db.get_engine().dispose()
        self.tmp.cleanup()
