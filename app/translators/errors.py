"""Typed errors of the translator layer, mapped onto the app-wide WerkbankError family."""

from app.errors import InvalidInput, ServiceUnavailable
from app.translators.results import TranslationFailure


class TranslatorUnavailable(ServiceUnavailable):
    """The engine cannot serve now: network, timeout, rate limit, missing model or key."""

    code = "translator_unavailable"

    def __init__(self, message: str, *, abort_rest: bool = True, **extra: object) -> None:
        super().__init__(message, **extra)
        # Whether the remaining texts of the same call should fail fast with this reason.
        self.abort_rest = abort_rest


class TranslatorRejected(InvalidInput):
    """The engine refused this input: bad text, unsupported language pair."""

    code = "translator_rejected"


class TranslatorTransient(TranslatorUnavailable):
    """A failure worth retrying with back-off (HTTP 429/5xx, timeouts).

    Once retries are exhausted, timeouts and rate limits abort the rest of the call
    (each text would pay the same price again); a 500 for one text does not.
    """

    def __init__(self, message: str, *, abort_rest: bool = True, retry_after: float | None = None) -> None:
        super().__init__(message, abort_rest=abort_rest)
        self.retry_after = retry_after


class TranslatorMismatch(TranslatorUnavailable):
    """The engine's answer did not keep one output per input (merged, split or dropped texts).

    The base then falls back to one call per text instead of bisecting the batch.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message, abort_rest=False)


class CallAborted(Exception):
    """Internal to the base: the engine is down for this call; every remaining unit gets this failure."""

    def __init__(self, failure: TranslationFailure) -> None:
        super().__init__(failure.reason)
        self.failure = failure
