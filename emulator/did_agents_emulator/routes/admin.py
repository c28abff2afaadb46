"""Emulator admin routes (no auth: a loopback test tool)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body

from ..auth import Ctx
from ..errors import BadRequestError

router = APIRouter(prefix="/_emulator", tags=["Emulator"])


@router.get("/health")
def health() -> dict[str, str]:
    """Liveness probe."""
    return {"status": "ok"}


@router.post("/reset")
def reset(ctx: Ctx) -> dict[str, str]:
    """Wipe every account's data (config is left as is)."""
    ctx.db.wipe()
    return {"status": "ok"}


@router.get("/config")
def get_config(ctx: Ctx) -> dict[str, Any]:
    """The current runtime config."""
    return ctx.config.current.to_dict()


@router.patch("/config")
def patch_config(ctx: Ctx, body: dict[str, Any] = Body(...)) -> dict[str, Any]:  # noqa: B008
    """Change fault injection, latency or ready delays."""
    try:
        return ctx.config.update(body).to_dict()
    except ValueError as exc:
        raise BadRequestError(str(exc)) from None
