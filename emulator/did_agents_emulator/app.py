"""Application factory: routers, error handlers and middleware around one ``AppContext``."""

from __future__ import annotations

from fastapi import FastAPI

from . import __version__
from .context import AppContext
from .cors import CorsMiddleware
from .db import Database
from .errors import install_error_handlers
from .faults import FaultMiddleware
from .idempotency import IdempotencyMiddleware
from .ratelimit import RateLimitMiddleware
from .request_log import RequestLogMiddleware
from .routes import (
    admin,
    agents,
    chats,
    client_keys,
    credits,
    exports,
    knowledge,
    sessions,
    streams,
    webhooks,
)
from .settings import ConfigHolder, Settings
from .slashes import TrailingSlashMiddleware


def create_app(settings: Settings, *, db: Database | None = None) -> FastAPI:
    """Build the emulator app; pass ``db`` to share a database (e.g. across restarts in tests)."""
    # No slash redirects: ``TrailingSlashMiddleware`` serves ``/agents/`` as ``/agents`` directly.
    # No telemetry: the emulator exports none, and FastAPI's per-request probe for OpenTelemetry
    # providers cost ~10 µs of a GET's ~130 µs in the app (measured in-process).
    app = FastAPI(
        title="D-ID Agents API emulator",
        version=__version__,
        redirect_slashes=False,
        telemetry={"tracing": False, "metrics": False, "logs": False},
    )
    app.state.ctx = AppContext(
        settings=settings,
        db=db or Database(settings.db_path, synchronous=settings.sqlite_synchronous, clock=settings.clock),
        config=ConfigHolder(settings.config),
    )
    install_error_handlers(app)
    # Routes are matched in order, so the busiest come first: agents, then chat; the admin routes and
    # FastAPI's own (/openapi.json, /docs) last. Only the one-segment literals /agents/client-key
    # (``account_router``) and /agents/me must precede /agents/{agent_id}; no other route's path can
    # match another router's pattern, so the order changes no answer. The routes go into the app's
    # own list rather than through include_router: FastAPI then matches one flat list instead of
    # walking each included router's routes (a fifth of a GET's time in the app went there).
    builtin = list(app.router.routes)
    app.router.routes.clear()
    for router in (
        client_keys.account_router,
        agents.router,
        chats.router,
        client_keys.router,
        exports.router,
        webhooks.router,
        streams.router,
        sessions.router,
        knowledge.router,
        credits.router,
        admin.router,
    ):
        app.router.routes.extend(router.routes)
    app.router.routes.extend(builtin)
    # Added innermost first. The log sees every answer (preflights too); CORS headers go on every
    # answer, faults included; paths are normalised before faults match them and routes see them.
    # The rate limit (off by default) sits inside CORS, so preflights never count and its 429s carry
    # CORS headers, and outside faults, so a refused request is neither processed nor faulted.
    app.add_middleware(IdempotencyMiddleware)
    app.add_middleware(FaultMiddleware)
    app.add_middleware(RateLimitMiddleware)
    app.add_middleware(TrailingSlashMiddleware)
    app.add_middleware(CorsMiddleware)
    app.add_middleware(RequestLogMiddleware)
    return app
