"""The oracle: what the account holds, against what a stack's state owns.

Read with plain HTTP, not the provider's client, so a bug there cannot hide one here. Markers are
parsed with their own patterns for the same reason.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections import Counter
from dataclasses import dataclass
from typing import Any

import httpx

__all__ = ["Account", "Tally", "released", "tally"]

_OWNED = r"((?:[a-z0-9][a-z0-9._-]{2,62}/)?[0-9a-f]{12})"  # <owner id>/<URN digest>; older: the digest
_TEXT_MARKER = re.compile(rf"\[pulumi:{_OWNED}\]\s*$")
_URL_MARKER = re.compile(rf"pulumi={_OWNED}$")


@dataclass(frozen=True)
class Object:
    kind: str
    id: str
    marker: str | None
    container: str | None = None
    """A document's knowledge base, a client key's agent."""


@dataclass(frozen=True)
class Tally:
    objects: int
    duplicates: int
    """Objects beyond the first of one resource (same ownership marker)."""
    orphans: int
    """Objects whose id no resource in the state has (an Agent's kept releases, listed in its
    ``releases`` output, own their knowledge bases and those bases' documents)."""
    pending: int
    """Pending operations in the state."""
    missing: int
    """Resources in the state whose object the account does not have."""


class Account:
    def __init__(self, url: str, api_key: str) -> None:
        self.http = httpx.Client(base_url=url, headers={"Authorization": f"Basic {api_key}"}, timeout=30)

    def _get(self, path: str) -> list[dict[str, Any]]:
        """GET, retried through injected faults (the oracle must see through them)."""
        for _ in range(50):
            response = self.http.get(path)
            if response.status_code != 429 and response.status_code < 500:
                break
            time.sleep(0.05)
        data: list[dict[str, Any]] = response.raise_for_status().json()
        return data

    def objects(self) -> list[Object]:
        found: list[Object] = []
        for kb in self._get("/knowledge"):
            found.append(Object("KnowledgeBase", kb["id"], _marker(_TEXT_MARKER, kb.get("description"))))
            for doc in self._get(f"/knowledge/{kb['id']}/documents"):
                url = (doc.get("source_url") or "").partition("#")[2]
                found.append(Object("Document", doc["id"], _marker(_URL_MARKER, url), kb["id"]))
        for agent in self._get("/agents"):
            found.append(
                Object("Agent", agent["id"], _marker(_TEXT_MARKER, agent.get("preview_description")))
            )
            for key in self._get(f"/agents/{agent['id']}/client-keys"):
                key_id = f"{agent['id']}/{hashlib.sha256(key['client_key'].encode()).hexdigest()[:16]}"
                found.append(Object("ClientKey", key_id, _marker(_TEXT_MARKER, key.get("name")), agent["id"]))
        return found

    def agents(self) -> dict[str, str | None]:
        """Every agent's id, with the knowledge base it answers from."""
        return {a["id"]: (a.get("knowledge") or {}).get("id") for a in self._get("/agents")}

    def client_keys(self) -> list[str]:
        """Every client key's value (for the secrets-in-logs test)."""
        return [
            key["client_key"]
            for a in self._get("/agents")
            for key in self._get(f"/agents/{a['id']}/client-keys")
        ]

    def close(self) -> None:
        self.http.close()


def _marker(pattern: re.Pattern[str], text: str | None) -> str | None:
    match = pattern.search(text or "")
    return match.group(1) if match else None


def released(deployment: dict[str, Any]) -> set[str]:
    """Knowledge bases of the kept releases the state's Agents list (``releases`` output)."""
    return {
        str(entry["knowledge_id"])
        for r in deployment.get("resources") or []
        if "didagents" in str(r.get("type", ""))
        and isinstance((r.get("outputs") or {}).get("releases"), list)
        for entry in r["outputs"]["releases"]
        if isinstance(entry, dict) and entry.get("knowledge_id")
    }


def tally(objects: list[Object], deployment: dict[str, Any]) -> Tally:
    resources = {
        str(r["id"])
        for r in deployment.get("resources") or []
        if "didagents" in str(r.get("type", "")) and r.get("id")
    }
    kept = released(deployment)
    owned = resources | kept | {o.id for o in objects if o.kind == "Document" and o.container in kept}
    ids = {o.id for o in objects}
    per_marker = Counter(o.marker for o in objects if o.marker)
    return Tally(
        objects=len(objects),
        duplicates=sum(n - 1 for n in per_marker.values()),
        orphans=len(ids - owned),
        pending=len(deployment.get("pending_operations") or []),
        missing=len((resources | kept) - ids),
    )
