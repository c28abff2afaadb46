"""Chat export routes, and the emulator's stand-in for the export file's pre-signed download URL."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response

from ..auth import ApiCaller, Ctx
from ..models import ExportCreate
from ..responses import Export, ExportCreated
from ..store import exports

router = APIRouter(tags=["Chat"])


@router.post("/agents/chats/exports", response_model=ExportCreated)
def create_export(caller: ApiCaller, body: ExportCreate) -> dict[str, Any]:
    """Export an agent's chats; answers ``{export_id}``."""
    ctx, principal = caller
    return exports.create_export(ctx.db, account=principal.account, body=body)


@router.get("/agents/chats/exports/{export_id}", response_model=Export, response_model_exclude_unset=True)
async def get_export(request: Request, caller: ApiCaller, export_id: str) -> dict[str, Any]:
    """The export's status and, when done, ``result.result_url``."""
    ctx, principal = caller
    return exports.get_export(
        ctx.db, account=principal.account, export_id=export_id, base_url=str(request.base_url)
    )


@router.delete("/agents/chats/exports/{export_id}", response_model=Export, response_model_exclude_unset=True)
def delete_export(request: Request, caller: ApiCaller, export_id: str) -> dict[str, Any]:
    """Delete an export; answers it."""
    ctx, principal = caller
    return exports.delete_export(
        ctx.db, account=principal.account, export_id=export_id, base_url=str(request.base_url)
    )


@router.get("/_emulator/exports/{export_id}", tags=["Emulator"], response_class=Response)
async def download_export(ctx: Ctx, export_id: str) -> Response:
    """The export file, byte for byte as sized (no auth, like the pre-signed URL it stands for): a file,
    not a body to model, so it goes out as stored."""
    return Response(exports.export_file(ctx.db, export_id=export_id), media_type="application/json")
