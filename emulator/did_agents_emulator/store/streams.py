"""V1 streams (talk and clip agents, WebRTC): signalling only, no media.

Create answers an SDP offer; ``sdp`` and ``ice`` accept the browser's answer and candidates; a talk
(``POST …/streams/{id}``), the one call that needs the avatar to speak, is refused with 501.
Every follow-up call must carry the stream's ``session_id``; chat messages that name a stream are
checked the same way (``check_stream_ref``), which is the error the SDK reconnects on.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from .. import ids, sdp
from ..auth import Principal, require_agent_scope
from ..db import Database
from ..errors import MediaNotEmulatedError, NotFoundError, RefusedError, SessionError
from ..models import IceCandidate, SdpAnswer, StickyRequest, StreamCreate, StreamTalk
from .agent_rows import load_agent
from .agents import require_ready

STREAM_NOT_FOUND = "stream_id doesn't exits or not owened by the user"  # sic, the docs' own text
OK = {"status": "success"}


def create_stream(db: Database, *, principal: Principal, agent_id: str, body: StreamCreate) -> dict[str, Any]:
    """``InitStreamResponse`` with ``offer`` (what the SDK reads) and ``jsep`` (what the docs name)."""
    require_agent_scope(principal, agent_id)
    stream_id = ids.new_id("strm", 20)
    session_id = ids.token(32)
    fluent = bool(body.fluent)
    jsep = {"type": "offer", "sdp": sdp.offer()}
    data = {"options": body.model_dump(exclude_none=True), "fluent": fluent, "status": "created"}
    with db.tx() as conn:
        agent = load_agent(conn, principal.account, agent_id)
        now = db.clock.now()
        require_ready(agent, now)
        if json.loads(agent["data"])["presenter"]["type"] == "expressive":
            raise RefusedError(
                "Invalid request parameters: expressive agents stream through POST /v2/agents/{id}/sessions"
            )
        conn.execute(
            "INSERT INTO streams (id, agent_id, account, session_id, data, created_ts) VALUES (?,?,?,?,?,?)",
            (stream_id, agent_id, principal.account, session_id, json.dumps(data), now),
        )
    return {
        "id": stream_id,
        "session_id": session_id,
        "offer": jsep,
        "jsep": dict(jsep),
        "ice_servers": [],
        "fluent": fluent,
        "interrupt_enabled": fluent,  # the SDK only interrupts fluent streams
    }


def _load_stream(
    conn: sqlite3.Connection, principal: Principal, agent_id: str, stream_id: str, body: StickyRequest
) -> sqlite3.Row:
    """The caller's stream, after the ``session_id`` check every follow-up call gets."""
    require_agent_scope(principal, agent_id)
    row = conn.execute(
        "SELECT * FROM streams WHERE id = ? AND agent_id = ? AND account = ?",
        (stream_id, agent_id, principal.account),
    ).fetchone()
    if row is None:
        raise NotFoundError(STREAM_NOT_FOUND)
    if body.session_id != row["session_id"]:
        raise SessionError()
    return row  # type: ignore[no-any-return]


def start_connection(
    db: Database, *, principal: Principal, agent_id: str, stream_id: str, body: SdpAnswer
) -> dict[str, Any]:
    """Record the browser's SDP answer (``status: connected``; no DTLS/ICE ever completes)."""
    with db.tx() as conn:
        row = _load_stream(conn, principal, agent_id, stream_id, body)
        data = json.loads(row["data"])
        data.update(status="connected", answer=body.answer.sdp)
        conn.execute("UPDATE streams SET data = ? WHERE id = ?", (json.dumps(data), stream_id))
    return dict(OK)


def add_ice_candidate(
    db: Database, *, principal: Principal, agent_id: str, stream_id: str, body: IceCandidate
) -> dict[str, Any]:
    """Accept a trickled candidate (or the ``{candidate: null}`` end marker); nothing is dialled."""
    with db.read() as conn:
        _load_stream(conn, principal, agent_id, stream_id, body)
    return dict(OK)


def talk(
    db: Database, *, principal: Principal, agent_id: str, stream_id: str, body: StreamTalk
) -> dict[str, Any]:
    """The avatar would speak ``script`` on the stream: that is media, which the emulator does not make."""
    with db.read() as conn:
        _load_stream(conn, principal, agent_id, stream_id, body)
    raise MediaNotEmulatedError(
        "the emulator produces no audio or video: POST /agents/{id}/streams/{streamId} (talk) is not "
        "emulated; chat answers are text only (see docs/emulator.md)"
    )


def close_stream(
    db: Database, *, principal: Principal, agent_id: str, stream_id: str, body: StickyRequest
) -> dict[str, Any]:
    with db.tx() as conn:
        _load_stream(conn, principal, agent_id, stream_id, body)
        conn.execute("DELETE FROM streams WHERE id = ?", (stream_id,))
    return dict(OK)


def check_stream_ref(
    conn: sqlite3.Connection, *, account: str, agent_id: str, stream_id: str | None, session_id: str | None
) -> None:
    """A chat message naming a stream must name a live one of this agent with its ``session_id``:
    a V1 stream, or a V2 session (whose SDK sends the session id as both)."""
    if stream_id and session_id:
        row = conn.execute(
            "SELECT session_id FROM streams WHERE id = ? AND agent_id = ? AND account = ?",
            (stream_id, agent_id, account),
        ).fetchone()
        if row is not None and row["session_id"] == session_id:
            return
        if (
            stream_id == session_id
            and conn.execute(
                "SELECT 1 FROM sessions WHERE id = ? AND agent_id = ? AND account = ?",
                (stream_id, agent_id, account),
            ).fetchone()
        ):
            return
    raise SessionError()
