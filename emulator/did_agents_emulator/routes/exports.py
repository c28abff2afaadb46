"""Chat export routes, and the emulator's stand-in for the export file's pre-signed download URL."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response

from ..auth import ApiPrincipal, Ctx
from ..models import ExportCreate
from ..store import exports

router = APIRouter(tags=["Chat"])


@router.post("/agents/chats/exports")
def create_export(ctx: Ctx, principal: ApiPrincipal, body: ExportCreate) -> dict[str, Any]:
    """Export an agent's chats; answers ``{export_id}``."""
    return exports.create_export(ctx.db, account=principal.account, body=body)


@router.get("/agents/chats/exports/{export_id}")
def get_export(request: Request, ctx: Ctx, principal: ApiPrincipal, export_id: str) -> dict[str, Any]:
    """The export's status and, when done, ``result.result_url``."""
    return exports.get_export(
        ctx.db, account=principal.account, export_id=export_id, base_url=str(request.base_url)
    )


@router.delete("/agents/chats/exports/{export_id}")
def delete_export(request: Request, ctx: Ctx, principal: ApiPrincipal, export_id: str) -> dict[str, Any]:
    """Delete an export; answers it."""
    return exports.delete_export(
        ctx.db, account=principal.account, export_id=export_id, base_url=str(request.base_url)
    )


@router.get("/_emulator/exports/{export_id}", tags=["Emulator"])
def download_export(ctx: Ctx, export_id: str) -> Response:
    """The export file, byte for byte as sized (no auth, like the pre-signed URL it stands for)."""
    return Response(exports.export_file(ctx.db, export_id=export_id), media_type="application/json")
