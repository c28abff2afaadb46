"""A scripted ``httpx.MockTransport`` for client unit tests: queued answers, recorded requests."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from pulumi_did_agents.client import Client

API_KEY = "alice:s3cret-value-42"
BASE_URL = "https://api.test"

Answer = httpx.Response | Exception | Callable[[httpx.Request], httpx.Response]


@dataclass
class MockAPI:
    """Answers queued in order; ``sleep`` advances a fake clock, so retry budgets cost no time."""

    answers: list[Answer] = field(default_factory=list)
    requests: list[httpx.Request] = field(default_factory=list)
    sleeps: list[float] = field(default_factory=list)

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)

    def clock(self) -> float:
        return sum(self.sleeps)

    def queue(self, *answers: Answer) -> MockAPI:
        self.answers.extend(answers)
        return self

    def handler(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if not self.answers:
            raise AssertionError(f"unexpected request {request.method} {request.url}")
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        if isinstance(answer, httpx.Response):
            return answer
        return answer(request)

    def client(self, **kwargs: Any) -> Client:
        options: dict[str, Any] = {
            "base_url": BASE_URL,
            "api_key": API_KEY,
            "transport": httpx.MockTransport(self.handler),
            "sleep": self.sleep,
            "clock": self.clock,
        }
        options.update(kwargs)
        return Client(**options)

    def body(self, index: int = -1) -> Any:
        return json.loads(self.requests[index].content)


def error(status: int, kind: str, description: str, **headers: str) -> httpx.Response:
    return httpx.Response(status, json={"kind": kind, "description": description}, headers=headers)


def agent_json(agent_id: str = "agt_abc12345", status: str = "done", **extra: Any) -> dict[str, Any]:
    return {
        "id": agent_id,
        "preview_name": "Ada",
        "presenter": {"type": "talk", "source_url": "https://x/a.png"},
        "status": status,
        **extra,
    }
