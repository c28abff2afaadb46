"""Agent routes: ``/agents`` CRUD, the paginated ``/agents/me``, the widget's runtime view and STT token."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from ..auth import AnyPrincipal, ApiPrincipal, Ctx, any_caller, require_agent_scope
from ..models import AgentCreate, AgentUpdate
from ..store import agents

router = APIRouter(prefix="/agents", tags=["Agents"])


@router.get("")
def list_agents(ctx: Ctx, principal: ApiPrincipal, tag: str | None = None) -> list[dict[str, Any]]:
    """List the caller's agents (legacy array form)."""
    return agents.list_agents(ctx.db, account=principal.account)


@router.post("")
async def create_agent(ctx: Ctx, principal: ApiPrincipal, body: AgentCreate) -> dict[str, Any]:
    """Create an agent (200, status ``created`` until the ready delay passes)."""
    return await agents.create_agent(
        ctx.db, principal=principal, body=body, ready_delay=ctx.config.current.agent_ready_delay
    )


@router.get("/me")
def list_my_agents(
    ctx: Ctx,
    principal: ApiPrincipal,
    limit: int = 20,
    token: str | None = None,
    sort_by: str = "created_at",
    order: str = "descending",
) -> dict[str, Any]:
    """Cursor-paginated agents: ``{agents, token?}``."""
    return agents.list_my_agents(
        ctx.db, account=principal.account, limit=limit, token=token, sort_by=sort_by, order=order
    )


@router.get("/{agent_id}")
async def get_agent(request: Request, agent_id: str) -> dict[str, Any]:
    """Get an agent (a client key reads its own agent, without llm and triggers)."""
    ctx, principal = await any_caller(request)
    require_agent_scope(principal, agent_id)
    return agents.get_agent(ctx.db, principal=principal, agent_id=agent_id)


@router.get("/{agent_id}/runtime")
def get_runtime(ctx: Ctx, principal: AnyPrincipal, agent_id: str) -> dict[str, Any]:
    """The trimmed agent the SDK's widget starts from."""
    require_agent_scope(principal, agent_id)
    return agents.get_runtime(ctx.db, account=principal.account, agent_id=agent_id)


@router.get("/{agent_id}/stt-token")
def get_stt_token(ctx: Ctx, principal: AnyPrincipal, agent_id: str) -> dict[str, Any]:
    """A speech-to-text token: ``{token, region}``."""
    require_agent_scope(principal, agent_id)
    return agents.stt_token(ctx.db, account=principal.account, agent_id=agent_id)


@router.patch("/{agent_id}")
def update_agent(ctx: Ctx, principal: ApiPrincipal, agent_id: str, body: AgentUpdate) -> dict[str, Any]:
    """Partial update: supplied top-level keys replace the stored values."""
    return agents.update_agent(ctx.db, account=principal.account, agent_id=agent_id, body=body)


@router.delete("/{agent_id}")
def delete_agent(ctx: Ctx, principal: ApiPrincipal, agent_id: str) -> dict[str, Any]:
    """Delete an agent; answers the deleted agent."""
    return agents.delete_agent(ctx.db, account=principal.account, agent_id=agent_id)
