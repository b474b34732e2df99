"""Typed domain errors carrying their HTTP status and machine-readable code, and their one handler."""

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException


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


def _render(status: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(status_code=status, content={"error": body}, headers=headers)


def install_error_handlers(app: FastAPI) -> None:
    """Register the one handler that renders every error the same way."""

    @app.exception_handler(WerkbankError)
    async def _werkbank(_: Request, exc: WerkbankError) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        if "retry_after" in exc.extra:
            headers = {"Retry-After": str(exc.extra["retry_after"])}
        return _render(exc.status, exc.to_dict(), headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        malformed = any(e.get("type") == "json_invalid" for e in errors)
        code = "malformed_json" if malformed else "invalid_input"
        message = "Request body is not valid JSON" if malformed else "Request does not match the schema"
        detail = [
            {"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
            for e in errors
        ]
        return _render(422, {"code": code, "message": message, "detail": detail})

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        codes = {404: "not_found", 405: "method_not_allowed", 401: "unauthorized"}
        code = codes.get(exc.status_code, "http_error")
        return _render(exc.status_code, {"code": code, "message": str(exc.detail)})


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
