"""The `llm` engine: any OpenAI-compatible chat-completions server, with the article as context."""

import hashlib
import ipaddress
import json
import re
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_validator

from app.translators.base import DocumentContext, GlossaryTerm, Translator, TranslatorConfig
from app.translators.errors import TranslatorMismatch, TranslatorUnavailable
from app.translators.http import connection_error, status_error, timeout_error
from app.translators.languages import PROJECT_LANGUAGES, pairs_among
from app.translators.llm_prompt import Article, load_template, parse_outputs, system_prompt, user_message
from app.translators.online import secret
from app.translators.text import segment

PROFILE_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,30}$")


class LLMProfile(BaseModel):
    """What one named profile may set; unset fields come from the main llm settings."""

    model_config = ConfigDict(extra="forbid", frozen=True, hide_input_in_errors=True)

    url: str | None = None
    model: str | None = None
    key: SecretStr | None = None
    timeout: float | None = None
    max_parallel: int | None = Field(None, ge=1)
    temperature: float | None = Field(None, ge=0, le=2)
    prompt_file: Path | None = None
    context_chars: int | None = Field(None, ge=0)
    batch_size: int | None = Field(None, ge=1, le=50)


class LLMConfig(TranslatorConfig):
    # A load error is shown in GET /api/translators: never echo the profiles (they hold keys).
    model_config = ConfigDict(extra="forbid", frozen=True, hide_input_in_errors=True)

    url: str | None = None  # base URL; requests go to <url>/chat/completions
    model: str | None = None
    key: SecretStr | None = None
    max_parallel: int = Field(2, ge=1)
    temperature: float = Field(0.0, ge=0, le=2)
    prompt_file: Path | None = None
    context_chars: int = Field(2000, ge=0)
    batch_size: int = Field(8, ge=1, le=50)
    profiles: dict[str, LLMProfile] = Field(default_factory=dict)

    @field_validator("profiles", mode="before")
    @classmethod
    def _read_profiles(cls, value: Any) -> Any:
        """JSON text, or the path of a JSON file, as the setting gives it (secret: it holds keys)."""
        value = secret(value) if isinstance(value, SecretStr) else value
        if isinstance(value, str | Path):
            text = str(value).strip()
            value = json.loads(text if text.startswith("{") else Path(text).read_text(encoding="utf-8"))
        for name in value or {}:
            if not PROFILE_NAME.match(name):
                raise ValueError(f"profile name {name!r}: use a-z, 0-9, - and _ (at most 31)")
        return value


def is_local(url: str | None) -> bool:
    """Whether a URL names this machine or a private network (then no text leaves the newsroom)."""
    host = (urlsplit(url or "").hostname or "").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False  # a host name may resolve anywhere: counted as a third party
    return address.is_loopback or address.is_private or address.is_link_local


class LLMEngine(Translator):
    """Text goes to the configured chat-completions server (a third party unless local/private)."""

    name = "llm"
    batch_size = 8
    max_chars = 4000
    timeout = 120.0
    config_model = LLMConfig
    config: LLMConfig
    # The prompt file counts by its content (the cache namespace), the key and parallelism not at all.
    cache_neutral_fields = Translator.cache_neutral_fields | {
        "key",
        "max_parallel",
        "prompt_file",
        "profiles",
    }

    def __init__(self, config: Any = None, *, name: str | None = None, **kwargs: Any) -> None:
        super().__init__(config, **kwargs)
        if name:
            self.name = name  # a profile: llm:<profile>
        self.batch_size = self.config.batch_size
        self.sends_text_to_third_party = not is_local(self.config.url)
        self._gate = threading.BoundedSemaphore(self.config.max_parallel)
        self._local = threading.local()
        self._client: httpx.Client | None = None
        try:
            self._template, self._template_error = load_template(self.config.prompt_file), None
        except OSError as exc:
            self._template, self._template_error = "", f"prompt file unreadable: {exc}"

    # ---- what the registry asks ---------------------------------------------------------
    def pairs(self) -> set[tuple[str, str]]:
        return pairs_among(frozenset(PROJECT_LANGUAGES))

    def availability(self) -> tuple[bool, str | None]:
        profile = self.name.partition(":")[2]
        where = f"in profile {profile!r} or " if profile else ""
        if not self.config.url:
            return False, f"server URL not set ({where}WERKBANK_TRANSLATOR_LLM_URL)"
        if not self.config.model:
            return False, f"model not set ({where}WERKBANK_TRANSLATOR_LLM_MODEL)"
        if self._template_error:
            return False, self._template_error
        return True, None

    def endpoint(self) -> str | None:
        return self.config.url

    def variants(self) -> dict[str, Translator]:
        """One engine per profile, each with the main settings where the profile sets nothing."""
        base = self.config.model_dump(exclude={"profiles"})
        return {
            name: LLMEngine(
                base | profile.model_dump(exclude_none=True), name=f"{self.name}:{name}", cache=self.cache
            )
            for name, profile in self.config.profiles.items()
        }

    # ---- the article as context ---------------------------------------------------------
    def system_prompt(self, source: str, target: str) -> str:
        """The effective system prompt (part of the cache key)."""
        return system_prompt(self._template, source, target)

    def _begin(self, texts: Sequence[str], context: DocumentContext | None) -> None:
        """Note where each text sits in the article: its neighbours become the request's context."""
        context = context or DocumentContext()
        paragraphs, positions = list(context.paragraphs), list(context.positions)
        if len(positions) != len(texts) or not all(0 <= p < len(paragraphs) for p in positions):
            paragraphs, positions = list(texts), list(range(len(texts)))  # the texts are the article
        article = Article(title=context.title, paragraphs=paragraphs)
        for index, text in enumerate(texts):
            at = positions[index]
            article.kinds[at] = context.kinds[index] if index < len(context.kinds) else "paragraph"
            for unit, _ in segment(text, max_chars=self.max_chars, sentences=False)[1]:
                article.where.setdefault(unit, at)
        self._local.article = article

    def _article(self) -> Article:
        return getattr(self._local, "article", None) or Article()

    def _native_glossary(
        self, source: str, target: str, terms: tuple[GlossaryTerm, ...]
    ) -> tuple[GlossaryTerm, ...]:
        """Every term goes into the prompt (no placeholders); the base reports the ones not used."""
        usable = tuple(t for t in terms if t.source.strip() and t.target.strip())
        self._article().terms = usable
        return usable

    def cache_key(self, unit: str, source: str, target: str, namespace: str = "") -> str:
        """The base key plus what the request says around this unit (title, neighbours, terms)."""
        around = self._article().context_key(unit, self.config.context_chars)
        digest = hashlib.sha256(json.dumps(around).encode()).hexdigest()
        return super().cache_key(unit, source, target, f"{namespace}|{digest}")

    def _cache_namespace(self, source: str, target: str, terms: Any) -> str:
        return "prompt:" + hashlib.sha256(self.system_prompt(source, target).encode()).hexdigest()

    # ---- the engine call ----------------------------------------------------------------
    def _translate_batch(self, texts: list[str], source: str, target: str) -> list[str]:
        try:
            outputs = self._ask(texts, source, target, strict=False)
        except TranslatorMismatch:
            outputs = self._ask(texts, source, target, strict=True)  # a second mismatch: one call per unit
        article = self._article()
        for text, out in zip(texts, outputs, strict=True):
            if text in article.where:
                article.drafts[article.where[text]] = out
        return outputs

    def _ask(self, texts: list[str], source: str, target: str, *, strict: bool) -> list[str]:
        body = {
            "model": self.config.model,
            "temperature": self.config.temperature,
            "stream": False,
            "messages": [
                {"role": "system", "content": self.system_prompt(source, target)},
                {"role": "user", "content": self._user_message(texts, source, target, strict)},
            ],
        }
        data = self._post(body)
        usage = data.get("usage") if isinstance(data.get("usage"), dict) else {}
        self.usage.add(_count(usage.get("prompt_tokens")), _count(usage.get("completion_tokens")))
        try:
            content = data["choices"][0]["message"]["content"]
        except (KeyError, IndexError, TypeError) as exc:
            raise TranslatorMismatch("the reply has no choices[0].message.content") from exc
        return parse_outputs(content if isinstance(content, str) else "", len(texts))

    def _user_message(self, texts: list[str], source: str, target: str, strict: bool) -> str:
        article, budget = self._article(), self.config.context_chars
        return user_message(article, texts, source, target, budget=budget, strict=strict)

    def _post(self, body: dict) -> dict:
        url = f"{(self.config.url or '').rstrip('/')}/chat/completions"
        headers = {"Authorization": f"Bearer {key}"} if (key := secret(self.config.key)) else {}
        with self._gate:  # at most max_parallel requests of this process on the server
            try:
                response = self.client().post(url, json=body, headers=headers, timeout=self.timeout)
            except httpx.TimeoutException as exc:
                raise timeout_error(self.name, self.timeout) from exc
            except httpx.TransportError as exc:
                raise connection_error(self.name, url) from exc
        if response.status_code == 404:  # every text would fail alike: a wrong URL or model name
            raise TranslatorUnavailable(f"{self.name}: HTTP 404 from {url} (wrong URL or model?)")
        retry_after = response.headers.get("Retry-After")
        error = status_error(response.status_code, self.name, detail=response.text, retry_after=retry_after)
        if error:
            raise error
        try:
            data = response.json()
        except ValueError as exc:
            raise TranslatorUnavailable(f"{self.name} answered no JSON", abort_rest=False) from exc
        if not isinstance(data, dict):
            raise TranslatorUnavailable(f"{self.name} answered no JSON object", abort_rest=False)
        return data

    def client(self) -> httpx.Client:
        """One connection pool per engine, built on first use (never at import or in listings)."""
        if self._client is None:
            self._client = httpx.Client(follow_redirects=False)
        return self._client


def _count(value: Any) -> int:
    return value if isinstance(value, int) and value > 0 else 0
