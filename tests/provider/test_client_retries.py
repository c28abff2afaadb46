"""Retry policy of the client's single request path (MockTransport, a fake clock).

The API has no idempotency, so a POST is repeated only when it provably never reached the server
(no connection) or was refused with 429; reads, PATCH and DELETE retry for a time budget.
"""

from __future__ import annotations

import httpx
import pytest

from pulumi_did_agents.client import (
    APIConnectionError,
    APITimeoutError,
    BadRequestError,
    InternalServerError,
    RateLimitError,
)
from pulumi_did_agents.client._retry import backoff_delay, parse_retry_after

from ._mock_api import MockAPI, agent_json, error

TALK = {"presenter": {"type": "talk", "source_url": "https://x/a.png", "thumbnail": "https://x/a.png"}}


def test_429_is_retried_honouring_retry_after() -> None:
    api = MockAPI().queue(
        error(429, "TooManyRequests", "slow down", **{"Retry-After": "7"}),
        httpx.Response(200, json=agent_json()),
    )
    with api.client() as client:
        agent = client.agents.get("agt_abc12345")
    assert agent.id == "agt_abc12345"
    assert api.sleeps == [7.0]


def test_retry_after_is_capped() -> None:
    api = MockAPI().queue(
        error(429, "TooManyRequests", "slow down", **{"Retry-After": "3600"}),
        httpx.Response(200, json=agent_json()),
    )
    with api.client() as client:
        client.agents.get("agt_abc12345")
    assert api.sleeps == [60.0]


def test_429_on_post_is_retried_because_it_was_not_processed() -> None:
    api = MockAPI().queue(
        error(429, "TooManyRequests", "slow down", **{"Retry-After": "0"}),
        httpx.Response(200, json=agent_json()),
    )
    with api.client() as client:
        client.agents.create(TALK)
    assert len(api.requests) == 2


def test_refused_connection_on_post_is_retried_because_it_never_reached_the_server() -> None:
    api = MockAPI().queue(httpx.ConnectError("refused"), httpx.Response(200, json=agent_json()))
    with api.client() as client:
        client.agents.create(TALK)
    assert [r.method for r in api.requests] == ["POST", "POST"]


@pytest.mark.parametrize(
    "failure",
    [
        error(500, "InternalServerError", "boom"),
        error(503, "ServiceUnavailable", "busy", **{"Retry-After": "0"}),
        httpx.ReadTimeout("slow"),
        httpx.RemoteProtocolError("connection reset after the request was sent"),
    ],
    ids=["500", "503", "read-timeout", "reset"],
)
def test_post_that_may_have_been_processed_is_not_repeated(failure: httpx.Response | Exception) -> None:
    api = MockAPI().queue(failure)
    with api.client() as client, pytest.raises((InternalServerError, APIConnectionError)) as caught:
        client.agents.create(TALK)
    assert len(api.requests) == 1 and api.sleeps == []
    if isinstance(caught.value, APIConnectionError):
        assert caught.value.reached_server


def test_no_idempotency_key_is_sent() -> None:
    """The real API shows no sign of honouring one; the client does not pretend it does."""
    api = MockAPI().queue(httpx.Response(200, json=agent_json()))
    with api.client() as client:
        client.agents.create(TALK)
    assert "idempotency-key" not in {name.lower() for name in api.requests[0].headers}


def test_500_on_get_is_retried_with_backoff() -> None:
    api = MockAPI().queue(
        error(500, "InternalServerError", "boom"),
        error(503, "ServiceUnavailable", "busy"),
        httpx.Response(200, json=agent_json()),
    )
    with api.client() as client:
        client.agents.get("agt_abc12345")
    assert len(api.requests) == 3
    assert 0.375 <= api.sleeps[0] <= 0.5 and 0.75 <= api.sleeps[1] <= 1.0


def test_retries_span_the_time_budget_not_a_count() -> None:
    """Minutes of outage are survived: 40 failures in a row over ~5 minutes, then success."""
    failures = [httpx.ConnectError("refused") for _ in range(40)]
    api = MockAPI().queue(*failures, httpx.Response(200, json=agent_json()))
    with api.client(retry_timeout=600) as client:
        client.agents.get("agt_abc12345")
    assert len(api.requests) == 41
    assert 300 < sum(api.sleeps) <= 600


def test_retries_stop_when_the_budget_is_spent() -> None:
    api = MockAPI().queue(*[error(500, "InternalServerError", "boom") for _ in range(100)])
    with api.client(retry_timeout=30) as client, pytest.raises(InternalServerError) as caught:
        client.agents.get("agt_abc12345")
    assert sum(api.sleeps) <= 30
    assert len(api.requests) == len(api.sleeps) + 1
    assert caught.value.kind == "InternalServerError"


def test_zero_budget_means_no_retry() -> None:
    api = MockAPI().queue(httpx.ConnectError("refused"))
    with api.client(retry_timeout=0) as client, pytest.raises(APIConnectionError) as caught:
        client.agents.get("agt_abc12345")
    assert not isinstance(caught.value, APITimeoutError) and not caught.value.reached_server
    assert len(api.requests) == 1


def test_read_timeout_is_typed() -> None:
    api = MockAPI().queue(httpx.ReadTimeout("slow"))
    with api.client(retry_timeout=0) as client, pytest.raises(APITimeoutError):
        client.agents.get("agt_abc12345")


def test_400_is_not_retried() -> None:
    api = MockAPI().queue(error(400, "BadRequestError", "user_data: too long"))
    with api.client() as client, pytest.raises(BadRequestError, match="user_data"):
        client.agents.get("agt_abc12345")
    assert len(api.requests) == 1 and api.sleeps == []


def test_rate_limit_error_keeps_retry_after_when_exhausted() -> None:
    api = MockAPI().queue(error(429, "TooManyRequests", "slow down", **{"Retry-After": "2"}))
    with api.client(retry_timeout=0) as client, pytest.raises(RateLimitError) as caught:
        client.agents.get("agt_abc12345")
    assert caught.value.retry_after == 2.0


@pytest.mark.parametrize(
    ("header", "expected"),
    [(None, None), ("", None), ("5", 5.0), ("-3", 0.0), ("900", 60.0), ("soon", None)],
)
def test_parse_retry_after(header: str | None, expected: float | None) -> None:
    assert parse_retry_after(header) == expected


def test_parse_retry_after_http_date() -> None:
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:10 GMT", now=1445412480.0) == 10.0


def test_backoff_grows_and_is_capped() -> None:
    delays = [backoff_delay(n) for n in range(12)]
    assert 0.375 <= delays[0] <= 0.5
    assert max(delays) <= 10.0 and delays[-1] >= 7.5
