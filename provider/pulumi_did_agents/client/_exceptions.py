"""Typed errors raised by the client.

Errors carry the API's ``kind`` and ``description`` plus the method, path and status, and nothing
from the request headers: ``str(exc)`` ends up in Pulumi's output and in gRPC tracebacks, so it must
never be able to contain the API key. The server's own ``error`` of a failed agent or document is
rendered here too (:func:`describe_error`): it becomes a :class:`ResourceFailedError`'s reason, and
the core reports it without loading the HTTP client.
"""

from __future__ import annotations

from typing import Any

from ..errors import DidAgentsError

__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConfigurationError",
    "ConflictError",
    "DidAgentsError",
    "InternalServerError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "ResourceFailedError",
    "WaitTimeoutError",
    "describe_error",
    "make_status_error",
]


class ConfigurationError(DidAgentsError):
    """The client cannot be built, e.g. no API key was configured anywhere."""


class APIConnectionError(DidAgentsError):
    """No HTTP response was received (DNS, refused connection, reset, ...)."""

    def __init__(self, message: str, *, method: str, path: str, reached_server: bool = True) -> None:
        super().__init__(f"{message} ({method} {path})")
        self.method = method
        self.path = path
        self.reached_server = reached_server
        """False when no connection was made: the server provably never saw the request."""


class APITimeoutError(APIConnectionError):
    """The request timed out before a response arrived."""


class APIStatusError(DidAgentsError):
    """The API answered with a non-2xx status; ``kind``/``description`` come from its JSON body."""

    def __init__(
        self,
        *,
        status_code: int,
        kind: str,
        description: str,
        method: str,
        path: str,
        details: Any = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(f"{status_code} {kind}: {description} ({method} {path})")
        self.status_code = status_code
        self.kind = kind
        self.description = description
        self.details = details
        self.method = method
        self.path = path
        self.retry_after = retry_after


class BadRequestError(APIStatusError):
    """400: the request was invalid; ``description`` names the field."""


class AuthenticationError(APIStatusError):
    """401: missing or wrong API key."""


class PermissionDeniedError(APIStatusError):
    """403: the credentials may not perform this operation."""


class NotFoundError(APIStatusError):
    """404: the object does not exist (or belongs to another account)."""


class ConflictError(APIStatusError):
    """409: the object is not in a state that allows the operation."""


class RateLimitError(APIStatusError):
    """429: too many requests; ``retry_after`` holds the server's hint in seconds."""


class InternalServerError(APIStatusError):
    """5xx: the server failed."""


class ResourceFailedError(DidAgentsError):
    """An agent or document reached a failed state (``error``/``rejected``) while being waited on."""

    def __init__(self, message: str, *, resource_id: str, status: str, reason: str) -> None:
        super().__init__(message)
        self.resource_id = resource_id
        self.status = status
        self.reason = reason


class WaitTimeoutError(DidAgentsError):
    """An agent or document did not become ready in time."""

    def __init__(self, message: str, *, resource_id: str, status: str) -> None:
        super().__init__(message)
        self.resource_id = resource_id
        self.status = status


def describe_error(error: Any) -> str:
    """Render the server's ``error`` (a string for documents, ``{kind, description}`` for agents)."""
    if isinstance(error, dict):
        kind, description = error.get("kind"), error.get("description")
        return ": ".join(str(part) for part in (kind, description) if part) or str(error)
    return str(error) if error else "no reason given"


_STATUS_ERRORS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    429: RateLimitError,
}


def make_status_error(
    *,
    status_code: int,
    body: Any,
    method: str,
    path: str,
    retry_after: float | None = None,
) -> APIStatusError:
    """Build the one exception class that matches ``status_code`` from a decoded error body.

    D-ID answers ``{"kind", "description", "details"?}``; anything else (HTML from a proxy, an
    empty body) still gives a readable error with a generic kind.
    """
    kind = f"HTTP{status_code}"
    description = "no error description returned"
    details: Any = None
    if isinstance(body, dict):
        kind = str(body.get("kind") or kind)
        description = str(body.get("description") or description)
        details = body.get("details")
    elif isinstance(body, str) and body.strip():
        description = body.strip()[:500]
    cls = _STATUS_ERRORS.get(status_code)
    if cls is None:
        cls = InternalServerError if status_code >= 500 else APIStatusError
    return cls(
        status_code=status_code,
        kind=kind,
        description=description,
        method=method,
        path=path,
        details=details,
        retry_after=retry_after,
    )
