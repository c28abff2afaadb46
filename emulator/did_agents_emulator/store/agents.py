"""Agents: validation rules beyond the schema, storage, lazy status and the response shape."""

from __future__ import annotations

import base64
import copy
import json
import sqlite3
from typing import Any

from .. import ids
from ..auth import Principal
from ..db import Database
from ..errors import BadRequestError
from ..models import AgentCreate, AgentUpdate
from . import client_keys
from .agent_rows import load_agent

SECRET_LLM_FIELDS = ("key", "client_secret")
KNOWLEDGE_OUT = {
    "provider": "pinecone",
    "embedder": {"provider": "open-ai", "model": "text-embedding-3-large"},
}
SORT_COLUMNS = {
    "created_at": "created_ts",
    "modified_at": "modified_ts",
    "created_by": "seq",
    "chats": "seq",
    "score": "seq",
}


def check_presenter(presenter: dict[str, Any]) -> None:
    """Talk needs ``source_url``; clip and expressive need ``presenter_id``."""
    kind = presenter.get("type")
    if kind is None:
        raise BadRequestError("presenter.type: Field required")
    if kind == "talk" and not presenter.get("source_url"):
        raise BadRequestError("presenter.source_url: required for talk presenters")
    if kind in ("clip", "expressive") and not presenter.get("presenter_id"):
        raise BadRequestError(f"presenter.presenter_id: required for {kind} presenters")


def _check_knowledge(conn: sqlite3.Connection, account: str, data: dict[str, Any]) -> None:
    ref = data.get("knowledge")
    if ref is None:
        return
    row = conn.execute(
        "SELECT 1 FROM knowledge WHERE id = ? AND account = ?", (ref["id"], account)
    ).fetchone()
    if row is None:
        raise BadRequestError("knowledge.id: Knowledge not found")


def _render(row: sqlite3.Row, client_key: str | None) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(row["data"])
    status = "done" if ids.now() >= row["ready_at"] else "created"
    out: dict[str, Any] = {"id": row["id"]}
    for name in ("preview_name", "preview_description", "presenter", "triggers"):
        if data.get(name) is not None:
            out[name] = data[name]
    llm = data.get("llm")
    if llm is not None:
        llm = copy.deepcopy(llm)
        custom = llm.get("custom")
        if isinstance(custom, dict):
            for secret in SECRET_LLM_FIELDS:
                custom.pop(secret, None)
        out["llm"] = llm
    if data.get("knowledge") is not None:
        out["knowledge"] = {"id": data["knowledge"]["id"], **copy.deepcopy(KNOWLEDGE_OUT)}
    out["starter_message"] = data.get("starter_message") or []
    out["greetings"] = data.get("greetings") or []
    out["embed"] = bool(data.get("embed", False))
    out.update(
        provider="d-id-agents",
        status=status,
        created=ids.iso(row["created_ts"]),
        modified=ids.iso(row["modified_ts"]),
        owner_id=row["account"],
        created_by=ids.created_by(row["account"]),
        access="unlisted",
        metadata={"plan": "emulator"},
    )
    if client_key is not None:
        out["client_key"] = client_key
    return out


def render_row(conn: sqlite3.Connection, row: sqlite3.Row) -> dict[str, Any]:
    return _render(row, client_keys.first_agent_key(conn, row["id"]))


def create_agent(
    db: Database, *, principal: Principal, body: AgentCreate, ready_delay: float
) -> dict[str, Any]:
    data = body.model_dump(exclude_none=True)
    check_presenter(data["presenter"])
    ts = ids.now()
    agent_id = ids.new_id("agt")
    with db.tx() as conn:
        _check_knowledge(conn, principal.account, data)
        conn.execute(
            "INSERT INTO agents (id, account, data, created_ts, modified_ts, ready_at) VALUES (?,?,?,?,?,?)",
            (agent_id, principal.account, json.dumps(data), ts, ts, ts + ready_delay),
        )
        client_keys.insert_agent_key(
            conn, account=principal.account, agent_id=agent_id, allowed_domains=["*"], name="default"
        )
        return render_row(conn, load_agent(conn, principal.account, agent_id))


def get_agent(db: Database, *, account: str, agent_id: str) -> dict[str, Any]:
    with db.read() as conn:
        return render_row(conn, load_agent(conn, account, agent_id))


def get_agent_data(db: Database, *, account: str, agent_id: str) -> dict[str, Any]:
    """Stored agent fields, secrets included (for the responder; never sent to clients)."""
    with db.read() as conn:
        data: dict[str, Any] = json.loads(load_agent(conn, account, agent_id)["data"])
        return data


def list_agents(db: Database, *, account: str) -> list[dict[str, Any]]:
    with db.read() as conn:
        rows = conn.execute("SELECT * FROM agents WHERE account = ? ORDER BY seq", (account,)).fetchall()
        return [render_row(conn, r) for r in rows]


def _decode_token(token: str) -> int:
    try:
        offset = int(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode().removeprefix("o:"))
    except (ValueError, UnicodeDecodeError):
        raise BadRequestError("token: invalid pagination token") from None
    if offset < 0:
        raise BadRequestError("token: invalid pagination token")
    return offset


def list_my_agents(
    db: Database, *, account: str, limit: int, token: str | None, sort_by: str, order: str
) -> dict[str, Any]:
    """Cursor pagination; the token is an opaque encoded offset."""
    column = SORT_COLUMNS.get(sort_by)
    if column is None:
        raise BadRequestError(f"sort_by: must be one of {', '.join(sorted(SORT_COLUMNS))}")
    if order not in ("ascending", "descending"):
        raise BadRequestError("order: must be 'ascending' or 'descending'")
    if limit < 1 or limit > 100:
        raise BadRequestError("limit: must be between 1 and 100")
    offset = _decode_token(token) if token else 0
    direction = "ASC" if order == "ascending" else "DESC"
    with db.read() as conn:
        rows = conn.execute(
            f"SELECT * FROM agents WHERE account = ? ORDER BY {column} {direction}, seq {direction} "  # noqa: S608
            "LIMIT ? OFFSET ?",
            (account, limit + 1, offset),
        ).fetchall()
        agents = [render_row(conn, r) for r in rows[:limit]]
    out: dict[str, Any] = {"agents": agents}
    if len(rows) > limit:
        out["token"] = base64.urlsafe_b64encode(f"o:{offset + limit}".encode()).decode().rstrip("=")
    return out


def update_agent(db: Database, *, account: str, agent_id: str, body: AgentUpdate) -> dict[str, Any]:
    """Each supplied top-level key replaces the stored value whole (no deep merge)."""
    patch = body.model_dump(exclude_unset=True)
    with db.tx() as conn:
        row = load_agent(conn, account, agent_id)
        data: dict[str, Any] = json.loads(row["data"])
        for name, value in patch.items():
            if value is None:
                data.pop(name, None)
            else:
                data[name] = (
                    {k: v for k, v in value.items() if v is not None} if isinstance(value, dict) else value
                )
        if "presenter" not in data:
            raise BadRequestError("presenter: Field required")
        check_presenter(data["presenter"])
        _check_knowledge(conn, account, data)
        conn.execute(
            "UPDATE agents SET data = ?, modified_ts = ? WHERE id = ?",
            (json.dumps(data), ids.after(row["modified_ts"]), agent_id),
        )
        return render_row(conn, load_agent(conn, account, agent_id))


def delete_agent(db: Database, *, account: str, agent_id: str) -> dict[str, Any]:
    """Delete the agent with its chats, messages, sessions and client keys; answer the deleted body."""
    with db.tx() as conn:
        body = render_row(conn, load_agent(conn, account, agent_id))
        conn.execute(
            "DELETE FROM messages WHERE chat_id IN (SELECT id FROM chats WHERE agent_id = ?)", (agent_id,)
        )
        for table in ("chats", "sessions", "client_keys"):
            conn.execute(f"DELETE FROM {table} WHERE agent_id = ?", (agent_id,))  # noqa: S608
        conn.execute("DELETE FROM agents WHERE id = ?", (agent_id,))
        return body
