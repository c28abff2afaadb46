"""Chats: creation, grounded replies with conversation memory, history and JSON exports."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from .. import ids
from ..auth import Principal, require_agent_scope
from ..db import Database
from ..errors import BadRequestError, ExportNotFoundError, NotFoundError
from ..models import ChatMessageRequest
from ..retrieval import build_query
from . import agents, knowledge
from .agent_rows import load_agent

CHAT_MODE = "Functional"


def insert_chat(conn: sqlite3.Connection, *, account: str, agent_id: str, persist: bool) -> str:
    """Create a chat inside the caller's transaction (also used by sessions)."""
    chat_id = ids.new_id("cht", 16)
    ts = ids.now()
    conn.execute(
        "INSERT INTO chats (id, agent_id, account, persist, created_ts, modified_ts) VALUES (?,?,?,?,?,?)",
        (chat_id, agent_id, account, int(persist), ts, ts),
    )
    return chat_id


def _messages(conn: sqlite3.Connection, chat_id: str) -> list[dict[str, Any]]:
    rows = conn.execute("SELECT * FROM messages WHERE chat_id = ? ORDER BY seq", (chat_id,)).fetchall()
    out = []
    for r in rows:
        message: dict[str, Any] = {"role": r["role"], "content": r["content"], "created_at": r["created_at"]}
        message.update(json.loads(r["data"]))
        out.append(message)
    return out


def _render_chat(conn: sqlite3.Connection, row: sqlite3.Row) -> dict[str, Any]:
    return {
        "id": row["id"],
        "agent_id": row["agent_id"],
        "created": ids.iso(row["created_ts"]),
        "modified": ids.iso(row["modified_ts"]),
        "owner_id": row["account"],
        "persist": bool(row["persist"]),
        "chat_mode": CHAT_MODE,
        "messages": _messages(conn, row["id"]),
    }


def _load_chat(conn: sqlite3.Connection, account: str, agent_id: str, chat_id: str) -> sqlite3.Row:
    load_agent(conn, account, agent_id)
    row = conn.execute(
        "SELECT * FROM chats WHERE id = ? AND agent_id = ? AND account = ?", (chat_id, agent_id, account)
    ).fetchone()
    if row is None:
        raise NotFoundError("Chat not found")
    return row  # type: ignore[no-any-return]


def create_chat(db: Database, *, principal: Principal, agent_id: str, persist: bool) -> dict[str, Any]:
    require_agent_scope(principal, agent_id)
    with db.tx() as conn:
        load_agent(conn, principal.account, agent_id)
        chat_id = insert_chat(conn, account=principal.account, agent_id=agent_id, persist=persist)
        return _render_chat(conn, _load_chat(conn, principal.account, agent_id, chat_id))


def get_chat(db: Database, *, principal: Principal, agent_id: str, chat_id: str) -> dict[str, Any]:
    require_agent_scope(principal, agent_id)
    with db.read() as conn:
        return _render_chat(conn, _load_chat(conn, principal.account, agent_id, chat_id))


def send_message(
    db: Database, *, principal: Principal, agent_id: str, chat_id: str, body: ChatMessageRequest
) -> dict[str, Any]:
    """Answer the last user message from the agent's knowledge base and store both turns."""
    require_agent_scope(principal, agent_id)
    account = principal.account
    user_turns = [m for m in body.messages if m.role == "user"]
    if not user_turns:
        raise BadRequestError("messages: must contain at least one user message")
    current = user_turns[-1]
    if not current.content.strip() or len(current.content) > 2000:
        raise BadRequestError("messages.content: must be 1 to 2000 characters")
    with db.read() as conn:
        _load_chat(conn, account, agent_id, chat_id)
        stored = conn.execute(
            "SELECT content FROM messages WHERE chat_id = ? AND role = 'user' ORDER BY seq DESC LIMIT 1",
            (chat_id,),
        ).fetchone()
    previous = stored["content"] if stored else (user_turns[-2].content if len(user_turns) > 1 else None)
    agent = agents.get_agent_data(db, account=account, agent_id=agent_id)
    query = build_query(current.content, previous)
    knowledge_id = (agent.get("knowledge") or {}).get("id")
    matches = (
        knowledge.search(db, account=account, knowledge_id=knowledge_id, query=query) if knowledge_id else []
    )
    reply = knowledge.answer_from_matches(matches, query, agent.get("llm"))
    ts = ids.now()
    with db.tx() as conn:
        _load_chat(conn, account, agent_id, chat_id)  # may have been deleted meanwhile
        conn.execute(
            "INSERT INTO messages (chat_id, account, role, content, created_at, data) VALUES (?,?,?,?,?,?)",
            (chat_id, account, "user", current.content, current.created_at or ids.iso(ts), "{}"),
        )
        conn.execute(
            "INSERT INTO messages (chat_id, account, role, content, created_at, data) VALUES (?,?,?,?,?,?)",
            (
                chat_id,
                account,
                "assistant",
                reply["result"],
                ids.iso(ts),
                json.dumps(
                    {"documentIds": reply["documentIds"], "matches": [m["id"] for m in reply["matches"]]}
                ),
            ),
        )
        conn.execute("UPDATE chats SET modified_ts = ? WHERE id = ?", (ts, chat_id))
    return {**reply, "chatMode": CHAT_MODE}


def create_export(db: Database, *, account: str, agent_id: str | None) -> dict[str, Any]:
    """Snapshot chats (optionally of one agent) with their messages; answer ``{export_id}``."""
    export_id = ids.new_id("exp", 16)
    ts = ids.now()
    with db.tx() as conn:
        if agent_id is not None:
            try:
                load_agent(conn, account, agent_id)
            except NotFoundError:
                raise BadRequestError("Agent not found") from None
            rows = conn.execute(
                "SELECT * FROM chats WHERE account = ? AND agent_id = ? ORDER BY seq", (account, agent_id)
            ).fetchall()
        else:
            rows = conn.execute("SELECT * FROM chats WHERE account = ? ORDER BY seq", (account,)).fetchall()
        snapshot = {
            "export_id": export_id,
            "created": ids.iso(ts),
            "owner_id": account,
            "chats": [_render_chat(conn, r) for r in rows],
        }
        conn.execute(
            "INSERT INTO exports (id, account, data, created_ts) VALUES (?,?,?,?)",
            (export_id, account, json.dumps(snapshot), ts),
        )
    return {"export_id": export_id}


def get_export(db: Database, *, account: str, export_id: str) -> dict[str, Any]:
    with db.read() as conn:
        row = conn.execute(
            "SELECT data FROM exports WHERE id = ? AND account = ?", (export_id, account)
        ).fetchone()
    if row is None:
        raise ExportNotFoundError("export not found")
    data: dict[str, Any] = json.loads(row["data"])
    return data
