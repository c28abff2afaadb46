"""Status text beside a resource in the CLI ("waiting for … (12s)") and lasting notices, via Log."""

from __future__ import annotations

import logging
import sys
import threading
from typing import TYPE_CHECKING

import grpc

from .proto import load

if TYPE_CHECKING:
    from pulumi.runtime.proto import engine_pb2, engine_pb2_grpc
else:
    engine_pb2, engine_pb2_grpc = load("engine_pb2"), load("engine_pb2_grpc")

__all__ = ["EngineLog", "engine_address"]

log = logging.getLogger("pulumi_did_agents.engine")


def engine_address(argv: list[str] | None = None) -> str | None:
    """Plugins are started as ``<plugin> [flags…] <engine address>``: the last positional argument."""
    args = sys.argv[1:] if argv is None else argv
    positional = [a for a in args if not a.startswith("-")]
    return positional[-1] if positional and ":" in positional[-1] else None


class EngineLog:
    """Sends status messages to the engine; silently does nothing if it cannot."""

    def __init__(self, address: str | None) -> None:
        self._address = address
        self._stub: engine_pb2_grpc.EngineStub | None = None
        self._lock = threading.Lock()

    def _engine(self) -> engine_pb2_grpc.EngineStub | None:
        with self._lock:
            if self._stub is None and self._address:
                self._stub = engine_pb2_grpc.EngineStub(grpc.insecure_channel(self._address))
            return self._stub

    def status(self, urn: str, message: str) -> None:
        """Ephemeral: replaced by the next status, gone when the resource is done."""
        self._send(urn, message, ephemeral=True)

    def notice(self, urn: str, message: str) -> None:
        """A line kept under the resource in the output (an adoption, say)."""
        self._send(urn, message, ephemeral=False)

    def _send(self, urn: str, message: str, *, ephemeral: bool) -> None:
        engine = self._engine()
        if engine is None:
            return
        try:
            request = engine_pb2.LogRequest(
                severity=engine_pb2.INFO, message=message, urn=urn, ephemeral=ephemeral
            )
            engine.Log(request, timeout=5)
        except grpc.RpcError as exc:
            log.debug("could not send status to the engine: %s", exc)
