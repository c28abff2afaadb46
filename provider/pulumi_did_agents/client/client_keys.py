"""``client.client_keys``: keys browsers use to talk to one agent (``/agents/{id}/client-keys``).

A key is a credential: it travels in a path segment for PATCH and DELETE, so those calls redact it
from errors and logs.
"""

from __future__ import annotations

from collections.abc import Sequence

from ._base import Namespace, segment
from .models import ClientKey

__all__ = ["ClientKeys"]


class ClientKeys(Namespace):
    def _path(self, agent_id: str) -> str:
        return f"/agents/{segment(agent_id)}/client-keys"

    def create(self, agent_id: str, *, allowed_domains: Sequence[str], name: str | None = None) -> ClientKey:
        body: dict[str, object] = {"allowed_domains": list(allowed_domains)}
        if name is not None:
            body["name"] = name
        data = self._client.request("POST", self._path(agent_id), json=body)
        return ClientKey.model_validate(data)

    def list(self, agent_id: str) -> list[ClientKey]:
        data = self._client.request("GET", self._path(agent_id)) or []
        return [ClientKey.model_validate(item) for item in data]

    def update(self, agent_id: str, client_key: str, *, allowed_domains: Sequence[str]) -> None:
        """``PATCH …/client-keys/{key}``: only ``allowed_domains`` can change (204)."""
        path = f"{self._path(agent_id)}/{segment(client_key)}"
        self._client.request(
            "PATCH", path, json={"allowed_domains": list(allowed_domains)}, redact=client_key
        )

    def delete(self, agent_id: str, client_key: str) -> None:
        path = f"{self._path(agent_id)}/{segment(client_key)}"
        self._client.request("DELETE", path, redact=client_key)
