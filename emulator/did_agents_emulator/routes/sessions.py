"""Session routes: V2 create, and list/get under the agent."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from ..auth import AnyCaller, ApiCaller
from ..models import SessionCreate
from ..responses import Session
from ..store import sessions

router = APIRouter(tags=["Sessions"])


@router.post("/v2/agents/{agent_id}/sessions", status_code=201, response_model=Session)
def create_session(
    request: Request, caller: AnyCaller, agent_id: str, body: SessionCreate | None = None
) -> dict[str, Any]:
    """Create a streaming session (201)."""
    ctx, principal = caller
    base = str(request.base_url)
    ws_base = (
        "wss://" + base[len("https://") :]
        if base.startswith("https://")
        else "ws://" + base[len("http://") :]
    )
    return sessions.create_session(
        ctx.db, principal=principal, agent_id=agent_id, body=body or SessionCreate(), ws_base=ws_base
    )


@router.get("/agents/{agent_id}/sessions", response_model=list[Session])
async def list_sessions(caller: ApiCaller, agent_id: str) -> list[dict[str, Any]]:
    """An agent's sessions."""
    ctx, principal = caller
    return sessions.list_sessions(ctx.db, account=principal.account, agent_id=agent_id)


@router.get("/agents/{agent_id}/sessions/{session_id}", response_model=Session)
async def get_session(caller: ApiCaller, agent_id: str, session_id: str) -> dict[str, Any]:
    """One session."""
    ctx, principal = caller
    return sessions.get_session(ctx.db, account=principal.account, agent_id=agent_id, session_id=session_id)
