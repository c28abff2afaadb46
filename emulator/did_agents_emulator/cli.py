"""``did-agents-emulator serve|reset`` command line."""

from __future__ import annotations

import argparse
import logging
import socket
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import httpx

from .clock import ManualClock, SystemClock
from .context import account_ref
from .settings import (
    DEFAULT_AGENT_READY_DELAY,
    DEFAULT_DOCUMENT_READY_DELAY,
    ENV_AGENT_READY_DELAY,
    ENV_DOCUMENT_READY_DELAY,
    ENV_HONOUR_IDEMPOTENCY_KEY,
    FAULT_STATUSES,
    FORCED_CHAT_MODES,
    RuntimeConfig,
    Settings,
    bool_from_env,
    float_from_env,
    keys_from_env,
    validate_config_patch,
)

if TYPE_CHECKING:
    import uvicorn

log = logging.getLogger("did_agents_emulator")

# How ``serve`` runs uvicorn, besides ``--loop`` and ``--http`` ("auto": uvloop and httptools when
# installed, else asyncio and h11). bench/baseline_app.py serves its bare app with exactly these and
# the same --loop/--http, so the bench compares like with like.
UVICORN_SETTINGS: dict[str, Any] = {"workers": 1, "log_level": "warning", "access_log": False}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="did-agents-emulator", description="Local D-ID Agents API emulator")
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run the emulator")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8765)
    serve.add_argument("--db", default="did-emulator.db", help="SQLite file, or ':memory:'")
    serve.add_argument(
        "--api-key", action="append", default=[], help="repeatable; each key is its own account"
    )
    serve.add_argument(
        "--agent-ready-delay",
        type=float,
        default=None,
        help=(
            f"seconds until a new agent is done (env {ENV_AGENT_READY_DELAY}, "
            f"default {DEFAULT_AGENT_READY_DELAY})"
        ),
    )
    serve.add_argument(
        "--document-ready-delay",
        type=float,
        default=None,
        help=(
            f"seconds until a new document is done (env {ENV_DOCUMENT_READY_DELAY}, "
            f"default {DEFAULT_DOCUMENT_READY_DELAY})"
        ),
    )
    serve.add_argument(
        "--honour-idempotency-key",
        action="store_true",
        default=None,
        help=f"emulator extension: replay POSTs by Idempotency-Key (env {ENV_HONOUR_IDEMPOTENCY_KEY})",
    )
    serve.add_argument(
        "--forced-chat-mode",
        choices=FORCED_CHAT_MODES,
        default=None,
        help="emulator extension: run every chat in this mode (out of credits, maintenance)",
    )
    serve.add_argument(
        "--rate-limit",
        default=None,
        metavar="N/s|N/m",
        help="emulator extension: a token bucket per account (burst N, N per second or minute); 429 over it",
    )
    serve.add_argument(
        "--no-credits",
        action="append",
        nargs="?",
        const="*",
        default=[],
        metavar="API_KEY",
        help=(
            "repeatable: GET /credits is 404 for this API key's account (or owner id acc_…); "
            "without a value, for every account"
        ),
    )
    serve.add_argument(
        "--manual-clock",
        action="store_true",
        help="emulator extension: time stands still until POST /_emulator/clock {advance: seconds} (tests)",
    )
    serve.add_argument("--fault-rate", type=float, default=0.0)
    serve.add_argument("--fault-status", type=int, choices=FAULT_STATUSES, default=429)
    serve.add_argument("--fault-phase", choices=("before", "after"), default="before")
    serve.add_argument("--fault-paths", default=None, help="regex of paths faults apply to")
    serve.add_argument("--retry-after", type=float, default=1.0)
    serve.add_argument("--latency-ms", type=float, default=0.0)
    serve.add_argument(
        "--synchronous", choices=("FULL", "NORMAL"), default="FULL", help="SQLite synchronous mode"
    )
    serve.add_argument("--quiet", action="store_true", help="no request log")
    serve.add_argument(
        "--loop", choices=("auto", "asyncio", "uvloop"), default="auto", help="uvicorn's event loop"
    )
    serve.add_argument(
        "--http", choices=("auto", "h11", "httptools"), default="auto", help="uvicorn's HTTP parser"
    )
    reset = sub.add_parser("reset", help="wipe a running emulator's data")
    reset.add_argument("--url", required=True)
    return parser


def runtime_config(args: argparse.Namespace) -> RuntimeConfig:
    """The start-up runtime config from ``serve``'s options, then the environment, then the defaults."""
    agent_delay = (
        args.agent_ready_delay
        if args.agent_ready_delay is not None
        else float_from_env(ENV_AGENT_READY_DELAY, DEFAULT_AGENT_READY_DELAY)
    )
    doc_delay = (
        args.document_ready_delay
        if args.document_ready_delay is not None
        else float_from_env(ENV_DOCUMENT_READY_DELAY, DEFAULT_DOCUMENT_READY_DELAY)
    )
    fields = {
        "fault_rate": args.fault_rate,
        "fault_status": args.fault_status,
        "fault_phase": args.fault_phase,
        "fault_paths": args.fault_paths,
        "retry_after": args.retry_after,
        "latency_ms": args.latency_ms,
        "agent_ready_delay": agent_delay,
        "document_ready_delay": doc_delay,
        "honour_idempotency_key": bool(args.honour_idempotency_key)
        or bool_from_env(ENV_HONOUR_IDEMPOTENCY_KEY),
        "forced_chat_mode": args.forced_chat_mode,
        "rate_limit": args.rate_limit,
        "no_credits": [account_ref(value) for value in args.no_credits],
    }
    return RuntimeConfig(**validate_config_patch(fields))


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    return _parser().parse_args(argv)


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from .app import create_app
    from .request_log import configure_stderr_logging

    keys = list(args.api_key) or keys_from_env()
    if not keys:
        from .testing import default_api_keys

        keys = default_api_keys(1)
        sys.stderr.write(f"no --api-key or DID_EMULATOR_API_KEYS given; generated key: {keys[0]}\n")
    try:
        config = runtime_config(args)
    except ValueError as exc:
        sys.stderr.write(f"invalid option: {exc}\n")
        return 2
    settings = Settings(
        api_keys=tuple(keys),
        db_path=args.db,
        config=config,
        sqlite_synchronous=args.synchronous,
        clock=ManualClock() if args.manual_clock else SystemClock(),
    )
    if not args.quiet:
        configure_stderr_logging()
    app = create_app(settings)
    # What uvicorn.run does for one worker, with a server that says when it is ready.
    server = _announcing_server(
        uvicorn.Config(
            app, host=args.host, port=args.port, loop=args.loop, http=args.http, **UVICORN_SETTINGS
        )
    )
    server.run()
    return 0 if server.started else 3  # uvicorn's STARTUP_FAILURE


def listening_url(host: str, sockets: Sequence[socket.socket]) -> str:
    """``http://HOST:PORT`` of a started server: the host as given, the port as bound (``--port 0``)."""
    port = sockets[0].getsockname()[1] if sockets else 0
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}"


def _announcing_server(config: uvicorn.Config) -> uvicorn.Server:
    """A uvicorn server that prints ``listening on http://HOST:PORT`` to stdout, flushed, once it
    accepts connections (a script can wait for that line instead of polling the health route)."""
    import uvicorn

    class AnnouncingServer(uvicorn.Server):
        async def startup(self, sockets: list[socket.socket] | None = None) -> None:
            await super().startup(sockets=sockets)
            if self.started and not self.should_exit:
                bound = [s for server in self.servers for s in (server.sockets or ())]
                sys.stdout.write(f"listening on {listening_url(self.config.host, bound)}\n")
                sys.stdout.flush()

    return AnnouncingServer(config)


def _reset(args: argparse.Namespace) -> int:
    response = httpx.post(args.url.rstrip("/") + "/_emulator/reset", timeout=10, trust_env=False)
    if response.status_code != 200:
        sys.stderr.write(f"reset failed: HTTP {response.status_code}\n")
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.command == "serve":
        return _serve(args)
    return _reset(args)


if __name__ == "__main__":
    raise SystemExit(main())
