"""The Translator base class: engines override one call, the base does everything else once."""

import hashlib
import json
import random
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict

from app.errors import WerkbankError
from app.translators import glossary as glossary_mod
from app.translators.cache import MemoryCache, SqliteCache, TranslationCache
from app.translators.errors import (
    CallAborted,
    TranslatorMismatch,
    TranslatorRejected,
    TranslatorTransient,
    TranslatorUnavailable,
)
from app.translators.results import (
    DocumentContext,
    GlossaryTerm,
    Translated,
    TranslationFailure,
    TranslationResult,
)
from app.translators.text import has_words, segment
from app.translators.usage import UsageMeter

__all__ = ["GlossaryTerm", "MemoryCache", "SqliteCache", "Translated"]
__all__ += ["TranslationCache", "TranslationFailure", "TranslationResult", "Translator", "TranslatorConfig"]

Outcome = TranslationResult | TranslationFailure


class TranslatorConfig(BaseModel):
    """Settings every engine shares; engines subclass it with their keys and URLs."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    timeout: float | None = None  # seconds per request; None = the class default
    retries: int = 2  # extra attempts on 429/5xx/timeouts
    backoff: float = 0.5  # first back-off delay in seconds, doubled per attempt


@dataclass
class _Plan:
    index: int
    masked: glossary_mod.Masked
    lead: str
    pieces: list[tuple[str, str]]
    trail: str
    native: list[GlossaryTerm]  # terms in this text the engine's own glossary handles


class Translator:
    """Base of every engine. Subclasses set the class attributes and override `_translate_batch`."""

    name: ClassVar[str] = ""
    sends_text_to_third_party: ClassVar[bool] = True
    needs_key: ClassVar[bool] = False
    batch_size: ClassVar[int] = 1  # units per engine call
    max_chars: ClassVar[int] = 5000  # longest unit one call may carry
    timeout: float = 15.0  # seconds per engine request (overridable by config.timeout)
    splits_sentences: ClassVar[bool] = False  # engine wants single sentences, not paragraphs
    config_model: ClassVar[type[TranslatorConfig]] = TranslatorConfig
    # Config fields that cannot change a translation, so they stay out of the cache key.
    cache_neutral_fields: ClassVar[frozenset[str]] = frozenset({"timeout", "retries", "backoff"})

    def __init__(
        self,
        config: TranslatorConfig | dict[str, Any] | None = None,
        *,
        cache: TranslationCache | None = None,
    ) -> None:
        if not isinstance(config, self.config_model):
            config = self.config_model.model_validate(
                config.model_dump() if isinstance(config, BaseModel) else (config or {})
            )
        self.config = config
        if config.timeout is not None:
            self.timeout = config.timeout
        self.cache: TranslationCache = cache if cache is not None else MemoryCache()
        self.engine_calls = 0  # calls into the engine, retries included (tests, benchmarks)
        self.last_error: str | None = None  # why the last engine call failed, until one succeeds
        self.usage = UsageMeter()  # tokens the engine reported, per thread (jobs read and reset it)

    # ---- what subclasses override -------------------------------------------------------
    def pairs(self) -> set[tuple[str, str]]:
        """Language pairs this engine translates, as (source, target) codes."""
        return set()

    def availability(self) -> tuple[bool, str | None]:
        """Whether the engine can be used now, and why not; cheap, never touches the network."""
        return True, None

    def endpoint(self) -> str | None:
        """The server this engine sends text to (probed for reachability); None for local engines."""
        return None

    def _translate_batch(self, texts: list[str], source: str, target: str) -> Sequence[str | Translated]:
        """Translate units (already masked, split and cached-filtered); one engine call."""
        raise NotImplementedError

    def _cache_namespace(self, source: str, target: str, terms: Sequence[GlossaryTerm]) -> str:
        """Extra cache-key part for state outside the config (installed model version...)."""
        return ""

    def _native_glossary(
        self, source: str, target: str, terms: tuple[GlossaryTerm, ...]
    ) -> tuple[GlossaryTerm, ...]:
        """Terms the engine applies itself (DeepL glossaries); the base masks the others."""
        return ()

    def _begin(self, texts: Sequence[str], context: DocumentContext | None) -> None:
        """Called once per translate call before any engine call (engines that use the article)."""

    def variants(self) -> dict[str, "Translator"]:
        """Further named instances of this engine to register as `<name>:<variant>` (llm profiles)."""
        return {}

    def _unsupported_pair(self, source: str, target: str) -> WerkbankError:
        return TranslatorRejected(f"{self.name} does not translate {source}→{target}")

    # ---- the public interface ---------------------------------------------------------
    def translate(
        self,
        texts: Sequence[str],
        *,
        source: str,
        target: str,
        glossary: Sequence[GlossaryTerm] = (),
        context: DocumentContext | None = None,
    ) -> list[Outcome]:
        """One result or failure per text, in order."""
        results: list[Outcome | None] = [None] * len(texts)
        found = self.translate_iter(texts, source=source, target=target, glossary=glossary, context=context)
        for index, outcome in found:
            results[index] = outcome
        return [r for r in results if r is not None]

    def translate_iter(
        self,
        texts: Sequence[str],
        *,
        source: str,
        target: str,
        glossary: Sequence[GlossaryTerm] = (),
        context: DocumentContext | None = None,
    ) -> Iterator[tuple[int, Outcome]]:
        """Yield (index, outcome) for each text as soon as the batch completing it returns.

        Raises TranslatorUnavailable / TranslatorRejected only for the call as a whole
        (engine unavailable, unsupported pair); engine errors become per-text failures.
        """
        self.check(source, target)
        self._begin(texts, context)
        native = self._native_glossary(source, target, tuple(glossary))
        to_mask = tuple(term for term in glossary if term not in native)
        plans: list[_Plan] = []
        for index, text in enumerate(texts):
            if not has_words(text):
                yield index, TranslationResult(text=text, provider=self.name)
                continue
            masked = glossary_mod.mask(text, to_mask)
            lead, pieces, trail = segment(
                masked.text, max_chars=self.max_chars, sentences=self.splits_sentences
            )
            found = [term for term in native if glossary_mod.occurs(term, text)]
            plans.append(_Plan(index, masked, lead, pieces, trail, found))
        namespace = self._cache_namespace(source, target, tuple(glossary))
        done = self._resolve_cached(plans, source, target, namespace)
        yield from self._ready(plans, done)
        pending = [u for u in dict.fromkeys(u for p in plans for u, _ in p.pieces) if u not in done]
        for start in range(0, len(pending), self.batch_size):
            batch = pending[start : start + self.batch_size]
            try:
                done.update(self._run_batch(batch, source, target, namespace))
            except CallAborted as abort:
                done.update({unit: abort.failure for unit in pending[start:]})
                yield from self._ready(plans, done)
                return
            yield from self._ready(plans, done)

    def check(self, source: str, target: str) -> None:
        """Raise unless this engine can translate source→target right now."""
        available, reason = self.availability()
        if not available:
            raise TranslatorUnavailable(reason or f"{self.name} is not available")
        if (source, target) not in self.pairs():
            raise self._unsupported_pair(source, target)

    # ---- the machinery ----------------------------------------------------------------
    def cache_key(self, unit: str, source: str, target: str, namespace: str = "") -> str:
        config = self.config.model_dump(mode="json", exclude=set(self.cache_neutral_fields))
        raw = json.dumps([self.name, config, source, target, namespace, unit], sort_keys=True)
        return hashlib.sha256(raw.encode()).hexdigest()

    def _resolve_cached(
        self, plans: list[_Plan], source: str, target: str, namespace: str
    ) -> dict[str, Translated | TranslationFailure]:
        done: dict[str, Translated | TranslationFailure] = {}
        for unit in {u for p in plans for u, _ in p.pieces}:
            if not has_words(unit):
                done[unit] = Translated(unit)
                continue
            hit = self.cache.get(self.cache_key(unit, source, target, namespace))
            if hit is not None:
                done[unit] = Translated(*json.loads(hit))
        return done

    def _run_batch(
        self, batch: list[str], source: str, target: str, namespace: str
    ) -> dict[str, Translated | TranslationFailure]:
        """Translate a batch; a rejected batch is bisected so one bad text fails alone."""
        try:
            outputs = self._call_with_retries(batch, source, target)
            self.last_error = None
        except (TranslatorRejected, TranslatorUnavailable) as exc:
            self.last_error = exc.message
            if isinstance(exc, TranslatorUnavailable) and exc.abort_rest:
                raise CallAborted(TranslationFailure(exc.code, exc.message)) from exc
            if len(batch) == 1:
                return {batch[0]: TranslationFailure(exc.code, exc.message)}
            # A garbled answer (texts merged or dropped) falls back to one call per unit; others bisect.
            step = 1 if isinstance(exc, TranslatorMismatch) else (len(batch) + 1) // 2
            parts = [batch[i : i + step] for i in range(0, len(batch), step)]
            return {k: v for p in parts for k, v in self._run_batch(p, source, target, namespace).items()}
        for unit, out in zip(batch, outputs, strict=True):
            self.cache.set(self.cache_key(unit, source, target, namespace), json.dumps(list(out)))
        return dict(zip(batch, outputs, strict=True))

    def _call_with_retries(self, batch: list[str], source: str, target: str) -> list[Translated]:
        attempt = 0
        while True:
            try:
                self.engine_calls += 1
                return self._checked_call(batch, source, target)
            except TranslatorTransient as exc:
                if attempt >= self.config.retries:
                    raise
                delay = (
                    exc.retry_after
                    if exc.retry_after is not None
                    else (self.config.backoff * 2**attempt * random.uniform(0.8, 1.2))
                )
                time.sleep(min(delay, 30.0))
                attempt += 1

    def _checked_call(self, batch: list[str], source: str, target: str) -> list[Translated]:
        try:
            raw = list(self._translate_batch(batch, source, target))
        except WerkbankError:
            raise
        except Exception as exc:  # a library bug must not take the job down
            raise TranslatorUnavailable(
                f"{self.name} failed: {type(exc).__name__}: {exc}", abort_rest=False
            ) from exc
        if len(raw) != len(batch):
            raise TranslatorUnavailable(
                f"{self.name} returned {len(raw)} results for {len(batch)} texts", abort_rest=False
            )
        outputs = [Translated(item) if isinstance(item, str) else item for item in raw]
        for unit, out in zip(batch, outputs, strict=True):
            if not isinstance(out, Translated) or not out.text.strip():
                raise TranslatorUnavailable(
                    f"{self.name} returned no text for {unit[:40]!r}", abort_rest=False
                )
        return outputs

    def _ready(
        self, plans: list[_Plan], done: dict[str, Translated | TranslationFailure]
    ) -> Iterator[tuple[int, Outcome]]:
        """Yield and drop every plan whose units are all resolved."""
        for plan in list(plans):
            if all(unit in done for unit, _ in plan.pieces):
                plans.remove(plan)
                yield plan.index, self._assemble(plan, done)

    def _assemble(self, plan: _Plan, done: dict[str, Translated | TranslationFailure]) -> Outcome:
        parts = [done[unit] for unit, _ in plan.pieces]
        for part in parts:
            if isinstance(part, TranslationFailure):
                return part
        outs = [p for p in parts if isinstance(p, Translated)]
        joined = (
            plan.lead
            + "".join(out.text + sep for out, (_, sep) in zip(outs, plan.pieces, strict=True))
            + plan.trail
        )
        text, dropped = glossary_mod.restore(joined, plan.masked)
        dropped += [t.source for t in plan.native if t.target.lower() not in text.lower()]
        scores = [o.score for o in outs if o.score is not None]
        score = sum(scores) / len(scores) if scores and len(scores) == len(outs) else None
        via = next((o.via for o in outs if o.via), None)
        return TranslationResult(text=text, provider=self.name, score=score, dropped_terms=dropped, via=via)
