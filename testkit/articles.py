"""Many distinct, realistic English and Russian news articles for bulk-ingest tests and benchmarks."""

import random
import re

from testkit.samples import EN, RU

_SENTENCES = {
    lang: [s for s in re.split(r"(?<=[.!?])\s+", " ".join(text.split("\n\n")[1:])) if len(s) > 20]
    for lang, text in (("en", EN), ("ru", RU))
}
_TITLES = {"en": "Report {n}: talks continue in Geneva", "ru": "Сообщение {n}: переговоры продолжаются"}


def article(n: int, *, lang: str | None = None, paragraphs: int = 6) -> dict:
    """Article number `n` as a bulk item (language left to detection): even English, odd Russian."""
    lang = lang or ("en", "ru")[n % 2]
    rng = random.Random(n)
    sentences = _SENTENCES[lang]
    body = [
        " ".join(rng.sample(sentences, k=min(3, len(sentences)))) + f" ({n}-{p})" for p in range(paragraphs)
    ]
    return {"text": _TITLES[lang].format(n=n) + "\n\n" + "\n\n".join(body)}


def articles(count: int, *, start: int = 0) -> list[dict]:
    """`count` bulk items numbered from `start`."""
    return [article(n) for n in range(start, start + count)]
