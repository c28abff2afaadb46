"""Application factory: routers, error handlers and middleware around one ``AppContext``."""

from __future__ import annotations

from fastapi import FastAPI

from . import __version__
from .context import AppContext
from .db import Database
from .errors import install_error_handlers
from .faults import FaultMiddleware
from .idempotency import IdempotencyMiddleware
from .request_log import RequestLogMiddleware
from .routes import admin, agents, chats, client_keys, knowledge, sessions
from .settings import ConfigHolder, Settings


def create_app(settings: Settings, *, db: Database | None = None) -> FastAPI:
    """Build the emulator app; pass ``db`` to share a database (e.g. across restarts in tests)."""
    app = FastAPI(title="D-ID Agents API emulator", version=__version__)
    app.state.ctx = AppContext(
        settings=settings,
        db=db or Database(settings.db_path, synchronous=settings.sqlite_synchronous),
        config=ConfigHolder(settings.config),
    )
    install_error_handlers(app)
    # Literal /agents/... routes (client-key, chats/exports, me) must precede /agents/{agent_id}.
    app.include_router(admin.router)
    app.include_router(client_keys.router)
    app.include_router(chats.router)
    app.include_router(sessions.router)
    app.include_router(agents.router)
    app.include_router(knowledge.router)
    # Added innermost first: the log sees the final status, faults wrap idempotency.
    app.add_middleware(IdempotencyMiddleware)
    app.add_middleware(FaultMiddleware)
    app.add_middleware(RequestLogMiddleware)
    return app
