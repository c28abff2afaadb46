"""Streaming sessions V2 (expressive agents, LiveKit shape). No media flows and no LiveKit server runs:
the emulator records the session and the chat it owns.

The SDK names that chat ``cht_{sessionId}`` on its own, so the emulator gives it exactly that id and
ratings and feedback sent for it find it.
"""

from __future__ import annotations

import json
from typing import Any

from .. import ids
from ..auth import Principal, require_agent_scope
from ..db import Database
from ..errors import NotFoundError, RefusedError
from ..models import SessionCreate
from .agent_rows import load_agent
from .agents import require_ready
from .chats import insert_chat

TRANSPORTS = ("livekit",)


def create_session(
    db: Database, *, principal: Principal, agent_id: str, body: SessionCreate, ws_base: str
) -> dict[str, Any]:
    """A session owns a chat; ``chat_persist`` is honoured as that chat's ``persist`` flag."""
    require_agent_scope(principal, agent_id)
    transport = body.transport or {"provider": "livekit"}
    if transport.get("provider") not in TRANSPORTS:
        raise RefusedError("Invalid request parameters: transport.provider must be 'livekit'")
    session_id = ids.new_id("sess", 20)
    chat_id = f"cht_{session_id}"
    ts = db.clock.now()
    data: dict[str, Any] = {
        "id": session_id,
        "session_url": f"{ws_base.rstrip('/')}/_emulator/livekit/{session_id}",
        "session_token": ids.token(40),
        "interrupt_enabled": True,
        "agent_id": agent_id,
        "chat_persist": body.chat_persist,
        "transport": transport,
        "created": ids.iso(ts),
        "status": "active",
        "chat_id": chat_id,
    }
    with db.tx() as conn:
        agent = load_agent(conn, principal.account, agent_id)
        require_ready(agent, ts)
        if json.loads(agent["data"])["presenter"]["type"] != "expressive":
            raise RefusedError(
                "Invalid request parameters: sessions are for expressive agents; talk and clip agents "
                "stream through POST /agents/{id}/streams"
            )
        insert_chat(
            conn,
            account=principal.account,
            agent_id=agent_id,
            persist=body.chat_persist,
            chat_id=chat_id,
            now=ts,
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
