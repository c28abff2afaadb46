"""What both front ends need to speak the engine's gRPC: its generated modules (loaded without the
Pulumi SDK), one-line errors, and status text beside a resource through the engine's Log service.

``import pulumi.runtime.proto`` runs ``pulumi/__init__.py``, which imports the whole SDK (asyncio,
the runtime, automation: about 80 ms), and the native plugin would pay that at every start before the
engine can send its first call. The generated modules need only protobuf and grpc, so, unless the
SDK is already loaded (a program, the dynamic provider host), they are imported from the SDK's own
files under a private package name. protobuf keys message classes by descriptor, so a message built
with either copy is the same class.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import sys
import threading
import traceback
import types
from pathlib import Path
from typing import TYPE_CHECKING, Any

import grpc

from .errors import DEBUG_ENV, DidAgentsError, debug_enabled

if TYPE_CHECKING:
    from pulumi.runtime.proto import engine_pb2, engine_pb2_grpc

__all__ = ["EngineLog", "engine_address", "load", "one_line"]

log = logging.getLogger("pulumi_did_agents.engine")
_PRIVATE = "pulumi_did_agents._pulumi_proto"


def _package() -> str:
    if "pulumi.runtime.proto" in sys.modules:
        return "pulumi.runtime.proto"
    if _PRIVATE not in sys.modules:
        spec = importlib.util.find_spec("pulumi")  # finds the top-level package without running it
        if spec is None or not spec.submodule_search_locations:
            return "pulumi.runtime.proto"
        package = types.ModuleType(_PRIVATE, __doc__)
        package.__path__ = [str(Path(next(iter(spec.submodule_search_locations)), "runtime", "proto"))]
        package.__package__ = _PRIVATE
        sys.modules[_PRIVATE] = package
    return _PRIVATE


def load(name: str) -> Any:
    """The generated module ``name`` (``"provider_pb2"``, ``"engine_pb2_grpc"`` …)."""
    return importlib.import_module(f"{_package()}.{name}")


def one_line(exc: BaseException) -> str:
    """The message the engine shows. Our own errors are already worded for the user; anything else
    is a bug, shown as its type and message with a hint to get the traceback."""
    if debug_enabled():
        return "".join(traceback.format_exception(exc)).rstrip()
    if isinstance(exc, DidAgentsError):
        return " ".join(str(exc).split())
    text = " ".join(str(exc).split()) or "no message"
    return (
        f"internal error in pulumi-did-agents: {type(exc).__name__}: {text} (set {DEBUG_ENV}=1 for details)"
    )


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
        self._messages: Any = None
        self._lock = threading.Lock()

    def _engine(self) -> engine_pb2_grpc.EngineStub | None:
        """The engine's stub, made (with its message module loaded) at the first status sent."""
        with self._lock:
            if self._stub is None and self._address:
                self._messages = load("engine_pb2")
                self._stub = load("engine_pb2_grpc").EngineStub(grpc.insecure_channel(self._address))
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
            request: engine_pb2.LogRequest = self._messages.LogRequest(
                severity=self._messages.INFO, message=message, urn=urn, ephemeral=ephemeral
            )
            engine.Log(request, timeout=5)
        except grpc.RpcError as exc:
            log.debug("could not send status to the engine: %s", exc)
