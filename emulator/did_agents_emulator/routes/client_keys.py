"""Client-key routes: the single account key (deprecated in the docs, still served) and per-agent keys."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response

from ..auth import ApiPrincipal, Ctx
from ..models import AgentClientKeyCreate, AgentClientKeyUpdate, ClientKeyBody
from ..store import client_keys

router = APIRouter(prefix="/agents", tags=["Client Keys"])


@router.get("/client-key")
def get_account_key(ctx: Ctx, principal: ApiPrincipal) -> dict[str, Any]:
    """The account's client key, 404 if none."""
    return client_keys.get_account_key(ctx.db, account=principal.account)


@router.post("/client-key", status_code=201)
def create_account_key(ctx: Ctx, principal: ApiPrincipal, body: ClientKeyBody) -> dict[str, Any]:
    """Create the account's client key (one per account)."""
    return client_keys.create_account_key(
        ctx.db, account=principal.account, allowed_domains=body.allowed_domains
    )


@router.patch("/client-key", status_code=204)
def update_account_key(ctx: Ctx, principal: ApiPrincipal, body: ClientKeyBody) -> Response:
    """Replace the account key's allowed domains."""
    client_keys.update_account_key(ctx.db, account=principal.account, allowed_domains=body.allowed_domains)
    return Response(status_code=204)


@router.post("/{agent_id}/client-keys", status_code=201)
def create_agent_key(
    ctx: Ctx, principal: ApiPrincipal, agent_id: str, body: AgentClientKeyCreate
) -> dict[str, Any]:
    """Create another client key for an agent."""
    return client_keys.create_agent_key(
        ctx.db,
        account=principal.account,
        agent_id=agent_id,
        allowed_domains=body.allowed_domains,
        name=body.name,
    )


@router.get("/{agent_id}/client-keys")
def list_agent_keys(ctx: Ctx, principal: ApiPrincipal, agent_id: str) -> list[dict[str, Any]]:
    """An agent's client keys."""
    return client_keys.list_agent_keys(ctx.db, account=principal.account, agent_id=agent_id)


@router.patch("/{agent_id}/client-keys/{client_key}", status_code=204)
def update_agent_key(
    ctx: Ctx, principal: ApiPrincipal, agent_id: str, client_key: str, body: AgentClientKeyUpdate
) -> Response:
    """Replace an agent key's allowed domains and/or name."""
    client_keys.update_agent_key(
        ctx.db,
        account=principal.account,
        agent_id=agent_id,
        key=client_key,
        allowed_domains=body.allowed_domains,
        name=body.name,
    )
    return Response(status_code=204)


@router.delete("/{agent_id}/client-keys/{client_key}", status_code=204)
def delete_agent_key(ctx: Ctx, principal: ApiPrincipal, agent_id: str, client_key: str) -> Response:
    """Revoke an agent key."""
    client_keys.delete_agent_key(ctx.db, account=principal.account, agent_id=agent_id, key=client_key)
    return Response(status_code=204)
