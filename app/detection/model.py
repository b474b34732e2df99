"""py3langid's model, loaded once and cut down to Werkbank's candidate languages per script."""

import lzma
import math
import shutil
import tempfile
import threading
import unicodedata
from collections import Counter
from typing import Any, NamedTuple

# The model only chooses among languages of the text's script. Each set holds the languages
# Werkbank routes plus the ones it must recognise in order to refuse them (a Ukrainian text
# must come out as "uk", never as the nearest routed language).
LATIN_CANDIDATES = (
    "en", "de", "fr", "es", "it", "pt", "nl", "pl", "cs", "sk", "sl", "hr", "bs", "ro",
    "hu", "sv", "da", "no", "fi", "et", "lv", "lt", "tr", "ca", "gl", "eu", "sq", "lb",
    "af", "fy", "ga", "cy", "is", "mt", "az", "uz", "id", "vi", "tl", "sw", "eo",
)  # fmt: skip
CYRILLIC_CANDIDATES = ("ru", "uk", "be", "bg", "kk", "sr", "mk", "ky", "mn", "tt", "tg", "ba")
# Greek, Arabic, Hebrew, Indic, CJK, ...: refused anyway, only named for the error message.
OTHER_CANDIDATES = (
    "el", "ar", "fa", "ur", "ps", "he", "hy", "ka", "am", "hi", "mr", "ne", "bn", "as", "pa",
    "gu", "or", "ta", "te", "kn", "ml", "si", "th", "lo", "km", "my", "zh", "ja", "ko",
)  # fmt: skip
SCRIPTS = {"latin": LATIN_CANDIDATES, "cyrillic": CYRILLIC_CANDIDATES, "other": OTHER_CANDIDATES}


class Features(NamedTuple):
    """A text's model features: feature indices, their counts, and the text's size in bytes;
    for a text read in pieces also what each piece's counts are taken from (`Pieces`)."""

    idx: Any
    counts: Any
    size: int
    pieces: "Pieces | None" = None


class Pieces(NamedTuple):
    """The features in the order found, where each piece's end, and each piece's size in bytes."""

    found: list[int]
    ends: list[int]
    sizes: list[int]


class Model:
    """The byte n-gram automaton and naive-Bayes tables of py3langid, for our columns only.

    The full table (100,053 features × 142 languages) is read once and dropped: only the
    columns of the candidate languages stay resident, one table per script. Read-only after
    loading, so threads share one instance.
    """

    def __init__(self) -> None:
        import numpy as np
        from py3langid.langid import MODEL_DIR, MODEL_FILE

        self._np = np
        with tempfile.TemporaryFile(suffix=".npz") as tmp:
            with lzma.open(MODEL_DIR / MODEL_FILE) as src:
                shutil.copyfileobj(src, tmp, length=1 << 20)
            tmp.seek(0)
            with np.load(tmp, allow_pickle=False) as data:
                classes = data["classes"].tolist()
                ptc, pc = data["ptc"], data["pc"]
                # One table per script: a text's features are then looked up in one step.
                self._tables = {}
                self._shared = {}
                for script, langs in SCRIPTS.items():
                    columns = [i for i, c in enumerate(classes) if c in langs]
                    labels = [classes[i] for i in columns]
                    self._tables[script] = (np.ascontiguousarray(ptc[:, columns]), pc[columns], labels)
                    # "sr" and "uz" have a column per script they are written in: their
                    # probabilities are summed.
                    self._shared[script] = {
                        lang: [i for i, c in enumerate(labels) if c == lang]
                        for lang in labels
                        if labels.count(lang) > 1
                    }
                self._n_features = ptc.shape[0]
                del ptc
                # A memoryview reads the automaton's transitions as Python ints without the
                # copy py3langid makes (40 MB more at load).
                nextmove = data["nextmove"]
                self._nextmove = memoryview(nextmove).cast("B").cast(nextmove.dtype.char)
                self._rowbase = [r << 8 for r in data["nextmove_row"].tolist()]
                self._output = data["out_feat"].tolist()

    def rank(self, text: str, script: str) -> dict[str, float]:
        """Probability of each candidate language of `script` (sums to 1; {} without features)."""
        return self.rank_features(self.features(text), script)

    def features(self, text: str) -> Features:
        """The text's n-gram feature counts and its length in bytes (what `rank_features` reads)."""
        return self.features_by_part([text])

    def features_by_part(self, pieces: list[str]) -> Features:
        """The features of the text `pieces` make up, read in one pass (for two or more pieces,
        `rank_with_vote` can also read each piece apart)."""
        np = self._np
        if (pieces[0] if len(pieces) == 1 else "".join(pieces)).isupper():
            pieces = [p.lower() for p in pieces]
        chunks = [unicodedata.normalize("NFC", p).encode("utf-8", errors="surrogatepass") for p in pieces]
        found, ends = self._visits(chunks)
        visits = Counter(found)
        idx = np.fromiter(visits.keys(), dtype=np.intp, count=len(visits))
        counts = np.fromiter(visits.values(), dtype=np.float32, count=len(visits))
        sizes = list(map(len, chunks))
        return Features(idx, counts, sum(sizes), Pieces(found, ends, sizes) if len(chunks) > 1 else None)

    def merge(self, parts: list[Features]) -> Features:
        """The features of several texts as if they were one (counts summed, sizes added)."""
        np = self._np
        if len(parts) == 1:
            return parts[0]
        idx, inverse = np.unique(np.concatenate([p.idx for p in parts]), return_inverse=True)
        counts = np.bincount(inverse, weights=np.concatenate([p.counts for p in parts]))
        return Features(idx, counts.astype(np.float32), sum(p.size for p in parts))

    def rank_features(self, features: Features, script: str) -> dict[str, float]:
        """Probabilities from (possibly merged) feature counts; {} without features."""
        return self.rank_with_vote(features, script, vote_below=0.0)[0]

    def rank_with_vote(
        self, features: Features, script: str, *, vote_below: float
    ) -> tuple[dict[str, float], str | None]:
        """`rank_features`, and when the best probability is under `vote_below` for a text read
        in pieces, the language its pieces vote for: each piece's probabilities (as
        `rank_features` gives them for the piece alone) summed, weighted by the pieces' sizes
        (else None)."""
        np = self._np
        if not len(features.idx):
            return {}, None
        table, prior, labels = self._tables[script]
        rows = table[features.idx]
        scores = np.log1p(features.counts) @ rows + prior
        # py3langid's calibration: temperature sqrt(bytes) keeps the softmax comparable
        # across lengths, so one threshold can serve headlines and articles.
        scores *= 1.0 / math.sqrt(features.size or 1)
        scores = np.exp(scores - scores.max())
        scores /= scores.sum()
        ranked = _by_label(labels, scores.tolist(), self._shared[script])
        if features.pieces is None or max(ranked.values()) >= vote_below:
            return ranked, None
        by_piece, sizes = self._piece_counts(features)
        if len(sizes) < 2:
            return ranked, None
        parts = np.log1p(by_piece) @ rows + prior
        parts /= np.sqrt(sizes)[:, None]
        parts = np.exp(parts - parts.max(axis=1, keepdims=True))
        parts /= parts.sum(axis=1, keepdims=True)
        voted = _by_label(labels, (sizes @ parts).tolist(), self._shared[script])
        return ranked, max(voted, key=voted.__getitem__)

    def _piece_counts(self, features: Features) -> tuple[Any, Any]:
        """Counts per piece (pieces × the text's features) and sizes, of the pieces with features."""
        np = self._np
        found, ends, sizes = features.pieces
        idx = features.idx
        lengths = [end - start for start, end in zip([0, *ends], ends, strict=False)]
        kept = [i for i, n in enumerate(lengths) if n]  # a piece without features ("1.") has no vote
        order = idx.argsort()
        column = order[np.searchsorted(idx[order], np.asarray(found, dtype=np.intp))]
        piece = np.repeat(np.arange(len(lengths)), lengths)
        counts = np.bincount(piece * len(idx) + column, minlength=len(lengths) * len(idx))
        counts = counts.reshape(len(lengths), len(idx))[kept].astype(np.float32)
        return counts, np.array([sizes[i] for i in kept], dtype=np.float64)

    def _visits(self, chunks: list[bytes]) -> tuple[list[int], list[int]]:
        """Features found reading the chunks as one text, and where each chunk's features end."""
        nextmove, rowbase, output = self._nextmove, self._rowbase, self._output
        state, found, ends = 0, [], []
        append = found.append
        for data in chunks:
            for byte in data:
                state = nextmove[rowbase[state] + byte]
                feature = output[state]
                if feature >= 0:
                    append(feature)
            ends.append(len(found))
        return found, ends


def _by_label(labels: list[str], values: list[float], shared: dict[str, list[int]]) -> dict[str, float]:
    """Each label's value; the values of a label with several columns (`shared`) summed."""
    found = dict(zip(labels, values, strict=True))
    for lang, columns in shared.items():
        found[lang] = sum(values[i] for i in columns)
    return found


_lock = threading.Lock()
_model: Model | None = None


def get_model() -> Model:
    """The process's model, loaded under a lock on first use."""
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                _model = Model()
    return _model


def langdetect_scores(text: str, _lock: Any = threading.Lock()) -> dict[str, float]:
    """langdetect's seeded probabilities (opt-in tiebreak only: it costs 60 MB of profiles)."""
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    with _lock:  # the seed is global: a run must not interleave with another
        DetectorFactory.seed = 0
        try:
            return {r.lang.split("-")[0]: r.prob for r in detect_langs(text)}
        except LangDetectException:
            return {}
