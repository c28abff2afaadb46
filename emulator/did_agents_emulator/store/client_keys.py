"""Client keys: one account-wide key per account, and any number (up to a limit) per agent.

Keys exist only when a client asks for one (``/agents/client-key``, ``/agents/{id}/client-keys``);
creating an agent makes none. A key is a credential: it is never logged (see ``request_log``).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from .. import ids
from ..db import Database
from ..errors import LimitError, NotFoundError
from .agent_rows import load_agent

MAX_KEYS_PER_AGENT = 10


@dataclass(frozen=True)
class KeyGrant:
    """What a client key opens: its account, its agent (``None`` for the account key), its origins."""

    account: str
    agent_id: str | None
    allowed_domains: tuple[str, ...]


def find_key(db: Database, key: str) -> KeyGrant | None:
    """The grant of a presented client key (authentication), ``None`` if no such key exists."""
    with db.read() as conn:
        row = conn.execute(
            "SELECT account, agent_id, allowed_domains FROM client_keys WHERE key = ?", (key,)
        ).fetchone()
    if row is None:
        return None
    return KeyGrant(row["account"], row["agent_id"], tuple(json.loads(row["allowed_domains"])))


def _new_key() -> str:
    return "ck_" + ids.token(32)


def _insert_agent_key(
    conn: sqlite3.Connection,
    *,
    account: str,
    agent_id: str,
    allowed_domains: list[str],
    name: str | None,
    now: float,
) -> dict[str, Any]:
    count = conn.execute("SELECT COUNT(*) FROM client_keys WHERE agent_id = ?", (agent_id,)).fetchone()[0]
    if count >= MAX_KEYS_PER_AGENT:
        raise LimitError("Maximum number of client keys per resource reached")
    key = _new_key()
    ts = now
    conn.execute(
        "INSERT INTO client_keys (key, account, agent_id, allowed_domains, name, created_ts) "
        "VALUES (?,?,?,?,?,?)",
        (key, account, agent_id, json.dumps(allowed_domains), name, ts),
    )
    return _render_agent_key(key, agent_id, allowed_domains, name, ts)


def _render_agent_key(
    key: str, agent_id: str, allowed_domains: list[str], name: str | None, ts: float
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "client_key": key,
        "allowed_domains": allowed_domains,
        "resource_id": agent_id,
        "created_at": ids.iso(ts),
    }
    if name is not None:
        out["name"] = name
    return out


def create_agent_key(
    db: Database, *, account: str, agent_id: str, allowed_domains: list[str], name: str | None
) -> dict[str, Any]:
    with db.tx() as conn:
        load_agent(conn, account, agent_id)
        return _insert_agent_key(
            conn,
            account=account,
            agent_id=agent_id,
            allowed_domains=allowed_domains,
            name=name,
            now=db.clock.now(),
        )


def list_agent_keys(db: Database, *, account: str, agent_id: str) -> list[dict[str, Any]]:
    with db.read() as conn:
        load_agent(conn, account, agent_id)
        rows = conn.execute(
            "SELECT * FROM client_keys WHERE agent_id = ? AND account = ? ORDER BY seq", (agent_id, account)
        ).fetchall()
    return [
        _render_agent_key(r["key"], agent_id, json.loads(r["allowed_domains"]), r["name"], r["created_ts"])
        for r in rows
    ]


def update_agent_key(
    db: Database,
    *,
    account: str,
    agent_id: str,
    key: str,
    allowed_domains: list[str] | None,
    name: str | None,
) -> None:
    """Change what is supplied (``UpdateResourceClientKeyDto`` has no required field)."""
    domains = json.dumps(allowed_domains) if allowed_domains is not None else None
    with db.tx() as conn:
        cur = conn.execute(
            "UPDATE client_keys SET allowed_domains = COALESCE(?, allowed_domains), name = COALESCE(?, name) "
            "WHERE key = ? AND agent_id = ? AND account = ?",
            (domains, name, key, agent_id, account),
        )
        if cur.rowcount == 0:
            raise NotFoundError("Agent or client key not found")


def delete_agent_key(db: Database, *, account: str, agent_id: str, key: str) -> None:
    with db.tx() as conn:
        cur = conn.execute(
            "DELETE FROM client_keys WHERE key = ? AND agent_id = ? AND account = ?", (key, agent_id, account)
        )
        if cur.rowcount == 0:
            raise NotFoundError("Agent or client key not found")


def get_account_key(db: Database, *, account: str) -> dict[str, Any]:
    with db.read() as conn:
        row = conn.execute(
            "SELECT key, allowed_domains FROM client_keys WHERE account = ? AND agent_id IS NULL", (account,)
        ).fetchone()
    if row is None:
        raise NotFoundError("Client key not found")
    return {"client_key": row["key"], "allowed_domains": json.loads(row["allowed_domains"])}


def create_account_key(db: Database, *, account: str, allowed_domains: list[str]) -> dict[str, Any]:
    with db.tx() as conn:
        exists = conn.execute(
            "SELECT 1 FROM client_keys WHERE account = ? AND agent_id IS NULL", (account,)
        ).fetchone()
        if exists is not None:
            raise LimitError("User already has a client key for agents")
        key = _new_key()
        conn.execute(
            "INSERT INTO client_keys (key, account, agent_id, allowed_domains, name, created_ts) "
            "VALUES (?,?,NULL,?,NULL,?)",
            (key, account, json.dumps(allowed_domains), db.clock.now()),
        )
    return {"client_key": key}


def update_account_key(db: Database, *, account: str, allowed_domains: list[str]) -> None:
    with db.tx() as conn:
        cur = conn.execute(
            "UPDATE client_keys SET allowed_domains = ? WHERE account = ? AND agent_id IS NULL",
            (json.dumps(allowed_domains), account),
        )
        if cur.rowcount == 0:
            raise NotFoundError("Client key not found")
