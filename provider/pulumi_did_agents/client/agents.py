"""``client.agents``: CRUD for ``/agents`` and a readiness waiter."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ._base import Namespace, dump_body, segment
from ._waiters import DEFAULT_WAIT_TIMEOUT, Progress, wait_until
from .models import Agent, AgentCreate, AgentUpdate

__all__ = ["AGENT_FAILED", "AGENT_READY", "Agents"]

AGENT_READY = frozenset({"done", "ready"})
AGENT_FAILED = frozenset({"error", "rejected"})


class Agents(Namespace):
    def create(self, body: AgentCreate | Mapping[str, Any]) -> Agent:
        """``POST /agents``; the agent starts as ``created`` (see :meth:`wait_until_ready`)."""
        data = self._client.request("POST", "/agents", json=dump_body(AgentCreate, body))
        return Agent.model_validate(data)

    def get(self, agent_id: str) -> Agent:
        return Agent.model_validate(self._client.request("GET", f"/agents/{segment(agent_id)}"))

    def update(self, agent_id: str, body: AgentUpdate | Mapping[str, Any]) -> Agent:
        """``PATCH /agents/{id}``: each supplied top-level key replaces the stored value whole."""
        payload = dump_body(AgentUpdate, body, partial=True)
        data = self._client.request("PATCH", f"/agents/{segment(agent_id)}", json=payload)
        return Agent.model_validate(data)

    def delete(self, agent_id: str) -> None:
        self._client.request("DELETE", f"/agents/{segment(agent_id)}")

    def list(self, *, page_size: int = 100) -> list[Agent]:
        """Every agent of the account, following ``GET /agents/me``'s cursor pages."""
        agents: list[Agent] = []
        token: str | None = None
        while True:
            params: dict[str, str | int] = {"limit": page_size}
            if token:
                params["token"] = token
            data = self._client.request("GET", "/agents/me", params=params) or {}
            agents += [Agent.model_validate(item) for item in data.get("agents", [])]
            token = data.get("token")
            if not token:
                return agents

    def wait_until_ready(
        self, agent_id: str, *, timeout: float = DEFAULT_WAIT_TIMEOUT, progress: Progress | None = None
    ) -> Agent:
        """Poll until ``done``/``ready``; raise ``ResourceFailedError`` on ``error``/``rejected``."""
        return wait_until(
            lambda: self.get(agent_id),
            what="agent",
            resource_id=agent_id,
            status_of=lambda agent: agent.status,
            error_of=lambda agent: agent.error,
            ready=AGENT_READY,
            failed=AGENT_FAILED,
            timeout=timeout,
            sleep=self._client.sleep,
            clock=self._client.clock,
            progress=progress,
        )
