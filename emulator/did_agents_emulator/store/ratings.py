"""Answer ratings (thumbs up/down on a message) and end-of-chat feedback.

The rating's ``message_id`` is the SDK's own id of the rated answer, which the server never stored
(the SDK makes it up when the answer arrives), so it is recorded as given, not checked.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from .. import ids
from ..auth import Principal, require_agent_scope
from ..db import Database
from ..errors import NotFoundError
from ..models import FeedbackCreate, RatingCreate, RatingUpdate
from .chats import load_chat


def _number(value: float) -> int | float:
    """``1`` stays ``1`` on the wire (the SDK types a score ``1 | -1``), ``0.5`` stays ``0.5``."""
    return int(value) if value.is_integer() else value


def _render(row: sqlite3.Row) -> dict[str, Any]:
    """``ILogicalRating`` (docs contract) with the SDK's ``created_by``."""
    data: dict[str, Any] = json.loads(row["data"])
    return {
        "id": row["id"],
        "owner_id": row["account"],
        "agent_id": row["agent_id"],
        "chat_id": row["chat_id"],
        **data,
        "created_at": ids.iso(row["created_ts"]),
        "modified_at": ids.iso(row["modified_ts"]),
    }


def _load(
    conn: sqlite3.Connection, principal: Principal, agent_id: str, chat_id: str, rating_id: str
) -> sqlite3.Row:
    require_agent_scope(principal, agent_id)
    load_chat(conn, principal.account, agent_id, chat_id)
    return _rating_row(conn, principal.account, chat_id, rating_id)


def _rating_row(conn: sqlite3.Connection, account: str, chat_id: str, rating_id: str) -> sqlite3.Row:
    """The rating, once its chat has been checked (``_load`` without the scope and chat lookups)."""
    row = conn.execute(
        "SELECT * FROM ratings WHERE id = ? AND chat_id = ? AND account = ?",
        (rating_id, chat_id, account),
    ).fetchone()
    if row is None:
        raise NotFoundError("Rating not found")
    return row  # type: ignore[no-any-return]


def create_rating(
    db: Database, *, principal: Principal, agent_id: str, chat_id: str, body: RatingCreate
) -> dict[str, Any]:
    require_agent_scope(principal, agent_id)
    rating_id = ids.new_id("rat", 16)
    ts = db.clock.now()
    data = {
        "knowledge_id": body.knowledge_id,
        "message_id": body.message_id,
        "matches": body.matches,
        "score": _number(body.score),
        # The end user a client key names; an API-key caller rates as the account itself.
        "external_id": principal.external_id or ids.created_by(principal.account),
        "created_by": ids.created_by(principal.account),
    }
    with db.tx() as conn:
        load_chat(conn, principal.account, agent_id, chat_id)
        conn.execute(
            "INSERT INTO ratings (id, chat_id, agent_id, account, data, created_ts, modified_ts) "
            "VALUES (?,?,?,?,?,?,?)",
            (rating_id, chat_id, agent_id, principal.account, json.dumps(data), ts, ts),
        )
        return _render(_rating_row(conn, principal.account, chat_id, rating_id))


def update_rating(
    db: Database, *, principal: Principal, agent_id: str, chat_id: str, rating_id: str, body: RatingUpdate
) -> dict[str, Any]:
    """Partial update: supplied fields replace the stored ones."""
    with db.tx() as conn:
        row = _load(conn, principal, agent_id, chat_id, rating_id)
        data = json.loads(row["data"])
        data.update(body.model_dump(exclude_unset=True, exclude_none=True))
        data["score"] = _number(data["score"])
        conn.execute(
            "UPDATE ratings SET data = ?, modified_ts = ? WHERE id = ?",
            (json.dumps(data), ids.after(row["modified_ts"], db.clock.now()), rating_id),
        )
        return _render(_rating_row(conn, principal.account, chat_id, rating_id))


def delete_rating(
    db: Database, *, principal: Principal, agent_id: str, chat_id: str, rating_id: str
) -> dict[str, Any]:
    """Answers the deleted rating (the SDK types it ``RatingEntity``)."""
    with db.tx() as conn:
        body = _render(_load(conn, principal, agent_id, chat_id, rating_id))
        conn.execute("DELETE FROM ratings WHERE id = ?", (rating_id,))
    return body


def submit_feedback(
    db: Database, *, principal: Principal, agent_id: str, chat_id: str, body: FeedbackCreate
) -> dict[str, Any]:
    """``SubmitFeedbackResponse``; one feedback per chat, a second one replaces the first."""
    require_agent_scope(principal, agent_id)
    out: dict[str, Any] = {
        "chat_id": chat_id,
        "rating": _number(body.rating),
        "submitted_at": ids.iso(db.clock.now()),
    }
    stored = {**out, "answer": body.answer} if body.answer is not None else out
    with db.tx() as conn:
        load_chat(conn, principal.account, agent_id, chat_id)
        conn.execute(
            "INSERT OR REPLACE INTO feedback (chat_id, agent_id, account, data) VALUES (?,?,?,?)",
            (chat_id, agent_id, principal.account, json.dumps(stored)),
        )
    return out
