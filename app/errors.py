"""Typed domain errors carrying their HTTP status and machine-readable code (no web framework here)."""

from typing import Any


class WerkbankError(Exception):
    """Base of every error a user can cause; rendered as {"error": {"code", "message", ...}}."""

    status = 400
    code = "bad_request"

    def __init__(
        self, message: str, *, code: str | None = None, status: int | None = None, **extra: Any
    ) -> None:
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        if status:
            self.status = status
        self.extra = extra

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, **self.extra}


class InvalidInput(WerkbankError):
    status = 422
    code = "invalid_input"


class DateOutOfRange(InvalidInput):
    """A day or time that the calendar cannot hold once moved to UTC or the site's zone (year 1, 9999)."""

    code = "date_out_of_range"


class NotFound(WerkbankError):
    status = 404
    code = "not_found"


class Conflict(WerkbankError):
    status = 409
    code = "conflict"


class Unauthorized(WerkbankError):
    status = 401
    code = "unauthorized"


class Forbidden(WerkbankError):
    status = 403
    code = "forbidden"


class PayloadTooLarge(WerkbankError):
    status = 413
    code = "too_large"


class UnsupportedLanguage(WerkbankError):
    status = 422
    code = "unsupported_language"


class FetchFailed(WerkbankError):
    status = 422
    code = "fetch_failed"


class ServiceUnavailable(WerkbankError):
    status = 503
    code = "unavailable"


class SegmentNotApproved(InvalidInput):
    """An excerpt selects a segment that is unknown or not approved; extra: segment_ids."""

    code = "segment_not_approved"


class PublishFailed(WerkbankError):
    """The blog (WordPress) refused or failed a publish/unpublish request."""

    status = 502
    code = "publish_failed"


class PublishUnauthorized(PublishFailed):
    """The blog rejected our credentials (401/403): check user and application password."""

    code = "publish_unauthorized"


class LanguageUncertain(WerkbankError):
    """The detector is not sure enough; `candidates` lists the likeliest languages."""

    status = 422
    code = "language_uncertain"


class MigrationFailed(WerkbankError):
    """A schema migration was rolled back (e.g. it would have left rows pointing at missing rows)."""

    status = 500
    code = "migration_failed"


class QAErrors(InvalidInput):
    """Approving a segment whose QA found errors needs {"force": true, "reason": …}; extra: issues."""

    code = "qa_errors"


class ReasonRequired(InvalidInput):
    """A forced approval over QA errors must say why (the reason is stored in the revision)."""

    code = "reason_required"
