"""Benchmark: Werkbank's offline Translator vs raw CTranslate2 on a 30-paragraph article.

Run: python -m benchmarks.mt_overhead [--repeat 3] [--write-docs]
Goal: ratio ≤ 1.15× and zero engine calls when re-translating the same article.
"""

import argparse
import platform
import random
import re
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import ctranslate2  # noqa: E402
import sentencepiece  # noqa: E402

from app.config import get_settings  # noqa: E402
from app.translators.base import MemoryCache, TranslationResult  # noqa: E402
from app.translators.offline import OfflineTranslator, default_intra_threads  # noqa: E402
from app.translators.packages import InstalledModel, install_package, list_models  # noqa: E402
from app.translators.registry import models_dir_for  # noqa: E402
from app.translators.text import segment  # noqa: E402

DOCS = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"
START, END = "<!-- mt:start -->", "<!-- mt:end -->"
_WORD_TEXT = {
    "en": "the president government minister said talks with moscow and astana would "
    "continue on monday after the election in parliament new report city people",
    "ru": "президент правительство министр заявил переговоры с москвой и астаной "
    "продолжатся в понедельник после выборов в парламенте новый доклад город",
}
WORDS = {code: text.split(" ") for code, text in _WORD_TEXT.items()}


def article(language: str, paragraphs: int = 30, seed: int = 3) -> list[str]:
    """A deterministic news-like article: paragraphs of 2-5 sentences."""
    rng = random.Random(seed)
    words = WORDS[language]
    out = []
    for _ in range(paragraphs):
        sentences = [
            " ".join(rng.choice(words) for _ in range(rng.randint(8, 22))).capitalize() + "."
            for _ in range(rng.randint(2, 5))
        ]
        out.append(" ".join(sentences))
    return out


@dataclass
class Row:
    model: str
    sentences: int
    raw: float
    werkbank: float
    retranslate_calls: int

    @property
    def ratio(self) -> float:
        return self.werkbank / self.raw


def raw_run(model: InstalledModel, engine: OfflineTranslator, sentences: list[str]) -> float:
    """Tokenize, translate_batch once over all sentences, detokenize — with the same options."""
    translator = ctranslate2.Translator(
        str(model.ct2_dir),
        device="cpu",
        inter_threads=engine.config.inter_threads,
        intra_threads=engine.config.intra_threads,
    )
    src = sentencepiece.SentencePieceProcessor(model_file=str(model.source_spm))
    tgt = sentencepiece.SentencePieceProcessor(model_file=str(model.target_spm))
    started = time.perf_counter()
    tokens = src.encode(sentences, out_type=str)
    if model.kind == "opus":
        tokens = [t + ["</s>"] for t in tokens]
    options = engine.translate_options(max(len(t) for t in tokens))
    results = translator.translate_batch(tokens, **options)
    [tgt.decode(r.hypotheses[0]) for r in results]
    return time.perf_counter() - started


def werkbank_run(engine: OfflineTranslator, paragraphs: list[str], source: str) -> float:
    engine.cache = MemoryCache()
    started = time.perf_counter()
    results = engine.translate(paragraphs, source=source, target=engine_target(engine, source))
    elapsed = time.perf_counter() - started
    assert all(isinstance(r, TranslationResult) for r in results), results
    return elapsed


def engine_target(engine: OfflineTranslator, source: str) -> str:
    return next(t for s, t in sorted(engine.pairs()) if s == source)


def common_cap(model: InstalledModel, engine: OfflineTranslator, sentences: list[str]) -> int:
    """A decoding-length cap both sides reach identically, however the engine batches.

    The engine caps each batch at 2 × its longest input + 10 tokens; taking the smallest
    of those caps for the whole run keeps a random model's runaway outputs equally long.
    """
    lengths = [len(t) for t in engine.tokenize(model, sentences)]
    size = engine.batch_size
    batches = [lengths[i : i + size] for i in range(0, len(lengths), size)]
    return min(engine.config.max_decoding_length, *(2 * max(b) + 10 for b in batches))


def bench(model: InstalledModel, models_dir: Path, repeat: int, threads: tuple[int, int]) -> Row:
    config = {"models_dir": models_dir, "inter_threads": threads[0], "intra_threads": threads[1]}
    engine = OfflineTranslator(config)
    language = model.source if model.source in WORDS else "en"
    paragraphs = article(language)
    sentences = list(
        dict.fromkeys(
            unit
            for p in paragraphs
            for unit, _ in segment(p, max_chars=engine.max_chars, sentences=True)[1]
        )
    )
    cap = common_cap(model, engine, sentences)
    engine = OfflineTranslator({**config, "max_decoding_length": cap})
    engine.engine(model)  # load the model outside the timings
    raw_times, werkbank_times = [], []
    for _ in range(repeat):  # interleaved so machine noise hits both sides alike
        raw_times.append(raw_run(model, engine, sentences))
        werkbank_times.append(werkbank_run(engine, paragraphs, model.source))
    calls = engine.engine_calls
    engine.translate(paragraphs, source=model.source, target=engine_target(engine, model.source))
    return Row(
        f"{model.name} ({model.code})",
        len(sentences),
        min(raw_times),
        min(werkbank_times),
        engine.engine_calls - calls,
    )


def tiny_model(workdir: Path) -> tuple[InstalledModel, Path]:
    from tests.translators.tiny_model import build_tiny_argos_package

    models_dir = workdir / "models"
    package = build_tiny_argos_package(workdir / "pkg", "en", "de")
    return install_package(package, models_dir), models_dir


def render(rows: list[Row], threads: tuple[int, int], repeat: int) -> str:
    lines = [
        "## Offline MT overhead (`benchmarks/mt_overhead.py`)",
        "",
        f"Machine: {platform.machine()}, {platform.python_implementation()} "
        f"{platform.python_version()}, CTranslate2 {ctranslate2.__version__}, "
        f"inter_threads={threads[0]}, intra_threads={threads[1]}, best of {repeat}.",
        "30-paragraph article; raw = sentencepiece encode + one `translate_batch` over all "
        "sentences + decode, with the same options. Goals: ratio ≤ 1.15×, 0 re-translate calls.",
        "",
        "| model | sentences | raw CT2 (s) | Werkbank (s) | ratio | re-translate engine calls |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {row.model} | {row.sentences} | {row.raw:.3f} | {row.werkbank:.3f} | "
            f"{row.ratio:.2f}× | {row.retranslate_calls} |"
        )
    return "\n".join(lines)


def write_docs(section: str) -> None:
    text = DOCS.read_text(encoding="utf-8") if DOCS.exists() else "# Benchmarks\n"
    block = f"{START}\n{section}\n{END}"
    if START in text and END in text:
        text = re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _: block, text, flags=re.S)
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    DOCS.parent.mkdir(parents=True, exist_ok=True)
    DOCS.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--inter-threads", type=int, default=1)
    parser.add_argument("--intra-threads", type=int, default=default_intra_threads())
    parser.add_argument("--max-real", type=int, default=2, help="real models to include")
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args()
    threads = (args.inter_threads, args.intra_threads)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        model, models_dir = tiny_model(Path(tmp))
        rows.append(bench(model, models_dir, args.repeat, threads))
    real_dir = models_dir_for(get_settings())
    for real in list_models(real_dir)[: args.max_real]:
        rows.append(bench(real, real_dir, args.repeat, threads))
    section = render(rows, threads, args.repeat)
    print(section)
    if args.write_docs:
        write_docs(section)
        print(f"\nwrote {DOCS}")


if __name__ == "__main__":
    main()
