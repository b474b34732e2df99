"""The QA issues of pairs this process has checked: the checks are pure functions of the source, the
German text, the source language and the termbase (app.qa.base: they see plain text only), so the same
inputs give the same issues, and a document's QA asked for again runs the checks of changed texts only.

A key holds every input, the termbase entries included: a term added, changed or removed makes another
key, so nothing goes stale with the glossary. The check set is that of this process (app.qa.registry
loads it once; new check code means a new process); should another set be in use (a test swapping the
registry), the memo is emptied first. A check that raised (`check_failed`) is not remembered: the next
request runs it again.
"""

import threading
from collections import OrderedDict
from collections.abc import Callable

from app.qa import registry
from app.qa.base import QATerm

SIZE = 4096  # pairs remembered (least recently used go first): ~2 KB each, a few MB per process
TERMBASES = 16  # distinct termbases interned (every language's, and their recent versions)

Key = tuple[str, str, str, tuple[QATerm, ...]]

_lock = threading.Lock()
_memo: OrderedDict[Key, list[dict]] = OrderedDict()
_checks: list[object] = [None]  # the check set the remembered issues were found with


class Termbase(tuple):
    """A termbase as interned here: one object per distinct termbase, its hash worked out once, so a key
    holding it is hashed and compared in constant time (a plain tuple of 5,000 entries would be hashed
    for every segment, and compared entry by entry across requests)."""

    def __hash__(self) -> int:
        cached = self.__dict__.get("hash")
        if cached is None:
            cached = self.__dict__["hash"] = tuple.__hash__(self)
        return cached


_termbases: OrderedDict[tuple[QATerm, ...], Termbase] = OrderedDict()


def interned(terms: tuple[QATerm, ...]) -> Termbase:
    """The one object standing for this termbase (equal entries in the same order), made on first sight.

    Costs one hash and one comparison of the termbase: call it once per termbase read, not per segment."""
    with _lock:
        found = _termbases.get(terms)
        if found is None:
            found = _termbases[terms] = Termbase(terms)
            if len(_termbases) > TERMBASES:
                _termbases.popitem(last=False)
        else:
            _termbases.move_to_end(terms)
    return found


def issues(key: Key, compute: Callable[[], list[dict]]) -> list[dict]:
    """The issues of `key` (source, target, source language, terms): remembered, or computed and kept.

    Returns a new list of new dicts each time (callers may keep or change it)."""
    checks = registry.get_checks()
    with _lock:
        if checks is not _checks[0]:
            _memo.clear()
            _checks[0] = checks
        found = _memo.get(key)
        if found is not None:
            _memo.move_to_end(key)
    if found is None:
        found = compute()
        if not any(i["code"] == registry.CHECK_FAILED for i in found):
            with _lock:
                if checks is _checks[0]:
                    _memo[key] = found
                    if len(_memo) > SIZE:
                        _memo.popitem(last=False)
    return [dict(i) for i in found]


def forget() -> None:
    """Empty the memo (tests that count check runs)."""
    with _lock:
        _memo.clear()
