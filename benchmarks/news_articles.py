"""Bulk-ingest items of real news text for the ingest benchmarks: no sentence twice in one article.

`testkit.articles` builds each paragraph from 3 of ~10 sample sentences, so an article repeats its
sentences and its distinct words are about a quarter of its text; real articles keep 80–90 % (one
document's `search_text` holds its distinct words, so the repetition flattered the ingest figures).
Here article n is a run of consecutive sentences of a pool of real news sentences in its language —
the Universal Dependencies PUD test sets (news and wiki, in document order) and the WMT23 general
test set's source lines — starting at a seeded offset, so sentences never repeat inside an article
and neighbouring articles overlap little. Even n are English, odd n Russian; the title carries n, so
every article of a run is a new document.
"""

import csv
import random
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "langid"  # beside the checkout
PARAGRAPHS, PER_PARAGRAPH = 6, 3
_FILES = {"en": ("eng.tsv", "eng.txt"), "ru": ("rus.tsv", "rus.txt")}


@cache
def pool(lang: str) -> tuple[str, ...]:
    """Every usable sentence of the language's news data, in file order."""
    ud, wmt = _FILES[lang]
    with (DATA / "ud" / ud).open(encoding="utf-8") as f:
        lines = [row["text"].strip() for row in csv.DictReader(f, delimiter="\t")]
    lines += (DATA / "wmt23" / wmt).read_text(encoding="utf-8").splitlines()
    return tuple(s for s in (line.strip() for line in lines) if 40 <= len(s) <= 400)


def article(n: int) -> dict:
    """Article number `n` as a bulk item (language left to detection)."""
    sentences = pool(("en", "ru")[n % 2])
    need = 1 + PARAGRAPHS * PER_PARAGRAPH
    start = random.Random(n).randrange(len(sentences) - need)
    run = sentences[start : start + need]
    title = f"{run[0][:90].rstrip(' ,.;:')} ({n})"
    body = [" ".join(run[1 + p * PER_PARAGRAPH : 1 + (p + 1) * PER_PARAGRAPH]) for p in range(PARAGRAPHS)]
    return {"text": title + "\n\n" + "\n\n".join(body)}


def distinct_share(text: str) -> float:
    """Share of an article's words that are distinct after case folding (what `search_text` keeps)."""
    words = text.casefold().split()
    return len(set(words)) / len(words) if words else 1.0
