"""Streaming sessions (V2/LiveKit shape). No media flows; the emulator records the session and its chat."""

from __future__ import annotations

import json
from typing import Any

from .. import ids
from ..auth import Principal, require_agent_scope
from ..db import Database
from ..errors import NotFoundError
from ..models import SessionCreate
from .agent_rows import load_agent
from .chats import insert_chat


def create_session(
    db: Database, *, principal: Principal, agent_id: str, body: SessionCreate, ws_base: str
) -> dict[str, Any]:
    """A session owns a chat; ``chat_persist`` is honoured as that chat's ``persist`` flag."""
    require_agent_scope(principal, agent_id)
    session_id = ids.new_id("sess", 20)
    ts = ids.now()
    data = {
        "id": session_id,
        "session_url": f"{ws_base.rstrip('/')}/_emulator/livekit/{session_id}",
        "session_token": ids.token(40),
        "interrupt_enabled": True,
        "agent_id": agent_id,
        "chat_persist": body.chat_persist,
        "transport": body.transport or {"provider": "livekit"},
        "created": ids.iso(ts),
        "status": "active",
    }
    with db.tx() as conn:
        load_agent(conn, principal.account, agent_id)
        data["chat_id"] = insert_chat(
            conn, account=principal.account, agent_id=agent_id, persist=body.chat_persist
        )
        conn.execute(
            "INSERT INTO sessions (id, agent_id, account, data, created_ts) VALUES (?,?,?,?,?)",
            (session_id, agent_id, principal.account, json.dumps(data), ts),
        )
    return data


def list_sessions(db: Database, *, account: str, agent_id: str) -> list[dict[str, Any]]:
    with db.read() as conn:
        load_agent(conn, account, agent_id)
        rows = conn.execute(
            "SELECT data FROM sessions WHERE agent_id = ? AND account = ? ORDER BY seq", (agent_id, account)
        ).fetchall()
    return [json.loads(r["data"]) for r in rows]


def get_session(db: Database, *, account: str, agent_id: str, session_id: str) -> dict[str, Any]:
    with db.read() as conn:
        load_agent(conn, account, agent_id)
        row = conn.execute(
            "SELECT data FROM sessions WHERE id = ? AND agent_id = ? AND account = ?",
            (session_id, agent_id, account),
        ).fetchone()
    if row is None:
        raise NotFoundError("Session not found")
    data: dict[str, Any] = json.loads(row["data"])
    return data
