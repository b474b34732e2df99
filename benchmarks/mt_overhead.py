"""Benchmark: Werkbank's translation job and Translator vs raw CTranslate2, interleaved per round.

Run: python -m benchmarks.mt_overhead [--rounds 31] [--seed 11] [--write-docs]
Goals: job ≤ 1.15× raw CTranslate2 given the same batches (median ratio, its 95 % interval wholly
below the goal), in wall-clock and in this process's CPU time, and zero engine calls when the same
article is translated again.
"""

import argparse
import json
import platform
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
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
from benchmarks.job_harness import JobHarness  # noqa: E402
from benchmarks.report import DOCS, Figure, figure_table, load_average, write_section, write_summary  # noqa: E402
from benchmarks.stats import MIN_ROUNDS, Goal, interleave, ratios, summarize  # noqa: E402

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


class RawBaseline:
    """Plain CTranslate2 + sentencepiece, loaded once with the engine's threads."""

    def __init__(self, model: InstalledModel, engine: OfflineTranslator) -> None:
        self.model, self.engine = model, engine
        self.translator = ctranslate2.Translator(
            str(model.ct2_dir),
            device="cpu",
            inter_threads=engine.config.inter_threads,
            intra_threads=engine.config.intra_threads,
        )
        self.src = sentencepiece.SentencePieceProcessor(model_file=str(model.source_spm))
        self.tgt = sentencepiece.SentencePieceProcessor(model_file=str(model.target_spm))


def raw_run(raw: RawBaseline, sentences: list[str], size: int = 0) -> tuple[float, list[str]]:
    """Tokenize, translate_batch over all sentences (one call, or calls of `size`), detokenize."""
    model, engine, translator, src, tgt = raw.model, raw.engine, raw.translator, raw.src, raw.tgt
    started = time.perf_counter()
    tokens = src.encode(sentences, out_type=str)
    if model.kind == "opus":
        tokens = [t + ["</s>"] for t in tokens]
    size = size or len(tokens)
    texts = []
    for start in range(0, len(tokens), size):
        batch = tokens[start : start + size]
        options = engine.translate_options(max(len(t) for t in batch))
        results = translator.translate_batch(batch, **options)
        texts += [tgt.decode(r.hypotheses[0]) for r in results]
    return time.perf_counter() - started, texts


def werkbank_run(engine: OfflineTranslator, paragraphs: list[str], model: InstalledModel) -> float:
    """Seconds for the Translator over the article with a cold cache: every sentence goes to the engine."""
    engine.cache = MemoryCache()
    started = time.perf_counter()
    results = engine.translate(paragraphs, source=model.source, target=model.target)
    elapsed = time.perf_counter() - started
    assert all(isinstance(r, TranslationResult) for r in results), results
    return elapsed


def common_cap(model: InstalledModel, engine: OfflineTranslator, sentences: list[str]) -> int:
    """A decoding-length cap both sides reach identically, however the engine batches.

    The engine caps each batch at 2 × its longest input + 10 tokens; taking the smallest
    of those caps for the whole run keeps a random model's runaway outputs equally long.
    """
    lengths = [len(t) for t in engine.tokenize(model, sentences)]
    size = engine.batch_size
    batches = [lengths[i : i + size] for i in range(0, len(lengths), size)]
    return min(engine.config.max_decoding_length, *(2 * max(b) + 10 for b in batches))


def cpu_timed(cpu: dict[str, list[float]], name: str, subject: Callable[[], float]) -> Callable[[], float]:
    """The subject, returning its wall seconds; its CPU seconds (every thread of this process,
    CTranslate2's included) are appended to cpu[name]."""

    def run() -> float:
        started = time.process_time()
        wall = subject()
        cpu.setdefault(name, []).append(time.process_time() - started)
        return wall

    return run


@dataclass
class Result:
    """One model's rounds: seconds per subject and round, and the per-round hard checks."""

    model: str
    sentences: int
    rounds: list[dict[str, float]]
    cpu: list[dict[str, float]] = field(default_factory=list)  # CPU seconds of this process, same calls
    retranslate_calls: list[float] = field(default_factory=list)  # Translator, warm cache
    rerun_calls: list[float] = field(default_factory=list)  # the job run again, warm cache
    differing: list[float] = field(default_factory=list)  # sentences unlike raw CT2's


def bench(model: InstalledModel, models_dir: Path, rounds: int, seed: int, threads: tuple) -> Result:
    """Raw CT2 (one call, and the engine's batches), the Translator and the job, interleaved per round."""
    config = {"models_dir": models_dir, "inter_threads": threads[0], "intra_threads": threads[1]}
    engine = OfflineTranslator(config)
    paragraphs = article(model.source)
    sentences = list(
        dict.fromkeys(
            unit for p in paragraphs for unit, _ in segment(p, max_chars=engine.max_chars, sentences=True)[1]
        )
    )
    cap = common_cap(model, engine, sentences)
    engine = OfflineTranslator({**config, "max_decoding_length": cap})
    raw = RawBaseline(model, engine)
    reference = raw_run(raw, sentences)[1]
    result = Result(f"{model.name} ({model.code})", len(sentences), [])
    cpu: dict[str, list[float]] = {}
    measured_translate = cpu_timed(cpu, "translate", lambda: werkbank_run(engine, paragraphs, model))

    def translate() -> float:
        elapsed = measured_translate()
        got = cached_sentences(engine, model, sentences)
        result.differing.append(sum(a != b for a, b in zip(got, reference, strict=True)))
        calls = engine.engine_calls  # untimed: the same article again must not reach the engine
        engine.translate(paragraphs, source=model.source, target=model.target)
        result.retranslate_calls.append(engine.engine_calls - calls)
        return elapsed

    def job() -> float:
        elapsed = harness.run()
        cpu.setdefault("job", []).append(harness.cpu)
        result.rerun_calls.append(harness.rerun_calls())
        return elapsed

    harness = JobHarness(engine, paragraphs, model.source)
    size = engine.batch_size
    try:
        subjects = {
            "raw": cpu_timed(cpu, "raw", lambda: raw_run(raw, sentences)[0]),
            "raw_batched": cpu_timed(cpu, "raw_batched", lambda: raw_run(raw, sentences, size)[0]),
            "translate": translate,
            "job": job,
        }
        result.rounds = interleave(subjects, rounds=rounds, seed=seed, warmup=1)
    finally:
        harness.close()
    for checks in (result.differing, result.retranslate_calls, result.rerun_calls, *cpu.values()):
        del checks[0]  # the warm-up round's
    result.cpu = [{name: cpu[name][i] for name in cpu} for i in range(rounds)]
    return result


def cached_sentences(engine: OfflineTranslator, model: InstalledModel, units: list[str]) -> list:
    """What the Werkbank run produced per sentence (read back from its cache)."""
    namespace = engine._cache_namespace(model.source, model.target, ())
    keys = [engine.cache_key(u, model.source, model.target, namespace) for u in units]
    return [json.loads(engine.cache.get(k) or "[null]")[0] for k in keys]


def tiny_model(workdir: Path) -> tuple[InstalledModel, Path]:
    from testkit.tiny_model import build_tiny_argos_package

    models_dir = workdir / "models"
    package = build_tiny_argos_package(workdir / "pkg", "en", "de")
    return install_package(package, models_dir), models_dir


SUBJECTS = {
    "raw": "raw CT2, one `translate_batch` over all sentences",
    "raw_batched": "raw CT2 in the engine's batches of 64",
    "translate": "Werkbank Translator (`engine.translate`)",
    "job": "Werkbank job (`create_job` + `run_job`)",
}
RATIOS = (  # subject, baseline, figure, in the summary table
    ("job", "raw_batched", "job ÷ raw CT2 in the same batches of 64", True),
    ("job", "raw", "job ÷ raw CT2 in one call (not like for like)", True),
    ("translate", "raw_batched", "Translator ÷ raw CT2 in the same batches of 64", False),
    ("translate", "raw", "Translator ÷ raw CT2 in one call", False),
)
# The same calls' CPU time (time.process_time: every thread of this process, CTranslate2's included).
# It leaves out the time a thread waited for a core, which the wall-clock ratios carry on a shared
# machine; what the job adds over the engine is CPU work (Python, SQLite), so this is its overhead.
CPU_RATIOS = (
    ("job", "raw_batched", "job ÷ raw CT2 in the same batches of 64, CPU time", True),
    ("translate", "raw_batched", "Translator ÷ raw CT2 in the same batches of 64, CPU time", False),
)
GOAL = Goal(1.15, wrapper=True)
NO_REAL_MODEL = (
    "No real model is installed here: only the tests' tiny random model is measured. With a real "
    "model the engine's share of the time grows and the ratios move towards 1.0×."
)
RATIO = "{:.2f}×".format
COUNT = "{:.0f}".format


def figures(result: Result) -> list[tuple[Figure, bool]]:
    """Every figure of one model, each with whether it belongs in the summary table."""
    out = []
    for subject, baseline, name, in_summary in RATIOS:
        values = ratios(result.rounds, subject, baseline)
        out.append((Figure(name, "≤ 1.15×", GOAL, summarize(values), RATIO), in_summary))
    for subject, baseline, name, in_summary in CPU_RATIOS:
        values = ratios(result.cpu, subject, baseline)
        out.append((Figure(name, "≤ 1.15×", GOAL, summarize(values), RATIO), in_summary))
    hard = Goal(0, hard=True)
    for name, values, in_summary in (
        ("engine calls when the Translator gets the article again", result.retranslate_calls, True),
        ("engine calls when a second job translates it again", result.rerun_calls, True),
        ("sentences unlike raw CT2's", result.differing, False),
    ):
        out.append((Figure(name, "0 in every round", hard, summarize(values), COUNT), in_summary))
    return out


def summary_figures(results: list[Result]) -> list[Figure]:
    """The summary table's figures, each naming its model."""
    return [
        replace(figure, name=f"{figure.name} ({result.model})")
        for result in results
        for figure, in_summary in figures(result)
        if in_summary
    ]


def render(results: list[Result], threads: tuple[int, int], rounds: int, seed: int, load: str) -> str:
    lines = [
        "## Offline MT overhead (`benchmarks/mt_overhead.py`)",
        "",
        f"Machine: {platform.machine()}, {platform.python_implementation()} "
        f"{platform.python_version()}, CTranslate2 {ctranslate2.__version__}, "
        f"inter_threads={threads[0]}, intra_threads={threads[1]}; 2 cores shared with other work, "
        f"load average (1/5/15 min) {load} at the start, {load_average()} at the end.",
        "",
        f"{rounds} rounds after one warm-up round (seed {seed}); each round runs the four subjects below "
        "once, in a random order, on a 30-paragraph article, so every ratio is taken within one round and "
        "the machine's load divides out as far as it can. The verdict is on the median ratio's 95 % interval "
        "(see the top of this page); the Werkbank side does strictly more work than raw CTranslate2, so a "
        "ratio below 1.0× is noise, not a speed-up. Werkbank hands CTranslate2 64 sentences per call, "
        "which with the tiny model's uneven output lengths is faster than one call over all sentences: the "
        "comparison with the same batches is the layer's overhead, the one-call comparison is not like "
        "for like. The job writes each of the article's 31 segments with its revision and QA to SQLite "
        "(one UPDATE over the group and one INSERT of the revisions per commit). Wall-clock ratios carry the "
        "time a thread waited for one of the 2 shared cores; the CPU-time ratios (`time.process_time`, every "
        "thread of this process, CTranslate2's included) leave that out, and what the job adds over the "
        "engine is CPU work. That work runs in one thread while CTranslate2 decodes in `intra_threads` "
        "threads, so on a machine shared with other work each of its CPU milliseconds waits longer for a "
        "core than the engine's do: the wall-clock ratio grows with the machine's load, the CPU-time ratio "
        "does not.",
    ]
    if len(results) == 1:
        lines += ["", NO_REAL_MODEL]
    for result in results:
        lines += [
            "",
            f"### {result.model}, {result.sentences} sentences",
            "",
            "| subject | median (s) | min–max (s) |",
            "|---|---:|---:|",
        ]
        for key, label in SUBJECTS.items():
            times = [r[key] for r in result.rounds]
            lines.append(f"| {label} | {statistics.median(times):.3f} | {min(times):.3f}–{max(times):.3f} |")
        for key, label in SUBJECTS.items():
            times = [r[key] for r in result.cpu]
            lines.append(
                f"| {label}, CPU time | {statistics.median(times):.3f} | {min(times):.3f}–{max(times):.3f} |"
            )
        per_round = ", ".join(RATIO(v) for v in ratios(result.rounds, "job", "raw_batched"))
        lines += [
            "",
            *figure_table([f for f, _ in figures(result)]),
            "",
            f"Per round, job ÷ raw CT2 in the same batches: {per_round}.",
        ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=31, help=f"interleaved rounds (≥ {MIN_ROUNDS})")
    parser.add_argument("--seed", type=int, default=11, help="shuffles the order within each round")
    parser.add_argument("--inter-threads", type=int, default=1)
    parser.add_argument("--intra-threads", type=int, default=default_intra_threads())
    parser.add_argument("--max-real", type=int, default=2, help="real models to include")
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args()
    threads, load = (args.inter_threads, args.intra_threads), load_average()
    # Before the job harness points WERKBANK_DATA_DIR at its temporary directory.
    real_dir = models_dir_for(get_settings())
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        model, models_dir = tiny_model(Path(tmp))
        results.append(bench(model, models_dir, args.rounds, args.seed, threads))
    # Real models whose source language we can write an article in (en, ru).
    real_models = [m for m in list_models(real_dir) if m.source in WORDS]
    for real in real_models[: args.max_real]:
        results.append(bench(real, real_dir, args.rounds, args.seed, threads))
    section = render(results, threads, args.rounds, args.seed, load)
    print(section)
    if args.write_docs:
        write_section("mt", section)
        write_summary("mt_overhead", summary_figures(results))
        print(f"\nwrote {DOCS}")


if __name__ == "__main__":
    main()
