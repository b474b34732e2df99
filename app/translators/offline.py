"""The `offline` engine: CTranslate2 + sentencepiece on the CPU, with ru→de pivoting through en."""

import math
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

from app.translators.base import GlossaryTerm, Translated, Translator, TranslatorConfig
from app.translators.errors import TranslatorUnavailable
from app.translators.packages import InstalledModel, list_models

PIVOT = "en"
INSTALL_HINT = "run `werkbank models install en-de` (download) or `werkbank models install FILE.argosmodel`"


def default_intra_threads() -> int:
    """Threads per translation: all cores of a small machine, at most 4."""
    return max(1, min(4, os.cpu_count() or 1))


class OfflineConfig(TranslatorConfig):
    models_dir: Path = Path("var/models")
    inter_threads: int = 1  # translations run in parallel (one per worker thread)
    intra_threads: int = default_intra_threads()  # threads used by one translation
    beam_size: int = 2
    max_batch_size: int = 32  # sentences CTranslate2 decodes together
    max_decoding_length: int = 256


class OfflineTranslator(Translator):
    """Neural MT from installed Argos packages or CT2-converted OPUS-MT models; nothing leaves."""

    name = "offline"
    sends_text_to_third_party = False
    needs_key = False
    batch_size = 64  # sentences per engine call, across all paragraphs of a document
    max_chars = 1000
    timeout = 600.0
    splits_sentences = True
    config_model = OfflineConfig
    cache_neutral_fields = frozenset(
        {"timeout", "retries", "backoff", "models_dir", "inter_threads", "intra_threads"} | {"max_batch_size"}
    )
    config: OfflineConfig
    _load_lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(self, config: Any = None, **kwargs: Any) -> None:
        super().__init__(config, **kwargs)
        self._catalog: dict[tuple[str, str], InstalledModel] = {}
        self._catalog_stamp: int | None = -1
        self._engines: dict[tuple[Path, int], tuple[Any, Any, Any]] = {}
        self.hops = 0  # CTranslate2 translate_batch calls (a pivot makes two per batch)

    # ---- models on disk -------------------------------------------------------------
    def models(self) -> dict[tuple[str, str], InstalledModel]:
        """Installed models by pair; rescanned whenever the models dir changes."""
        try:
            stamp: int | None = self.config.models_dir.stat().st_mtime_ns
        except OSError:
            stamp = None
        if stamp != self._catalog_stamp:
            self._catalog = {(m.source, m.target): m for m in list_models(self.config.models_dir)}
            self._catalog_stamp = stamp
        return self._catalog

    def route(self, source: str, target: str) -> list[InstalledModel] | None:
        """The models to chain for source→target: direct, or through the pivot language."""
        models = self.models()
        if (source, target) in models:
            return [models[(source, target)]]
        first, second = models.get((source, PIVOT)), models.get((PIVOT, target))
        if first and second and source != target:
            return [first, second]
        return None

    def pairs(self) -> set[tuple[str, str]]:
        models = self.models()
        pairs = set(models)
        for source, mid in models:
            for mid2, target in models:
                if mid == mid2 == PIVOT and source != target:
                    pairs.add((source, target))
        return pairs

    def availability(self) -> tuple[bool, str | None]:
        if not self.models():
            return False, f"no offline model installed; {INSTALL_HINT}"
        return True, None

    def _unsupported_pair(self, source: str, target: str) -> TranslatorUnavailable:
        installed = ", ".join(f"{s}→{t}" for s, t in sorted(self.models())) or "none"
        return TranslatorUnavailable(
            f"no model for {source}→{target} installed (installed: {installed}); install "
            f"{source}-{target}, or {source}-{PIVOT} and {PIVOT}-{target} to pivot"
        )

    def _cache_namespace(self, source: str, target: str, terms: Sequence[GlossaryTerm]) -> str:
        return "|".join(
            f"{m.name}@{m.version}:{(m.ct2_dir / 'model.bin').stat().st_mtime_ns}"
            for m in self.route(source, target) or []
        )

    # ---- the engine -----------------------------------------------------------------
    def engine(self, model: InstalledModel) -> tuple[Any, Any, Any]:
        """(ctranslate2.Translator, source spm, target spm) for a model, loaded once."""
        # Keyed by model.bin's mtime too: a reinstalled pair at the same path is reloaded.
        key = (model.path, (model.ct2_dir / "model.bin").stat().st_mtime_ns)
        with self._load_lock:
            if key not in self._engines:
                for stale in [k for k in self._engines if k[0] == model.path]:
                    del self._engines[stale]
                import ctranslate2
                import sentencepiece

                try:
                    translator = ctranslate2.Translator(
                        str(model.ct2_dir),
                        device="cpu",
                        inter_threads=self.config.inter_threads,
                        intra_threads=self.config.intra_threads,
                    )
                    src = sentencepiece.SentencePieceProcessor(model_file=str(model.source_spm))
                    tgt = sentencepiece.SentencePieceProcessor(model_file=str(model.target_spm))
                except (RuntimeError, OSError, ValueError) as exc:
                    raise TranslatorUnavailable(f"cannot load model {model.name}: {exc}") from exc
                self._engines[key] = (translator, src, tgt)
            return self._engines[key]

    def translate_options(self, longest_input: int) -> dict[str, Any]:
        """Options passed to translate_batch (the benchmark reuses them for its baseline)."""
        return {
            "beam_size": self.config.beam_size,
            "max_batch_size": self.config.max_batch_size,
            # Bound runaway (hallucinating) outputs relative to the input; never emit nothing.
            "max_decoding_length": min(self.config.max_decoding_length, 2 * longest_input + 10),
            "min_decoding_length": 1,
            "return_scores": True,
        }

    def tokenize(self, model: InstalledModel, texts: list[str]) -> list[list[str]]:
        _, src, _ = self.engine(model)
        tokens = src.encode(texts, out_type=str)
        return [t + ["</s>"] for t in tokens] if model.kind == "opus" else tokens

    def _hop(self, model: InstalledModel, texts: list[str]) -> list[tuple[str, float]]:
        translator, _, tgt = self.engine(model)
        tokens = self.tokenize(model, texts)
        options = self.translate_options(max((len(t) for t in tokens), default=1))
        if model.target_prefix:
            options["target_prefix"] = [[model.target_prefix]] * len(tokens)
        self.hops += 1
        results = translator.translate_batch(tokens, **options)
        out = []
        for result in results:
            hypothesis = [t for t in result.hypotheses[0] if t != model.target_prefix]
            score = result.scores[0] / max(1, len(hypothesis)) if result.scores else 0.0
            out.append((tgt.decode(hypothesis), math.exp(score)))
        return out

    def _translate_batch(self, texts: list[str], source: str, target: str) -> list[Translated]:
        chain = self.route(source, target)
        if not chain:
            raise self._unsupported_pair(source, target)
        current = texts
        scores = [1.0] * len(texts)
        for model in chain:
            hop = self._hop(model, current)
            current = [text for text, _ in hop]
            scores = [s * score for s, (_, score) in zip(scores, hop, strict=True)]
        via = PIVOT if len(chain) > 1 else None
        return [Translated(text, round(score, 4), via) for text, score in zip(current, scores, strict=True)]
