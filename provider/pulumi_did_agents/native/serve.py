"""The plugin process: a gRPC server on a loopback port, announced on stdout, tied to the engine's life.

``WORKERS`` threads serve calls, so ``pulumi up --parallel N`` runs up to ``N`` creates at once for
any ``N`` up to it (the dynamic provider host has 4); the calls wait on the API, not on the CPU.

The engine waits for the port before it sends the first call, so the port is announced before the
provider (the core, the HTTP client, the schema) is imported; that import runs meanwhile, and a call
arriving before it is done waits for it.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from concurrent import futures
from typing import TYPE_CHECKING, Any, cast

import grpc

from ..core.session import exit_with_engine
from ..grpc_support import EngineLog, engine_address, load

if TYPE_CHECKING:
    from pulumi.runtime.proto import provider_pb2_grpc

    from .server import DidAgentsProvider
else:
    provider_pb2_grpc = load("provider_pb2_grpc")

__all__ = ["WORKERS", "main", "serve"]

log = logging.getLogger("pulumi_did_agents.native")

WORKERS = 64
"""Concurrent engine calls; the session's connection pool holds as many connections."""
_MAX_MESSAGE = 400 * 1024 * 1024  # the engine's own limit for provider messages
_OPTIONS = [("grpc.max_receive_message_length", _MAX_MESSAGE), ("grpc.max_send_message_length", _MAX_MESSAGE)]


class Deferred:
    """Stands in for the provider while it is imported in the background; calls wait for it."""

    def __init__(self, load: Callable[[], DidAgentsProvider]) -> None:
        self._ready = threading.Event()
        self._provider: DidAgentsProvider | None = None
        self._error: BaseException | None = None

        def run() -> None:
            try:
                self._provider = load()
            except BaseException as exc:  # noqa: BLE001 - reported by every call instead
                self._error = exc
            finally:
                self._ready.set()

        threading.Thread(target=run, name="didagents-load", daemon=True).start()

    def provider(self) -> DidAgentsProvider:
        self._ready.wait()
        if self._provider is None:
            raise RuntimeError(f"pulumi-resource-didagents could not load: {self._error}")
        return self._provider

    def __getattr__(self, name: str) -> Any:
        def call(request: Any, context: Any) -> Any:
            return getattr(self.provider(), name)(request, context)

        return call


def serve(provider: DidAgentsProvider | Deferred, address: str = "127.0.0.1:0") -> tuple[grpc.Server, int]:
    """Start serving ``provider``; returns the server and its port."""
    server = grpc.server(
        futures.ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="didagents"), options=_OPTIONS
    )
    provider_pb2_grpc.add_ResourceProviderServicer_to_server(cast(Any, provider), server)
    port = server.add_insecure_port(address)
    server.start()
    return server, port


def _preload_client() -> None:
    """Import the API client (httpx, the models: about 0.3 s of CPU) while the engine is still
    handshaking, instead of in the credential check that ``CheckConfig`` starts and every resource's
    ``Check`` waits for: the engine checks and diffs resources one at a time, so the whole preview waits."""
    try:
        import httpcore  # noqa: F401 - what httpx imports when its first client is made

        from ..client import Client  # noqa: F401
        from ..core import account  # noqa: F401
    except Exception:  # noqa: BLE001 - the check imports them again and reports the failure
        log.debug("preloading the API client failed", exc_info=True)


def main() -> None:
    """Entry point of the ``pulumi-resource-didagents`` executable."""
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="%(name)s: %(message)s")
    address = engine_address()
    exit_with_engine(address, "pulumi-resource-didagents")
    engine_log = EngineLog(address)

    def load() -> DidAgentsProvider:
        from .server import DidAgentsProvider

        threading.Thread(target=_preload_client, name="didagents-preload", daemon=True).start()
        return DidAgentsProvider(progress=engine_log.status, notices=engine_log.notice, engine=address)

    server, port = serve(Deferred(load))
    sys.stdout.write(f"{port}\n")  # the engine reads the port from the first line of stdout
    sys.stdout.flush()
    try:
        server.wait_for_termination()
    except KeyboardInterrupt:
        server.stop(0)
