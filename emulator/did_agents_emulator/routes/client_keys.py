"""Client-key routes: the single account key (deprecated in the docs, still served) and per-agent keys."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response

from ..auth import ApiCaller
from ..models import AgentClientKeyCreate, AgentClientKeyUpdate, ClientKeyBody
from ..responses import AccountKey, AgentKey, NewAccountKey
from ..store import client_keys

# The account key's literal path must be matched before ``/agents/{agent_id}``; the per-agent keys
# need not, so they sit behind the busier agent and chat routes (see ``app.create_app``).
account_router = APIRouter(prefix="/agents", tags=["Client Keys"])
router = APIRouter(prefix="/agents", tags=["Client Keys"])


@account_router.get("/client-key", response_model=AccountKey)
async def get_account_key(caller: ApiCaller) -> dict[str, Any]:
    """The account's client key, 404 if none."""
    ctx, principal = caller
    return client_keys.get_account_key(ctx.db, account=principal.account)


@account_router.post("/client-key", status_code=201, response_model=NewAccountKey)
def create_account_key(caller: ApiCaller, body: ClientKeyBody) -> dict[str, Any]:
    """Create the account's client key (one per account)."""
    ctx, principal = caller
    return client_keys.create_account_key(
        ctx.db, account=principal.account, allowed_domains=body.allowed_domains
    )


@account_router.patch("/client-key", status_code=204, response_class=Response)
def update_account_key(caller: ApiCaller, body: ClientKeyBody) -> None:
    """Replace the account key's allowed domains."""
    ctx, principal = caller
    client_keys.update_account_key(ctx.db, account=principal.account, allowed_domains=body.allowed_domains)


@router.post(
    "/{agent_id}/client-keys", status_code=201, response_model=AgentKey, response_model_exclude_unset=True
)
def create_agent_key(caller: ApiCaller, agent_id: str, body: AgentClientKeyCreate) -> dict[str, Any]:
    """Create another client key for an agent."""
    ctx, principal = caller
    return client_keys.create_agent_key(
        ctx.db,
        account=principal.account,
        agent_id=agent_id,
        allowed_domains=body.allowed_domains,
        name=body.name,
    )


@router.get("/{agent_id}/client-keys", response_model=list[AgentKey], response_model_exclude_unset=True)
async def list_agent_keys(caller: ApiCaller, agent_id: str) -> list[dict[str, Any]]:
    """An agent's client keys."""
    ctx, principal = caller
    return client_keys.list_agent_keys(ctx.db, account=principal.account, agent_id=agent_id)


@router.patch("/{agent_id}/client-keys/{client_key}", status_code=204, response_class=Response)
def update_agent_key(caller: ApiCaller, agent_id: str, client_key: str, body: AgentClientKeyUpdate) -> None:
    """Replace an agent key's allowed domains and/or name."""
    ctx, principal = caller
    client_keys.update_agent_key(
        ctx.db,
        account=principal.account,
        agent_id=agent_id,
        key=client_key,
        allowed_domains=body.allowed_domains,
        name=body.name,
    )


@router.delete("/{agent_id}/client-keys/{client_key}", status_code=204, response_class=Response)
def delete_agent_key(caller: ApiCaller, agent_id: str, client_key: str) -> None:
    """Revoke an agent key."""
    ctx, principal = caller
    client_keys.delete_agent_key(ctx.db, account=principal.account, agent_id=agent_id, key=client_key)
