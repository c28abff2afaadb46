"""Chats: creation in a chat mode, grounded replies with conversation memory, history and deletion.

Chat modes (decided in ``docs/api-decisions.md``): the server imposes ``TextOnly`` or ``Maintenance``
(emulator config ``forced_chat_mode``), ``X-Playground-Chat: true`` makes a ``Playground`` chat,
anything else is ``Functional``. ``Maintenance`` answers no text; ``TextOnly`` ignores stream ids;
``Functional`` and ``Playground`` check the stream or session a message names.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from .. import ids
from ..auth import Principal, require_agent_scope
from ..db import Database
from ..errors import BadRequestError, NotFoundError
from ..models import ChatMessageRequest
from ..rag import answers, index
from ..retrieval import build_query
from . import agents
from .agent_rows import load_agent
from .streams import check_stream_ref

DEFAULT_MODE = "Functional"
MAX_MESSAGE_CHARS = 2000


def chat_mode(
    *, forced: str | None, playground: bool, requested: str | None = None, stored: str = DEFAULT_MODE
) -> str:
    """The mode a chat or message runs in: the server's imposition wins, then the playground header,
    then what the message asks for, then the chat's own mode."""
    if forced:
        return forced
    if playground:
        return "Playground"
    return requested or stored


def insert_chat(
    conn: sqlite3.Connection,
    *,
    account: str,
    agent_id: str,
    persist: bool,
    mode: str = DEFAULT_MODE,
    chat_id: str | None = None,
    now: float,
) -> str:
    """Create a chat inside the caller's transaction (also used by sessions, which name their chat)."""
    chat_id = chat_id or ids.new_id("cht", 16)
    ts = now
    conn.execute(
        "INSERT INTO chats (id, agent_id, account, persist, created_ts, modified_ts, chat_mode) "
        "VALUES (?,?,?,?,?,?,?)",
        (chat_id, agent_id, account, int(persist), ts, ts, mode),
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


def render_chat(conn: sqlite3.Connection, row: sqlite3.Row) -> dict[str, Any]:
    """The SDK's ``Chat`` shape (with its ``agent_id__…`` index fields) plus ``persist``."""
    created, modified = ids.iso(row["created_ts"]), ids.iso(row["modified_ts"])
    return {
        "id": row["id"],
        "agent_id": row["agent_id"],
        "created": created,
        "modified": modified,
        "agent_id__created_at": created,
        "agent_id__modified_at": modified,
        "owner_id": row["account"],
        "persist": bool(row["persist"]),
        "chat_mode": row["chat_mode"],
        "messages": _messages(conn, row["id"]),
    }


def load_chat(conn: sqlite3.Connection, account: str, agent_id: str, chat_id: str) -> sqlite3.Row:
    load_agent(conn, account, agent_id)
    return _chat_row(conn, account, agent_id, chat_id)


def _chat_row(conn: sqlite3.Connection, account: str, agent_id: str, chat_id: str) -> sqlite3.Row:
    """The chat, once its agent has been loaded (``load_chat`` without the agent lookup)."""
    row = conn.execute(
        "SELECT * FROM chats WHERE id = ? AND agent_id = ? AND account = ?", (chat_id, agent_id, account)
    ).fetchone()
    if row is None:
        raise NotFoundError("Chat not found")
    return row  # type: ignore[no-any-return]


async def create_chat(
    db: Database, *, principal: Principal, agent_id: str, persist: bool, mode: str
) -> dict[str, Any]:
    require_agent_scope(principal, agent_id)

    def create(conn: sqlite3.Connection) -> dict[str, Any]:
        now = db.clock.now()
        agents.require_ready(load_agent(conn, principal.account, agent_id), now)
        chat_id = insert_chat(
            conn, account=principal.account, agent_id=agent_id, persist=persist, mode=mode, now=now
        )
        return render_chat(conn, load_chat(conn, principal.account, agent_id, chat_id))

    return await db.write_async(create)


def get_chat(db: Database, *, principal: Principal, agent_id: str, chat_id: str) -> dict[str, Any]:
    require_agent_scope(principal, agent_id)
    with db.read() as conn:
        return render_chat(conn, load_chat(conn, principal.account, agent_id, chat_id))


async def send_message(
    db: Database,
    *,
    principal: Principal,
    agent_id: str,
    chat_id: str,
    body: ChatMessageRequest,
    playground: bool,
    forced_mode: str | None,
) -> dict[str, Any]:
    """Answer the last user message from the agent's knowledge base and store both turns.

    Reading and answering run on the event loop; the two turns are stored in a group commit
    (with the other writes queued meanwhile) that is on disk before this returns.
    """
    require_agent_scope(principal, agent_id)
    account = principal.account
    with db.read() as conn:
        agent_row = load_agent(conn, account, agent_id)
        chat = _chat_row(conn, account, agent_id, chat_id)
        mode = chat_mode(
            forced=forced_mode, playground=playground, requested=body.chatMode, stored=chat["chat_mode"]
        )
        if mode == "Maintenance":  # the agent is down: no answer, nothing stored
            return {"matches": [], "documentIds": [], "chatMode": mode}
        if mode != "TextOnly" and (body.streamId or body.sessionId):
            check_stream_ref(
                conn, account=account, agent_id=agent_id, stream_id=body.streamId, session_id=body.sessionId
            )
        stored = conn.execute(
            "SELECT content FROM messages WHERE chat_id = ? AND role = 'user' ORDER BY seq DESC LIMIT 1",
            (chat_id,),
        ).fetchone()
        # Stored fields, secrets included (for the responder; never sent to clients).
        agent: dict[str, Any] = json.loads(agent_row["data"])
        knowledge_id = (agent.get("knowledge") or {}).get("id")
        chunks = index.searchable(db, conn, account, knowledge_id) if knowledge_id else None
    user_turns = [m for m in body.messages if m.role == "user"]
    if not user_turns:
        raise BadRequestError("messages: must contain at least one user message")
    current = user_turns[-1]
    if not current.content.strip() or len(current.content) > MAX_MESSAGE_CHARS:
        raise BadRequestError(f"messages.content: must be 1 to {MAX_MESSAGE_CHARS} characters")
    previous = stored["content"] if stored else (user_turns[-2].content if len(user_turns) > 1 else None)
    query = build_query(current.content, previous)
    matches = answers.top_matches(chunks, query) if chunks is not None else []
    reply = answers.answer_from_matches(matches, query, agent.get("llm"))
    context = "\n\n".join(m["data"] for m in matches)
    ts = db.clock.now()
    # The SDK's message id, parts and other annotations are kept with the stored turn.
    user_extra = current.model_dump(exclude={"role", "content", "created_at"}, exclude_none=True)
    assistant_extra = {
        "id": ids.new_id("msg", 16),
        "documentIds": reply["documentIds"],
        "matches": [m["id"] for m in reply["matches"]],
        "context": context,
    }
    turns = [
        (
            chat_id,
            account,
            "user",
            current.content,
            current.created_at or ids.iso(ts),
            json.dumps(user_extra),
        ),
        (chat_id, account, "assistant", reply["result"], ids.iso(ts), json.dumps(assistant_extra)),
    ]

    def record(conn: sqlite3.Connection) -> None:
        load_chat(conn, account, agent_id, chat_id)  # may have been deleted meanwhile
        conn.executemany(
            "INSERT INTO messages (chat_id, account, role, content, created_at, data) VALUES (?,?,?,?,?,?)",
            turns,
        )
        conn.execute("UPDATE chats SET modified_ts = ? WHERE id = ?", (ts, chat_id))

    await db.write_async(record)
    return {**reply, "chatMode": mode, "context": context}


def delete_chats(db: Database, *, account: str, agent_id: str) -> dict[str, Any]:
    """``DELETE /agents/{id}/chats``: every chat of the agent with its messages, ratings and feedback."""
    with db.tx() as conn:
        load_agent(conn, account, agent_id)
        agents.delete_chat_rows(conn, account, agent_id)
    return {}
