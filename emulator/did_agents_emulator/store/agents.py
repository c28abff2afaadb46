"""Agents: validation rules beyond the schema, storage and readiness (views are in ``agent_views``)."""

from __future__ import annotations

import base64
import json
import sqlite3
from typing import Any

from .. import ids
from ..auth import Principal
from ..db import Database
from ..errors import BadRequestError, NotReadyError
from ..models import AgentCreate, AgentUpdate
from .agent_rows import load_agent
from .agent_views import agent_status, render_agent, render_runtime

SORT_COLUMNS = {
    "created_at": "created_ts",
    "modified_at": "modified_ts",
    "created_by": "seq",
    "chats": "seq",
    "score": "seq",
}
# Docs contract: the model enum of each provider's ``*LLMCreateDto`` (custom/external name no model).
LLM_MODELS = {
    "openai": (
        "gpt-4o-global",
        "gpt-4o-mini",
        "gpt-4.1",
        "gpt-4.1-mini",
        "gpt-4.1-nano",
        "gpt-5-mini",
        "gpt-5-nano",
    ),
    "d-id": ("gpt-oss-120b",),
    "google": ("gemini-2.5-flash", "gemini-2.5-flash-lite", "gemini-3-flash"),
}
EXPRESSIVE_ONLY_PROVIDERS = ("d-id", "google")
CUSTOM_REQUIRED = {"basic": ("url", "key"), "oauth2": ("url", "client_id", "client_secret", "token_url")}


def check_presenter(presenter: dict[str, Any]) -> None:
    """Talk needs ``source_url`` and ``thumbnail`` (docs ``TalkAgentPresenter``); clip and expressive
    need ``presenter_id``."""
    kind = presenter.get("type")
    if kind is None:
        raise BadRequestError("presenter.type: Field required")
    if kind == "talk":
        for name in ("source_url", "thumbnail"):
            if not presenter.get(name):
                raise BadRequestError(f"presenter.{name}: required for talk presenters")
    if kind in ("clip", "expressive") and not presenter.get("presenter_id"):
        raise BadRequestError(f"presenter.presenter_id: required for {kind} presenters")


def check_llm(llm: dict[str, Any], presenter_type: str) -> None:
    """Per-provider rules of ``LLMConfigCreateDto``: the model enum, the custom auth shape, and
    "D-ID and Google providers are only supported with Expressive Avatar presenters"."""
    provider = llm.get("provider")
    model = llm.get("model")
    if provider in LLM_MODELS and model is not None and model not in LLM_MODELS[provider]:
        raise BadRequestError(f"llm.model: must be one of {', '.join(LLM_MODELS[provider])} for {provider}")
    if provider in EXPRESSIVE_ONLY_PROVIDERS and presenter_type != "expressive":
        raise BadRequestError(f"llm.provider: {provider} is only supported with expressive presenters")
    if provider == "custom":
        custom = llm.get("custom")
        if not isinstance(custom, dict):
            raise BadRequestError("llm.custom: required for the custom provider")
        required = CUSTOM_REQUIRED.get(custom.get("type", ""))
        if required is None:
            raise BadRequestError("llm.custom.type: must be 'basic' or 'oauth2'")
        for name in required:
            if not isinstance(custom.get(name), str) or not custom[name]:
                raise BadRequestError(f"llm.custom.{name}: required for {custom['type']} custom LLMs")


def check_agent(data: dict[str, Any]) -> None:
    """Cross-field rules of a complete agent body (after create, or after a PATCH is applied)."""
    check_presenter(data["presenter"])
    if data.get("llm") is not None:
        check_llm(data["llm"], data["presenter"]["type"])


def _check_knowledge(conn: sqlite3.Connection, account: str, data: dict[str, Any]) -> None:
    ref = data.get("knowledge")
    if ref is None:
        return
    row = conn.execute(
        "SELECT 1 FROM knowledge WHERE id = ? AND account = ?", (ref["id"], account)
    ).fetchone()
    if row is None:
        raise BadRequestError("knowledge.id: Knowledge not found")


def require_ready(row: sqlite3.Row, now: float) -> None:
    """Agents are created asynchronously: chats, streams and sessions wait for ``done``."""
    status = agent_status(row, now)
    if status != "done":
        raise NotReadyError(f"agent is not ready (status {status}); poll GET /agents/{{id}} until it is done")


async def create_agent(
    db: Database, *, principal: Principal, body: AgentCreate, ready_delay: float
) -> dict[str, Any]:
    """Stored in a group commit (with the other writes queued meanwhile), on disk before it returns."""
    data = body.model_dump(exclude_none=True, by_alias=True)
    check_agent(data)
    ts = db.clock.now()
    agent_id = ids.new_id("agt")

    def insert(conn: sqlite3.Connection) -> dict[str, Any]:
        _check_knowledge(conn, principal.account, data)
        conn.execute(
            "INSERT INTO agents (id, account, data, created_ts, modified_ts, ready_at) VALUES (?,?,?,?,?,?)",
            (agent_id, principal.account, json.dumps(data), ts, ts, ts + ready_delay),
        )
        return render_agent(load_agent(conn, principal.account, agent_id), ts)

    return await db.write_async(insert)


def get_agent(db: Database, *, principal: Principal, agent_id: str) -> dict[str, Any]:
    """The agent; a client key sees it without its server-side fields."""
    with db.read() as conn:
        row = load_agent(conn, principal.account, agent_id)
        return render_agent(row, db.clock.now(), client_key=principal.is_client_key)


def get_runtime(db: Database, *, account: str, agent_id: str) -> dict[str, Any]:
    with db.read() as conn:
        return render_runtime(load_agent(conn, account, agent_id))


def list_agents(db: Database, *, account: str) -> list[dict[str, Any]]:
    with db.read() as conn:
        rows = conn.execute("SELECT * FROM agents WHERE account = ? ORDER BY seq", (account,)).fetchall()
        now = db.clock.now()
        return [render_agent(r, now) for r in rows]


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
        now = db.clock.now()
        agents = [render_agent(r, now) for r in rows[:limit]]
    out: dict[str, Any] = {"agents": agents}
    if len(rows) > limit:
        out["token"] = base64.urlsafe_b64encode(f"o:{offset + limit}".encode()).decode().rstrip("=")
    return out


def update_agent(db: Database, *, account: str, agent_id: str, body: AgentUpdate) -> dict[str, Any]:
    """Each supplied top-level key replaces the stored value whole (no deep merge)."""
    patch = body.model_dump(exclude_unset=True, by_alias=True)
    now = db.clock.now()
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
        check_agent(data)
        _check_knowledge(conn, account, data)
        conn.execute(
            "UPDATE agents SET data = ?, modified_ts = ? WHERE id = ?",
            (json.dumps(data), ids.after(row["modified_ts"], now), agent_id),
        )
        return render_agent(load_agent(conn, account, agent_id), now)


def delete_chat_rows(conn: sqlite3.Connection, account: str, agent_id: str) -> None:
    """The agent's chats with their messages, ratings and feedback (``delete_agent`` and
    ``DELETE /agents/{id}/chats``); every such row was written under the agent's account."""
    conn.execute(
        "DELETE FROM messages WHERE chat_id IN (SELECT id FROM chats WHERE agent_id = ? AND account = ?)",
        (agent_id, account),
    )
    for table in ("ratings", "feedback", "chats"):
        conn.execute(f"DELETE FROM {table} WHERE agent_id = ? AND account = ?", (agent_id, account))  # noqa: S608


def delete_agent(db: Database, *, account: str, agent_id: str) -> dict[str, Any]:
    """Delete the agent with its chats (messages, ratings, feedback), streams, sessions and client keys;
    answer the deleted body."""
    with db.tx() as conn:
        body = render_agent(load_agent(conn, account, agent_id), db.clock.now())
        delete_chat_rows(conn, account, agent_id)
        for table in ("streams", "sessions", "client_keys"):
            conn.execute(f"DELETE FROM {table} WHERE agent_id = ?", (agent_id,))  # noqa: S608
        conn.execute("DELETE FROM agents WHERE id = ?", (agent_id,))
        return body


def stt_token(db: Database, *, account: str, agent_id: str) -> dict[str, Any]:
    """``{token, region}`` for the browser's speech-to-text. The emulator runs no speech service, so the
    token opens nothing; the region ``emulator`` says so."""
    with db.read() as conn:
        load_agent(conn, account, agent_id)
    return {"token": ids.token(48), "region": "emulator"}
