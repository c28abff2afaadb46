"""What a caller sees of an agent: the full management body, the client-key view and the runtime view.

Secrets (``llm.custom.key``/``client_secret``) and ``user_data`` are stored but never answered: the
response model (``responses.Agent``) leaves them out. A client-key caller (a browser) sees no ``llm``
or ``triggers`` at all.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from .. import ids

KNOWLEDGE_PROVIDER = "pinecone"
KNOWLEDGE_EMBEDDER = {"provider": "open-ai", "model": "text-embedding-3-large"}
# What a browser holding a client key must not learn about an agent.
SERVER_SIDE_FIELDS = ("llm", "triggers")


def agent_status(row: sqlite3.Row, now: float) -> str:
    """``created`` until the ready delay has passed, then ``done``."""
    return "done" if now >= row["ready_at"] else "created"


def _knowledge_out(knowledge_id: str) -> dict[str, Any]:
    return {
        "id": knowledge_id,
        "provider": KNOWLEDGE_PROVIDER,
        "embedder": dict(KNOWLEDGE_EMBEDDER),
    }


def render_agent(row: sqlite3.Row, now: float, *, client_key: bool = False) -> dict[str, Any]:
    """``AgentResponseDto`` plus the fields the docs' examples show (status, created, owner_id…): the
    stored body (no ``None`` values are stored) with what the API adds."""
    data: dict[str, Any] = json.loads(row["data"])
    out: dict[str, Any] = {"id": row["id"], **data}
    if data.get("knowledge") is not None:
        out["knowledge"] = _knowledge_out(data["knowledge"]["id"])
    out["starter_message"] = data.get("starter_message") or []
    out["greetings"] = data.get("greetings") or []
    out["embed"] = bool(data.get("embed", False))
    out.update(
        provider="d-id-agents",
        status=agent_status(row, now),
        created=ids.iso(row["created_ts"]),
        modified=ids.iso(row["modified_ts"]),
        owner_id=row["account"],
        created_by=ids.created_by(row["account"]),
        access="unlisted",
        metadata={"plan": "emulator"},
    )
    if client_key:
        for name in SERVER_SIDE_FIELDS:
            out.pop(name, None)
    return out


def render_runtime(row: sqlite3.Row) -> dict[str, Any]:
    """``GET /agents/{id}/runtime``: the trimmed agent the SDK's widget reads.

    SDK 2.0.10 reads ``avatar.type``, ``avatar.voice.language``, ``name``, ``owner_id``,
    ``starter_message``, ``knowledge.id`` and ``advanced_settings.ui_debug_mode``. No llm, tools
    or triggers, whoever asks.
    """
    data: dict[str, Any] = json.loads(row["data"])
    presenter: dict[str, Any] = data["presenter"]
    avatar: dict[str, Any] = {"type": presenter["type"]}
    if presenter.get("voice") is not None:
        avatar["voice"] = presenter["voice"]  # just parsed from the row: nothing shared to copy
    out: dict[str, Any] = {
        "id": row["id"],
        "owner_id": row["account"],
        "avatar": avatar,
        "greetings": data.get("greetings") or [],
        "starter_message": data.get("starter_message") or [],
        "triggers_available": bool(data.get("triggers")),
        "advanced_settings": {},
    }
    if data.get("preview_name") is not None:
        out["name"] = data["preview_name"]
    for name in ("thumbnail", "idle_video"):
        if presenter.get(name) is not None:
            out[name] = presenter[name]
    if data.get("knowledge") is not None:
        out["knowledge"] = {"id": data["knowledge"]["id"]}
    return out
