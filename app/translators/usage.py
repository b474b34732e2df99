"""Token usage an engine reports (language models), counted per thread until a job takes it."""

import threading
from dataclasses import dataclass


@dataclass
class Usage:
    """Tokens the engine billed: prompt (input) and completion (output)."""

    prompt_tokens: int = 0
    completion_tokens: int = 0

    def __bool__(self) -> bool:
        return bool(self.prompt_tokens or self.completion_tokens)


class UsageMeter:
    """Sums usage per thread: a worker thread's job sees only its own engine calls."""

    def __init__(self) -> None:
        self._local = threading.local()

    def add(self, prompt_tokens: int, completion_tokens: int) -> None:
        current = self._current()
        current.prompt_tokens += max(int(prompt_tokens), 0)
        current.completion_tokens += max(int(completion_tokens), 0)

    def take(self) -> Usage:
        """The usage counted in this thread since the last take, and reset it to zero."""
        current = self._current()
        self._local.usage = Usage()
        return current

    def _current(self) -> Usage:
        if not hasattr(self._local, "usage"):
            self._local.usage = Usage()
        return self._local.usage
