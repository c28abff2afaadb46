"""Chat exports: ``POST /agents/chats/exports`` snapshots an agent's chats into one JSON file.

The real API writes the file to storage and answers a ``result.result_url`` to download it without
credentials (a pre-signed URL); the emulator serves it at ``/_emulator/exports/{id}``, equally
unauthenticated, and finishes every export at once (``status: done``, or ``error`` with no chats).
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from typing import Any

from .. import ids
from ..db import Database
from ..errors import BadRequestError, DateRangeError, ExportNotFoundError, NotFoundError
from ..models import ExportCreate
from .agent_rows import load_agent
from .chats import render_chat

RESULT_PATH = "/_emulator/exports/"


def _timestamp(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise BadRequestError("Invalid date format") from None
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)).timestamp()


def create_export(db: Database, *, account: str, body: ExportCreate) -> dict[str, Any]:
    """``persistent_chats`` (default true) decides whether persisted chats are included at all."""
    start, end = _timestamp(body.from_), _timestamp(body.to)
    if start is not None and end is not None and start > end:
        raise DateRangeError("Invalid date range")
    export_id = ids.new_id("exp", 16)
    ts = db.clock.now()
    with db.tx() as conn:
        try:
            load_agent(conn, account, body.agent_id)
        except NotFoundError:
            raise BadRequestError("Agent not found") from None
        query = (
            "SELECT * FROM chats WHERE account = ? AND agent_id = ? AND created_ts >= ? AND created_ts <= ?"
        )
        if not body.persistent_chats:
            query += " AND persist = 0"
        rows = conn.execute(
            query + " ORDER BY seq", (account, body.agent_id, start or 0.0, end if end is not None else ts)
        ).fetchall()
        chats = [render_chat(conn, r) for r in rows]
        result = json.dumps({"export_id": export_id, "agent_id": body.agent_id, "chats": chats})
        meta: dict[str, Any] = {"agent_id": body.agent_id, "persistent_chats": body.persistent_chats}
        if body.from_ is not None:
            meta["from"] = body.from_
        if body.to is not None:
            meta["to"] = body.to
        if chats:
            meta.update(status="done", total_files_count=1, total_files_size=len(result.encode()))
        else:
            in_range = body.from_ is not None or body.to is not None
            meta.update(status="error", error="No chats found in range" if in_range else "No chats found")
        conn.execute(
            "INSERT INTO chat_exports (id, account, data, result, created_ts) VALUES (?,?,?,?,?)",
            (export_id, account, json.dumps(meta), result, ts),
        )
    return {"export_id": export_id}


def _render(row: sqlite3.Row, base_url: str) -> dict[str, Any]:
    """``ExportWithId``."""
    meta: dict[str, Any] = json.loads(row["data"])
    stamp = ids.iso(row["created_ts"])
    out: dict[str, Any] = {
        "export_id": row["id"],
        **meta,
        "owner_id": row["account"],
        "created_by": ids.created_by(row["account"]),
        "created_at": stamp,
        "completed_at": stamp,
        "modified": stamp,
    }
    if meta["status"] == "done":
        out["result"] = {"result_url": f"{base_url.rstrip('/')}{RESULT_PATH}{row['id']}"}
    return out


def _load(conn: sqlite3.Connection, account: str, export_id: str) -> sqlite3.Row:
    row = conn.execute(
        "SELECT * FROM chat_exports WHERE id = ? AND account = ?", (export_id, account)
    ).fetchone()
    if row is None:
        raise ExportNotFoundError("export not found")
    return row  # type: ignore[no-any-return]


def get_export(db: Database, *, account: str, export_id: str, base_url: str) -> dict[str, Any]:
    with db.read() as conn:
        return _render(_load(conn, account, export_id), base_url)


def delete_export(db: Database, *, account: str, export_id: str, base_url: str) -> dict[str, Any]:
    with db.tx() as conn:
        body = _render(_load(conn, account, export_id), base_url)
        conn.execute("DELETE FROM chat_exports WHERE id = ?", (export_id,))
    return body


def export_file(db: Database, *, export_id: str) -> str:
    """The export file's JSON, by export id alone (the stand-in for a pre-signed download URL)."""
    with db.read() as conn:
        row = conn.execute("SELECT result, data FROM chat_exports WHERE id = ?", (export_id,)).fetchone()
    if row is None or json.loads(row["data"])["status"] != "done":
        raise ExportNotFoundError("export not found")
    return str(row["result"])
