"""``did-agents-emulator serve|reset`` command line."""

from __future__ import annotations

import argparse
import logging
import sys

import httpx

from .settings import (
    ENV_AGENT_READY_DELAY,
    ENV_DOCUMENT_READY_DELAY,
    FAULT_STATUSES,
    RuntimeConfig,
    Settings,
    float_from_env,
    keys_from_env,
    validate_config_patch,
)

log = logging.getLogger("did_agents_emulator")


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
        "--agent-ready-delay", type=float, default=None, help=f"seconds (env {ENV_AGENT_READY_DELAY})"
    )
    serve.add_argument(
        "--document-ready-delay", type=float, default=None, help=f"seconds (env {ENV_DOCUMENT_READY_DELAY})"
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
    reset = sub.add_parser("reset", help="wipe a running emulator's data")
    reset.add_argument("--url", required=True)
    return parser


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from .app import create_app
    from .request_log import configure_stderr_logging

    keys = list(args.api_key) or keys_from_env()
    if not keys:
        from .testing import default_api_keys

        keys = default_api_keys(1)
        sys.stderr.write(f"no --api-key or DID_EMULATOR_API_KEYS given; generated key: {keys[0]}\n")
    agent_delay = (
        args.agent_ready_delay
        if args.agent_ready_delay is not None
        else float_from_env(ENV_AGENT_READY_DELAY, 0.0)
    )
    doc_delay = (
        args.document_ready_delay
        if args.document_ready_delay is not None
        else float_from_env(ENV_DOCUMENT_READY_DELAY, 0.0)
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
    }
    try:
        config = RuntimeConfig(**validate_config_patch(fields))
    except ValueError as exc:
        sys.stderr.write(f"invalid option: {exc}\n")
        return 2
    settings = Settings(
        api_keys=tuple(keys), db_path=args.db, config=config, sqlite_synchronous=args.synchronous
    )
    if not args.quiet:
        configure_stderr_logging()
    app = create_app(settings)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", access_log=False)
    return 0


def _reset(args: argparse.Namespace) -> int:
    response = httpx.post(args.url.rstrip("/") + "/_emulator/reset", timeout=10, trust_env=False)
    if response.status_code != 200:
        sys.stderr.write(f"reset failed: HTTP {response.status_code}\n")
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "serve":
        return _serve(args)
    return _reset(args)


if __name__ == "__main__":
    raise SystemExit(main())
