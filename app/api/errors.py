"""The one place errors become HTTP responses: {"error": {"code", "message", ...}}."""

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.errors import WerkbankError

# Validation error types that name the problem better than "invalid_input" when they are all there is.
_OWN_CODES = {"date_out_of_range"}


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
