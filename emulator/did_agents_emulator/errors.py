"""Domain errors and the one place that renders them as D-ID's ``{kind, description}`` body.

The store layer raises these; routes stay thin and never build error responses themselves.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

UNAUTHENTICATED = "user unauthenticated"
INVALID_SESSION = "missing or invalid session_id"


class EmulatorError(Exception):
    """An API error with the HTTP status, D-ID ``kind`` and a human description."""

    status: int = 500
    kind: str = "InternalServerError"

    def __init__(self, description: str, *, headers: dict[str, str] | None = None) -> None:
        super().__init__(description)
        self.description = description
        self.headers = headers or {}


class BadRequestError(EmulatorError):
    """400 for invalid input; the description names the field."""

    status = 400
    kind = "BadRequestError"


class RefusedError(EmulatorError):
    """400 ``BadRequest``: a well-formed request the API refuses (agent type, webhook configuration)."""

    status = 400
    kind = "BadRequest"


class LimitError(RefusedError):
    """400 for business limits (6th document, second account client key), kind ``BadRequest``."""


class SessionError(EmulatorError):
    """400 ``SessionError``: a stream/session id or its ``session_id`` is missing or unknown.

    The SDK matches this exact description to reconnect and retry a chat message.
    """

    status = 400
    kind = "SessionError"

    def __init__(self) -> None:
        super().__init__(INVALID_SESSION)


class DateRangeError(EmulatorError):
    """400 ``RangeError`` (chat exports: ``from`` after ``to``)."""

    status = 400
    kind = "RangeError"


class AuthorizationError(EmulatorError):
    """401: missing or wrong credentials."""

    status = 401
    kind = "AuthorizationError"

    def __init__(self) -> None:
        super().__init__(UNAUTHENTICATED)


class PermissionDeniedError(EmulatorError):
    """403: a client key attempted something beyond its read/chat scope."""

    status = 403
    kind = "PermissionError"


class NotFoundError(EmulatorError):
    """404: unknown id, or an object of another account."""

    status = 404
    kind = "NotFound"


class ExportNotFoundError(NotFoundError):
    """404 for chat exports, which the real API reports as ``NotFoundError``."""

    kind = "NotFoundError"


class CreditsNotFoundError(NotFoundError):
    """404 ``NotFoundError`` for an account without credits (docs ``GetCredits``)."""

    kind = "NotFoundError"


class NotReadyError(EmulatorError):
    """409: the agent is still being created (status not ``done``); clients must poll first."""

    status = 409
    kind = "NotReadyError"


class MediaNotEmulatedError(EmulatorError):
    """501: the call needs audio/video, which the emulator does not produce."""

    status = 501
    kind = "NotImplemented"


def error_body(kind: str, description: str) -> dict[str, Any]:
    """The JSON error body shared by every non-2xx answer."""
    return {"kind": kind, "description": description}


def error_response(
    status: int, kind: str, description: str, headers: dict[str, str] | None = None
) -> JSONResponse:
    """Render an error body with its status."""
    return JSONResponse(error_body(kind, description), status_code=status, headers=headers)


def describe_validation_error(exc: RequestValidationError | ValidationError) -> str:
    """Turn pydantic/FastAPI errors into ``"field.path: message"`` so clients see which field failed."""
    parts: list[str] = []
    for err in exc.errors():
        loc = [str(p) for p in err.get("loc", ())]
        if loc and loc[0] in {"body", "query", "path", "header"}:
            loc = loc[1:]
        if err.get("type") == "json_invalid":
            detail = err.get("ctx", {}).get("error", "")
            parts.append(f"body: Invalid JSON ({detail})" if detail else "body: Invalid JSON")
            continue
        field = ".".join(loc) or "body"
        parts.append(f"{field}: {err.get('msg', 'invalid value')}")
    return "; ".join(parts) or "body: invalid request"


async def _emulator_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, EmulatorError)
    return error_response(exc.status, exc.kind, exc.description, exc.headers)


async def _validation_error(_: Request, exc: Exception) -> JSONResponse:
    # FastAPI answers 422 by default; D-ID answers 400 naming the field.
    assert isinstance(exc, RequestValidationError)
    return error_response(400, BadRequestError.kind, describe_validation_error(exc))


async def _http_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code == 404:
        return error_response(404, NotFoundError.kind, "Route not found")
    if exc.status_code == 405:
        return error_response(405, "MethodNotAllowed", "Method not allowed")
    return error_response(exc.status_code, "HttpError", str(exc.detail))


async def _unexpected_error(_: Request, exc: Exception) -> JSONResponse:
    return error_response(500, "InternalServerError", "internal error")


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers that make every error look like D-ID's."""
    app.add_exception_handler(EmulatorError, _emulator_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected_error)
