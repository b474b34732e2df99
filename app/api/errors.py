"""The one place errors become HTTP responses: {"error": {"code", "message", ...}}."""

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.errors import WerkbankError

log = logging.getLogger("app.api")
# Validation error types that name the problem better than "invalid_input" when they are all there is.
_OWN_CODES = {"date_out_of_range"}


def _render(status: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(status_code=status, content={"error": body}, headers=headers)


ERROR_SCHEMA: dict[str, Any] = {
    "title": "Error",
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {
                "code": {"type": "string", "description": "Machine-readable, e.g. not_found"},
                "message": {"type": "string"},
                "detail": {"type": "array", "items": {"type": "object"}, "description": "422: each problem"},
                "request_id": {"type": "string", "description": "500: quote it when reporting the bug"},
            },
            "additionalProperties": True,
        }
    },
}
_ERROR_RESPONSE = {
    "description": 'Error: {"error": {"code", "message", …}}',
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
}


def _document_errors(schema: dict[str, Any]) -> None:
    """Every operation answers errors in the one shape: 422 and any other 4XX/5XX use Error."""
    schemas = schema.setdefault("components", {}).setdefault("schemas", {})
    schemas.pop("HTTPValidationError", None)
    schemas.pop("ValidationError", None)
    schemas["Error"] = ERROR_SCHEMA
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            if "422" in responses:
                responses["422"] = {**_ERROR_RESPONSE, "description": "Invalid input"}
            responses.setdefault("4XX", _ERROR_RESPONSE)
            responses.setdefault("5XX", _ERROR_RESPONSE)


def install_error_handlers(app: FastAPI) -> None:
    """Register the one handler that renders every error the same way, and document that shape."""
    build_openapi = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            _document_errors(build_openapi())
        return app.openapi_schema  # type: ignore[return-value]

    app.openapi = openapi  # type: ignore[method-assign]

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
        types = {e.get("type") for e in errors}
        own = next(iter(types)) if len(types) == 1 and types <= _OWN_CODES else None
        code = "malformed_json" if malformed else own or "invalid_input"
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


async def internal_error(request: Request, exc: Exception) -> JSONResponse:
    """A bug: logged with its traceback and request id; the client gets the id, never the traceback."""
    request_id = getattr(request.state, "request_id", None) or "-"
    log.exception(
        "Unhandled %s in %s %s [request_id=%s]",
        type(exc).__name__,
        request.method,
        request.url.path,
        request_id,
        exc_info=exc,
    )
    body = {
        "code": "internal_error",
        "message": f"Internal error; quote request id {request_id} when reporting it",
        "request_id": request_id,
    }
    return _render(500, body, {"X-Request-ID": request_id})
