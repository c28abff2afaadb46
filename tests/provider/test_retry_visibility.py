"""Retries say so while they wait, throttling is named as such, and a finished line is cleared."""

from __future__ import annotations

import httpx

from pulumi_did_agents.client import Client
from pulumi_did_agents.core import ProviderSettings, Session

from .conftest import OWNER


def _answers(*responses: httpx.Response) -> httpx.MockTransport:
    queue = list(responses)
    return httpx.MockTransport(lambda request: queue.pop(0))


def test_each_retry_reports_method_path_reason_attempt_and_budget() -> None:
    said: list[str] = []
    clock = iter(float(t) for t in range(0, 100, 2))
    transport = _answers(
        httpx.Response(503, json={"kind": "ServiceUnavailable", "description": "busy"}),
        httpx.Response(
            429, json={"kind": "TooManyRequests", "description": "slow"}, headers={"Retry-After": "3"}
        ),
        httpx.Response(200, json={"agents": []}),
    )
    with Client(
        base_url="https://api.test", api_key="u:p", retry_timeout=300, transport=transport,
        sleep=lambda s: None, clock=lambda: next(clock), on_retry=said.append,
    ) as client:  # fmt: skip
        assert client.request("GET", "/agents/me") == {"agents": []}
    assert len(said) == 2
    assert said[0].startswith("retrying GET /agents/me: HTTP 503, attempt 2, ") and said[0].endswith(
        " s of 300 s"
    )
    assert said[1].startswith("throttled (429), retrying GET /agents/me: HTTP 429, attempt 3, ")


def test_a_finished_resource_line_is_cleared_only_when_it_showed_something() -> None:
    shown: list[tuple[str, str]] = []
    session = Session(ProviderSettings(owner=OWNER), progress=lambda urn, text: shown.append((urn, text)))
    session.finished("urn:a")
    assert shown == []
    session.report("urn:a", "waiting for the agent (3s)")
    session.finished("urn:a")
    session.finished("urn:a")
    assert shown == [("urn:a", "waiting for the agent (3s)"), ("urn:a", "")]
