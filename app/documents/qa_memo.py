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

Key = tuple[str, str, str, tuple[QATerm, ...]]

_lock = threading.Lock()
_memo: OrderedDict[Key, list[dict]] = OrderedDict()
_checks: list[object] = [None]  # the check set the remembered issues were found with


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
