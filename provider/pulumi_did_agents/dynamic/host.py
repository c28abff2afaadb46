"""Upgrades to the SDK's dynamic-provider gRPC servicer, applied inside its own process.

The engine runs every Python dynamic provider in ``python -m pulumi.dynamic``. That module's
servicer drops what a provider returns beyond ``changes``/``replaces``/``deleteBeforeReplace``,
turns every exception into a Python traceback, hides the resource's URN from the provider, and
keeps running after the engine is gone. Its gRPC handlers are bound when the server starts, so
they cannot be replaced; but they look up two module globals of that ``__main__`` at call time,
``proto`` and ``traceback``. When our provider class is unpickled there, :func:`install` swaps in:

- a ``proto`` whose ``DiffResponse`` also carries ``stables`` and a detailed, per-property diff
  (``hasDetailedDiff``) when one of our providers planned the diff;
- a ``traceback`` whose ``format_exc`` is one line for our errors (``DID_AGENTS_DEBUG=1`` restores
  tracebacks), effective even for the call during which the provider was loaded;

and starts a watchdog that exits the process once the engine that started it has died, so a
killed ``pulumi up`` stops acting on the API. The resource's URN (for ownership markers and status
messages) is read from the servicer's frame, where the engine's request is a local variable.
"""

from __future__ import annotations

import sys
import threading
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType, ModuleType
from typing import Any

from ..core.diff import DiffPlan
from ..core.engine import exit_with_engine
from ..grpc_support import EngineLog, diff_response_fields, engine_address, one_line

__all__ = ["calling", "current_urn", "install", "plan_for_response", "report_notice", "report_status"]

_SERVED = frozenset({"Check", "Diff", "Create", "Read", "Update", "Delete"})
_local = threading.local()
_engine_log: EngineLog | None = None
_installed = False


def current_urn() -> str | None:
    """The URN of the resource whose engine call this thread is serving."""
    urn: str | None = getattr(_local, "urn", None)
    if urn:
        return urn
    frame: FrameType | None = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_name in _SERVED:
            found = str(getattr(frame.f_locals.get("request"), "urn", "") or "")
            if found:
                return found
        frame = frame.f_back
    return None


@contextmanager
def calling(urn: str) -> Iterator[None]:
    """Serve calls for ``urn`` on this thread (how tests call providers directly)."""
    previous = getattr(_local, "urn", None)
    _local.urn = urn
    try:
        yield
    finally:
        _local.urn = previous


def plan_for_response(plan: DiffPlan) -> None:
    """Hand a diff plan to the ``DiffResponse`` the servicer is about to build on this thread."""
    _local.plan = plan


def report_status(urn: str, message: str) -> None:
    if _engine_log is not None:
        _engine_log.status(urn, message)


def report_notice(urn: str, message: str) -> None:
    if _engine_log is not None:
        _engine_log.notice(urn, message)


class _OneLineTracebacks:
    """Stands in for the ``traceback`` module of the servicer's module."""

    def __getattr__(self, name: str) -> Any:
        return getattr(traceback, name)

    @staticmethod
    def format_exc(*args: Any, **kwargs: Any) -> str:
        exc = sys.exc_info()[1]
        return one_line(exc) if exc is not None else traceback.format_exc(*args, **kwargs)


class _DiffResponses:
    """``proto.DiffResponse`` (its constants too), built from our plan when one is waiting."""

    def __init__(self, message: Any) -> None:
        self._message = message

    def __getattr__(self, name: str) -> Any:
        return getattr(self._message, name)

    def __call__(self, **fields: Any) -> Any:
        plan: DiffPlan | None = getattr(_local, "plan", None)
        _local.plan = None
        if plan is not None:
            fields = diff_response_fields(plan)
        return self._message(**fields)


class _ProtoWithPlans:
    """Stands in for the servicer's ``proto`` module."""

    def __init__(self, proto: ModuleType) -> None:
        self._proto = proto
        self.DiffResponse = _DiffResponses(proto.DiffResponse)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._proto, name)


def install() -> bool:
    """Upgrade this ``python -m pulumi.dynamic`` process; True if it is (now) done."""
    global _engine_log, _installed
    if _installed:
        return True
    main = sys.modules.get("__main__")
    if main is None or not hasattr(main, "DynamicResourceProviderServicer"):
        return False
    proto = getattr(main, "proto", None)
    if not isinstance(proto, ModuleType) or not hasattr(proto, "DiffResponse"):
        return False
    main.proto = _ProtoWithPlans(proto)  # type: ignore[attr-defined]
    main.traceback = _OneLineTracebacks()  # type: ignore[attr-defined]
    address = engine_address()
    _engine_log = EngineLog(address)
    exit_with_engine(address, "the dynamic provider")
    _installed = True
    return True
