"""``EmulatorServer``: the emulator on a real loopback port in a daemon thread, for tests and demos."""

from __future__ import annotations

import secrets
import socket
import threading
import time
from collections.abc import Callable, Sequence
from types import TracebackType
from typing import Any

import httpx
import uvicorn

from .app import create_app
from .clock import Clock, SystemClock
from .context import account_id_for_key, account_ref
from .settings import (
    DEFAULT_AGENT_READY_DELAY,
    DEFAULT_DOCUMENT_READY_DELAY,
    RuntimeConfig,
    Settings,
    validate_config_patch,
)

_DEFAULT_KEY_COUNT = 2


def default_api_keys(count: int = _DEFAULT_KEY_COUNT) -> list[str]:
    """Fresh keys shaped like D-ID's ``user:secret`` (``test-user-1:…``)."""
    return [f"test-user-{i}:{secrets.token_hex(8)}" for i in range(1, count + 1)]


class EmulatorServer:
    """Run the emulator in-process over real HTTP.

    Usable as a context manager or via ``start()``/``stop()``. ``db_path=None`` keeps data in memory.
    Agents and documents become ready after the same small delays as the CLI's (the real API is
    asynchronous); pass ``0`` for instant readiness. uvicorn (>= 0.29) skips signal handlers outside
    the main thread, so a daemon thread is safe.

    ``clock`` is the emulator's time (``clock.py``): pass a ``ManualClock`` and ``advance_clock`` it
    instead of sleeping until agents and documents are ready; it then also refills rate-limit buckets.

    Emulator extensions: ``rate_limit`` (``"20/s"``, ``"600/m"``) limits each account with a token
    bucket whose clock is ``rate_limit_clock`` (monotonic seconds; a fake one spares tests sleeping);
    ``no_credits`` names accounts, by API key or owner id (``"*"``: all), whose ``GET /credits`` is 404.
    """

    def __init__(
        self,
        api_keys: list[str] | None = None,
        db_path: str | None = None,
        agent_ready_delay: float = DEFAULT_AGENT_READY_DELAY,
        document_ready_delay: float = DEFAULT_DOCUMENT_READY_DELAY,
        host: str = "127.0.0.1",
        port: int = 0,
        honour_idempotency_key: bool = False,
        rate_limit: str | None = None,
        rate_limit_clock: Callable[[], float] | None = None,
        no_credits: Sequence[str] = (),
        clock: Clock | None = None,
    ) -> None:
        self.api_keys: list[str] = list(api_keys) if api_keys else default_api_keys()
        self.clock: Clock = clock or SystemClock()
        self.api_key: str = self.api_keys[0]
        self.host = host
        self._requested_port = port
        self.settings = Settings(
            api_keys=tuple(self.api_keys),
            db_path=db_path or ":memory:",
            config=RuntimeConfig(
                **validate_config_patch(
                    {
                        "agent_ready_delay": agent_ready_delay,
                        "document_ready_delay": document_ready_delay,
                        "honour_idempotency_key": honour_idempotency_key,
                        "rate_limit": rate_limit,
                        "no_credits": [account_ref(value) for value in no_credits],
                    }
                )
            ),
            clock=self.clock,
        )
        self.app = create_app(self.settings)
        if rate_limit_clock is not None:
            self.app.state.ctx.rate_limiter.clock = rate_limit_clock
        self.port: int = 0
        self.url: str = ""
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> EmulatorServer:
        """Bind, serve in a daemon thread and wait until uvicorn reports started."""
        if self._thread is not None:
            return self
        # proto=IPPROTO_TCP matters: asyncio only sets TCP_NODELAY on sockets that say they are TCP,
        # and without it every response pays a 40 ms Nagle/delayed-ACK stall.
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.host, self._requested_port))
        self.port = sock.getsockname()[1]
        host = f"[{self.host}]" if ":" in self.host else self.host
        self.url = f"http://{host}:{self.port}"
        config = uvicorn.Config(self.app, log_level="warning", access_log=False, lifespan="off")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [sock]}, name="did-emulator", daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("emulator server failed to start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        """Stop serving and close the database (a file database can then be reopened)."""
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True
            self._thread.join(timeout=10)
        self._server = None
        self._thread = None
        self.app.state.ctx.db.close()

    def __enter__(self) -> EmulatorServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def _admin(self, method: str, path: str, json: dict[str, Any] | None = None) -> dict[str, Any]:
        response = httpx.request(
            method, f"{self.url}/_emulator{path}", json=json, timeout=10, trust_env=False
        )
        response.raise_for_status()
        data: dict[str, Any] = response.json()
        return data

    def reset(self) -> None:
        """Wipe all data (every account)."""
        self._admin("POST", "/reset")

    def configure(self, **config: Any) -> dict[str, Any]:
        """Change runtime config (same fields as ``PATCH /_emulator/config``); returns the new config."""
        return self._admin("PATCH", "/config", json=config)

    def get_config(self) -> dict[str, Any]:
        return self._admin("GET", "/config")

    def restore_config(self) -> dict[str, Any]:
        """Back to the config the server started with."""
        return self.configure(**self.settings.config.to_dict())

    def advance_clock(self, seconds: float) -> dict[str, Any]:
        """Move a manual clock forward (``POST /_emulator/clock``): ``{now, manual}``."""
        return self._admin("POST", "/clock", json={"advance": seconds})

    def stats(self) -> dict[str, Any]:
        """Requests the rate limiter admitted and refused since the last reset (``GET /_emulator/stats``)."""
        return self._admin("GET", "/stats")

    def owner_id(self, api_key: str | None = None) -> str:
        """The account id (``owner_id``) of a key (default: the first)."""
        return account_id_for_key(api_key or self.api_key)

    def auth_headers(self, api_key: str | None = None) -> dict[str, str]:
        """``Authorization`` header for a key (default: the first) in D-ID's raw Basic form."""
        return {"Authorization": f"Basic {api_key or self.api_key}"}
