"""The reading of one text that every check shares: each feature found once per text, kept for later pairs."""

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")
SIZE = 2048  # texts kept (least recently used go first): a few documents' sources and German texts
_MISSING = object()


class Analysis:
    """One text in one language, and what the checks found in it so far.

    A feature is a plain function of the analysis (optionally with more arguments), named by the check
    that needs it: `analysis.get(feature)` works it out on first use and answers from memory after that.
    Every check asking for the same feature shares one scan of the text (numbers, names, addresses …),
    and so does the next pair holding the same text: a document checked again after a termbase change,
    a segment's source with each new German text. Features depend on the text and language only (never
    on the termbase), and what they return is shared: callers must not change it.
    """

    __slots__ = ("text", "lang", "_found")

    def __init__(self, text: str, lang: str) -> None:
        self.text, self.lang = text, lang
        self._found: dict[Any, Any] = {}

    def get(self, feature: Callable[..., T], *args: Any) -> T:
        """feature(self, *args), computed once per text (two threads may both compute it: same value)."""
        key = (feature, *args) if args else feature
        found = self._found.get(key, _MISSING)
        if found is _MISSING:
            found = self._found[key] = feature(self, *args)
        return found  # type: ignore[return-value]


_lock = threading.Lock()
_cache: OrderedDict[tuple[str, str], Analysis] = OrderedDict()


def analysis(text: str, lang: str) -> Analysis:
    """The one analysis of this text in this language (made on first sight, kept for SIZE texts)."""
    key = (text, lang)
    with _lock:
        found = _cache.get(key)
        if found is not None:
            _cache.move_to_end(key)
            return found
        found = _cache[key] = Analysis(text, lang)
        if len(_cache) > SIZE:
            _cache.popitem(last=False)
    return found


def forget() -> None:
    """Drop every kept analysis (benchmarks that measure the checks from scratch, tests)."""
    with _lock:
        _cache.clear()
