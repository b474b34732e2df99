"""The langid data split: a tuning part and a scoring part by document, and worst-seed scoring.

Rule (deterministic, no seed): within each file, the distinct document ids are ordered by the
SHA-256 of the id; the 1st, 3rd, 5th, ... go to *scoring*, the 2nd, 4th, ... to *tuning*. The
five PUD files (en, ru, de, fr, es) are translations of the same 1,000 sentences with the same
document ids, so a PUD document is in the same part in every language: a translation of a
scoring text is never tuned on. WMT23 files have no document markers; blocks of WMT_BLOCK
consecutive lines stand in for documents. Every text is in exactly one part.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping

PARTS = ("tuning", "scoring")
WMT_BLOCK = 20
"""WMT23 lines per stand-in document (the source files carry no document ids)."""
DEFAULT_SEEDS = (1, 2, 3, 4, 5)
Cells = Mapping[int, Mapping[str, list[int]]]
"""Per seed: cells "lang/kind" → [texts, right, uncertain, near-Russian routed as ru]."""


def assign_parts(doc_ids: Iterable[str]) -> dict[str, str]:
    """Each distinct document id → "scoring" or "tuning" (alternating in SHA-256 order)."""
    ordered = sorted(set(doc_ids), key=lambda d: hashlib.sha256(d.encode("utf-8")).hexdigest())
    return {doc: PARTS[1] if rank % 2 == 0 else PARTS[0] for rank, doc in enumerate(ordered)}


def wmt_doc(line_number: int) -> str:
    """The stand-in document id of a WMT23 line (0-based)."""
    return f"block-{line_number // WMT_BLOCK}"


def worst_seed(per_seed: Cells, key: str, field: int = 1) -> tuple[int, float]:
    """(seed, share %) of the seed whose cell `key` has the lowest share of `field` over texts."""
    shares = {
        seed: 100 * cells[key][field] / cells[key][0] for seed, cells in per_seed.items() if key in cells
    }
    seed = min(shares, key=shares.__getitem__)
    return seed, shares[seed]


def highest_seed(per_seed: Cells, key: str, field: int) -> tuple[int, float]:
    """(seed, share %) of the seed whose cell `key` has the highest share of `field` (errors)."""
    shares = {
        seed: 100 * cells[key][field] / cells[key][0] for seed, cells in per_seed.items() if key in cells
    }
    seed = max(shares, key=shares.__getitem__)
    return seed, shares[seed]
