"""Session routes: V2 create, and list/get under the agent."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from ..auth import AnyPrincipal, ApiPrincipal, Ctx
from ..models import SessionCreate
from ..store import sessions

router = APIRouter(tags=["Sessions"])


@router.post("/v2/agents/{agent_id}/sessions", status_code=201)
def create_session(
    request: Request, ctx: Ctx, principal: AnyPrincipal, agent_id: str, body: SessionCreate | None = None
) -> dict[str, Any]:
    """Create a streaming session (201)."""
    base = str(request.base_url)
    ws_base = (
        "wss://" + base[len("https://") :]
        if base.startswith("https://")
        else "ws://" + base[len("http://") :]
    )
    return sessions.create_session(
        ctx.db, principal=principal, agent_id=agent_id, body=body or SessionCreate(), ws_base=ws_base
    )


@router.get("/agents/{agent_id}/sessions")
def list_sessions(ctx: Ctx, principal: ApiPrincipal, agent_id: str) -> list[dict[str, Any]]:
    """An agent's sessions."""
    return sessions.list_sessions(ctx.db, account=principal.account, agent_id=agent_id)


@router.get("/agents/{agent_id}/sessions/{session_id}")
def get_session(ctx: Ctx, principal: ApiPrincipal, agent_id: str, session_id: str) -> dict[str, Any]:
    """One session."""
    return sessions.get_session(ctx.db, account=principal.account, agent_id=agent_id, session_id=session_id)
