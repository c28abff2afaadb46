"""Whether the engine that started this provider is still there (light: no HTTP client imported).

Plugins run in their own process groups, so a killed ``pulumi up`` leaves its providers running.
Both front ends ask before every create and exit once the engine is gone.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time

__all__ = ["engine_alive", "exit_with_engine", "watch_engine"]

log = logging.getLogger("pulumi_did_agents.core")

_PARENT_PID = os.getppid()
"""The process that started this provider: the Pulumi engine. Captured when the provider loads."""

_ENGINE: tuple[str, int] | None = None
"""The engine's gRPC address, once a plugin host has named it (:func:`watch_engine`)."""


def watch_engine(address: str | None) -> None:
    """Also judge the engine's life by its gRPC address (``127.0.0.1:PORT``, a plugin's argument).

    The parent is not always the engine: the SDK's ``pulumi-resource-pulumi-python`` is a shell
    script that runs Python without ``exec``, so a dynamic provider's parent is that shell, which
    lives as long as the provider does. A killed engine's listening socket is closed by the kernel,
    so a refused connection says it is gone on every platform.
    """
    global _ENGINE
    host, sep, port = (address or "").rpartition(":")
    _ENGINE = (host.strip("[]"), int(port)) if sep and host and port.isdigit() else None


def engine_alive() -> bool:
    """False once the engine that started us has exited (we were re-parented, or its port is closed).

    Plugins run in their own process groups, so a killed ``pulumi up`` leaves them running. A
    provider that then created objects would make them for a run that can no longer record them.
    """
    if os.getppid() != _PARENT_PID:
        return False
    if _ENGINE is None:
        return True
    try:
        socket.create_connection(_ENGINE, timeout=2).close()
    except ConnectionRefusedError:
        return False
    except OSError:
        return True  # slow or unusual, not provably gone: acting on a live engine's behalf is right
    return True


def exit_with_engine(address: str | None, what: str, interval: float = 1.0) -> None:
    """Watch the engine at ``address`` and exit this process (``what``, for the log) once it is gone:
    nothing done afterwards could be recorded in the stack's state."""
    watch_engine(address)

    def watch() -> None:
        while engine_alive():
            time.sleep(interval)
        log.warning("the Pulumi engine exited; stopping %s", what)
        os._exit(0)

    threading.Thread(target=watch, name="didagents-engine-watch", daemon=True).start()
