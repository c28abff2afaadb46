"""Error mapping: one factory, one class per status, the API's kind/description on the error."""

from __future__ import annotations

import httpx
import pytest

from pulumi_did_agents.client import (
    APIStatusError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    DidAgentsError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    make_status_error,
)
from pulumi_did_agents.client._retry import should_retry_exception, should_retry_status

from ._mock_api import MockAPI, error


@pytest.mark.parametrize(
    ("status", "kind", "cls"),
    [
        (400, "BadRequestError", BadRequestError),
        (401, "AuthorizationError", AuthenticationError),
        (403, "PermissionError", PermissionDeniedError),
        (404, "NotFound", NotFoundError),
        (409, "NotReadyError", ConflictError),
        (429, "TooManyRequests", RateLimitError),
        (500, "InternalServerError", InternalServerError),
        (502, "BadGateway", InternalServerError),
        (402, "InsufficientCreditsError", APIStatusError),
    ],
)
def test_status_maps_to_error_class(status: int, kind: str, cls: type[APIStatusError]) -> None:
    api = MockAPI().queue(error(status, kind, "explained"))
    with api.client(retry_timeout=0) as client, pytest.raises(cls) as caught:
        client.agents.get("agt_x")
    exc = caught.value
    assert type(exc) is cls and isinstance(exc, DidAgentsError)
    assert (exc.status_code, exc.kind, exc.description) == (status, kind, "explained")
    assert str(exc) == f"{status} {kind}: explained (GET /agents/agt_x)"


def test_not_found_carries_description() -> None:
    api = MockAPI().queue(error(404, "NotFound", "Agent not found"))
    with api.client() as client, pytest.raises(NotFoundError, match="Agent not found"):
        client.agents.get("agt_missing")


def test_non_json_error_body_still_readable() -> None:
    exc = make_status_error(status_code=502, body="<html>bad gateway</html>", method="GET", path="/agents")
    assert isinstance(exc, InternalServerError)
    assert exc.kind == "HTTP502" and "bad gateway" in exc.description


def test_error_details_are_kept() -> None:
    exc = make_status_error(
        status_code=400,
        body={"kind": "BadRequest", "description": "nope", "details": {"field": "x"}},
        method="POST",
        path="/agents",
    )
    assert exc.details == {"field": "x"}


def test_document_ids_are_url_encoded_in_paths() -> None:
    api = MockAPI().queue(httpx.Response(200, json={"id": "knl_a#doc_b", "status": "done"}))
    with api.client() as client:
        doc = client.documents.get("knl_a", "knl_a#doc_b")
    assert doc.knowledge_id == "knl_a"
    assert api.requests[0].url.raw_path == b"/knowledge/knl_a/documents/knl_a%23doc_b"


@pytest.mark.parametrize(
    ("method", "status", "expected"),
    [
        ("GET", 500, True),
        ("DELETE", 503, True),
        ("PATCH", 408, True),
        ("POST", 500, False),
        ("POST", 429, True),
    ],
)
def test_which_statuses_are_retried(method: str, status: int, expected: bool) -> None:
    assert should_retry_status(status, method=method) is expected


def test_post_is_retried_only_when_it_never_reached_the_server() -> None:
    request = httpx.Request("POST", "https://api.test/agents")
    assert should_retry_exception(httpx.ReadTimeout("x", request=request), method="POST") is False
    assert should_retry_exception(httpx.ConnectError("x", request=request), method="POST") is True
    assert should_retry_exception(httpx.ReadTimeout("x", request=request), method="GET") is True
