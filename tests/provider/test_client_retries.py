"""Retry policy of the client's single request path (MockTransport, injected sleep)."""

from __future__ import annotations

import httpx
import pytest

from pulumi_did_agents.client import (
    APIConnectionError,
    APITimeoutError,
    InternalServerError,
    RateLimitError,
)
from pulumi_did_agents.client._retry import backoff_delay, parse_retry_after

from ._mock_api import MockAPI, agent_json, error


def test_429_is_retried_honouring_retry_after() -> None:
    api = MockAPI().queue(
        error(429, "TooManyRequests", "slow down", **{"Retry-After": "7"}),
        httpx.Response(200, json=agent_json()),
    )
    with api.client() as client:
        agent = client.agents.get("agt_abc12345")
    assert agent.id == "agt_abc12345"
    assert api.sleeps == [7.0]
    assert len(api.requests) == 2


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
        client.agents.create({"presenter": {"type": "talk", "source_url": "https://x/a.png"}})
    assert len(api.requests) == 2


def test_500_is_retried_with_backoff() -> None:
    api = MockAPI().queue(
        error(500, "InternalServerError", "boom"),
        error(503, "ServiceUnavailable", "busy"),
        httpx.Response(200, json=agent_json()),
    )
    with api.client() as client:
        client.agents.get("agt_abc12345")
    assert len(api.requests) == 3
    assert 0.375 <= api.sleeps[0] <= 0.5 and 0.75 <= api.sleeps[1] <= 1.0


def test_retries_are_bounded() -> None:
    api = MockAPI().queue(*[error(500, "InternalServerError", "boom") for _ in range(3)])
    with api.client(max_retries=2) as client, pytest.raises(InternalServerError) as caught:
        client.agents.get("agt_abc12345")
    assert len(api.requests) == 3
    assert caught.value.kind == "InternalServerError"


def test_connection_error_is_retried() -> None:
    api = MockAPI().queue(httpx.ConnectError("refused"), httpx.Response(200, json=agent_json()))
    with api.client() as client:
        client.agents.get("agt_abc12345")
    assert len(api.requests) == 2 and len(api.sleeps) == 1


def test_connection_error_after_retries_is_typed() -> None:
    api = MockAPI().queue(*[httpx.ConnectError("refused") for _ in range(2)])
    with api.client(max_retries=1) as client, pytest.raises(APIConnectionError) as caught:
        client.agents.get("agt_abc12345")
    assert not isinstance(caught.value, APITimeoutError)


def test_read_timeout_is_typed() -> None:
    api = MockAPI().queue(httpx.ReadTimeout("slow"))
    with api.client(max_retries=0) as client, pytest.raises(APITimeoutError):
        client.agents.get("agt_abc12345")


def test_post_reuses_one_idempotency_key_across_retries() -> None:
    api = MockAPI().queue(
        error(500, "InternalServerError", "boom"),
        httpx.ReadTimeout("slow"),
        error(429, "TooManyRequests", "slow down", **{"Retry-After": "0"}),
        httpx.Response(200, json=agent_json()),
    )
    with api.client() as client:
        client.agents.create({"presenter": {"type": "talk", "source_url": "https://x/a.png"}})
    keys = {request.headers["Idempotency-Key"] for request in api.requests}
    assert len(api.requests) == 4 and len(keys) == 1
    assert len(next(iter(keys))) == 36  # a uuid4


def test_each_logical_post_gets_its_own_key() -> None:
    api = MockAPI().queue(httpx.Response(200, json=agent_json()), httpx.Response(200, json=agent_json()))
    body = {"presenter": {"type": "talk", "source_url": "https://x/a.png"}}
    with api.client() as client:
        client.agents.create(body)
        client.agents.create(body)
    assert api.requests[0].headers["Idempotency-Key"] != api.requests[1].headers["Idempotency-Key"]


def test_get_patch_delete_carry_no_idempotency_key() -> None:
    api = MockAPI().queue(
        httpx.Response(200, json=agent_json()),
        httpx.Response(200, json=agent_json()),
        httpx.Response(200, json=agent_json()),
    )
    with api.client() as client:
        client.agents.get("agt_abc12345")
        client.agents.update("agt_abc12345", {"preview_name": "Bea"})
        client.agents.delete("agt_abc12345")
    assert all("Idempotency-Key" not in request.headers for request in api.requests)


def test_400_is_not_retried() -> None:
    api = MockAPI().queue(error(400, "BadRequestError", "user_data: too long"))
    with api.client() as client, pytest.raises(Exception, match="user_data"):
        client.agents.get("agt_abc12345")
    assert len(api.requests) == 1 and api.sleeps == []


def test_rate_limit_error_keeps_retry_after_when_exhausted() -> None:
    api = MockAPI().queue(error(429, "TooManyRequests", "slow down", **{"Retry-After": "2"}))
    with api.client(max_retries=0) as client, pytest.raises(RateLimitError) as caught:
        client.agents.list()
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
    delays = [backoff_delay(n) for n in range(8)]
    assert all(0.375 <= delays[0] <= 0.5 for _ in range(1))
    assert max(delays) <= 8.0 and delays[-1] >= 6.0
