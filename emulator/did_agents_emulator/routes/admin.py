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
    """Wipe every account's data and the rate limiter's buckets and counts (config is left as is)."""
    ctx.db.wipe()
    ctx.rate_limiter.reset()
    return {"status": "ok"}


@router.get("/stats")
def stats(ctx: Ctx) -> dict[str, Any]:
    """Requests the rate limiter admitted and refused since the last reset (counted while a limit is set)."""
    return {"rate_limit": ctx.config.current.rate_limit, **ctx.rate_limiter.stats()}


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
