"""Agent routes: ``/agents`` CRUD, the paginated ``/agents/me``, the widget's runtime view and STT token."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from ..auth import AnyCaller, ApiCaller, require_agent_scope
from ..models import AgentCreate, AgentUpdate
from ..responses import Agent, AgentPage, AgentRuntime, SttToken
from ..store import agents

router = APIRouter(prefix="/agents", tags=["Agents"])


@router.get("", response_model=list[Agent], response_model_exclude_unset=True)
async def list_agents(caller: ApiCaller, tag: str | None = None) -> list[dict[str, Any]]:
    """List the caller's agents (legacy array form)."""
    ctx, principal = caller
    return agents.list_agents(ctx.db, account=principal.account)


@router.post("", response_model=Agent, response_model_exclude_unset=True)
async def create_agent(caller: ApiCaller, body: AgentCreate) -> dict[str, Any]:
    """Create an agent (200, status ``created`` until the ready delay passes)."""
    ctx, principal = caller
    return await agents.create_agent(
        ctx.db, principal=principal, body=body, ready_delay=ctx.config.current.agent_ready_delay
    )


@router.get("/me", response_model=AgentPage, response_model_exclude_unset=True)
async def list_my_agents(
    caller: ApiCaller,
    limit: int = 20,
    token: str | None = None,
    sort_by: str = "created_at",
    order: str = "descending",
) -> dict[str, Any]:
    """Cursor-paginated agents: ``{agents, token?}``."""
    ctx, principal = caller
    return agents.list_my_agents(
        ctx.db, account=principal.account, limit=limit, token=token, sort_by=sort_by, order=order
    )


@router.get("/{agent_id}", response_model=Agent, response_model_exclude_unset=True)
async def get_agent(caller: AnyCaller, agent_id: str) -> dict[str, Any]:
    """Get an agent (a client key reads its own agent, without llm and triggers)."""
    ctx, principal = caller
    require_agent_scope(principal, agent_id)
    return agents.get_agent(ctx.db, principal=principal, agent_id=agent_id)


@router.get("/{agent_id}/runtime", response_model=AgentRuntime, response_model_exclude_unset=True)
async def get_runtime(caller: AnyCaller, agent_id: str) -> dict[str, Any]:
    """The trimmed agent the SDK's widget starts from."""
    ctx, principal = caller
    require_agent_scope(principal, agent_id)
    return agents.get_runtime(ctx.db, account=principal.account, agent_id=agent_id)


@router.get("/{agent_id}/stt-token", response_model=SttToken)
async def get_stt_token(caller: AnyCaller, agent_id: str) -> dict[str, Any]:
    """A speech-to-text token: ``{token, region}``."""
    ctx, principal = caller
    require_agent_scope(principal, agent_id)
    return agents.stt_token(ctx.db, account=principal.account, agent_id=agent_id)


@router.patch("/{agent_id}", response_model=Agent, response_model_exclude_unset=True)
def update_agent(caller: ApiCaller, agent_id: str, body: AgentUpdate) -> dict[str, Any]:
    """Partial update: supplied top-level keys replace the stored values."""
    ctx, principal = caller
    return agents.update_agent(ctx.db, account=principal.account, agent_id=agent_id, body=body)


@router.delete("/{agent_id}", response_model=Agent, response_model_exclude_unset=True)
def delete_agent(caller: ApiCaller, agent_id: str) -> dict[str, Any]:
    """Delete an agent; answers the deleted agent."""
    ctx, principal = caller
    return agents.delete_agent(ctx.db, account=principal.account, agent_id=agent_id)
