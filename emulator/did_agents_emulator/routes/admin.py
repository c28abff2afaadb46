"""Emulator admin routes (no auth: a loopback test tool)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body

from .. import ids
from ..auth import Ctx
from ..clock import ManualClock
from ..context import AppContext
from ..errors import BadRequestError
from ..models import ClockAdvance
from ..responses import ClockState, Stats, Status
from ..settings import RuntimeConfig

router = APIRouter(prefix="/_emulator", tags=["Emulator"])


@router.get("/health", response_model=Status)
async def health() -> dict[str, str]:
    """Liveness probe."""
    return {"status": "ok"}


@router.post("/reset", response_model=Status)
def reset(ctx: Ctx) -> dict[str, str]:
    """Wipe every account's data and the rate limiter's buckets and counts (config is left as is)."""
    ctx.db.wipe()
    ctx.rate_limiter.reset()
    return {"status": "ok"}


@router.get("/stats", response_model=Stats)
async def stats(ctx: Ctx) -> dict[str, Any]:
    """Requests the rate limiter admitted and refused since the last reset (counted while a limit is set)."""
    return {"rate_limit": ctx.config.current.rate_limit, **ctx.rate_limiter.stats()}


@router.get("/config", response_model=RuntimeConfig)
async def get_config(ctx: Ctx) -> RuntimeConfig:
    """The current runtime config."""
    return ctx.config.current


@router.patch("/config", response_model=RuntimeConfig)
async def patch_config(ctx: Ctx, body: dict[str, Any] = Body(...)) -> RuntimeConfig:  # noqa: B008
    """Change fault injection, latency or ready delays."""
    try:
        return ctx.config.update(body)
    except ValueError as exc:
        raise BadRequestError(str(exc)) from None


def _clock_state(ctx: AppContext) -> dict[str, Any]:
    return {"now": ids.iso(ctx.clock.now()), "manual": isinstance(ctx.clock, ManualClock)}


@router.get("/clock", response_model=ClockState)
async def get_clock(ctx: Ctx) -> dict[str, Any]:
    """The emulator's time, and whether it is a manual clock."""
    return _clock_state(ctx)


@router.post("/clock", response_model=ClockState)
async def advance_clock(ctx: Ctx, body: ClockAdvance) -> dict[str, Any]:
    """Move a manual clock forward: agents and documents whose delay has passed become ready."""
    if not isinstance(ctx.clock, ManualClock):
        raise BadRequestError(
            "advance: the emulator runs on the system clock; start it with a manual one "
            "(serve --manual-clock, EmulatorServer(clock=ManualClock()))"
        )
    ctx.clock.advance(body.advance)
    return _clock_state(ctx)
