"""The dynamic provider's process (``python -m pulumi.dynamic``): our own additions beside the SDK's servicer.

The provider keeps to the documented dynamic-provider contract: what it needs arrives as inputs or
config (the resource's URN as the hidden input ``__urn``, see resource.py; the stack instance's
owner id as ``didagents:owner``), and it answers with the SDK's result classes and exceptions. The
servicer's module is never touched. When our provider is loaded in that process, :func:`install`
adds only what documented interfaces allow:

- one-line errors: the servicer reports a failed call as ``traceback.format_exc()``. With Python's
  ``sys.tracebacklimit = 0`` that is just the exception's last line, and :func:`for_engine` makes
  that line ``pulumi-did-agents: <message>`` (``DID_AGENTS_DEBUG=1`` keeps full tracebacks). The
  limit holds for the whole process, so other dynamic providers in the same program lose their
  tracebacks too;
- status text beside a resource ("waiting for agent … (12s)") and notices, sent to the engine's
  ``Log`` service at the address the engine passes every plugin;
- a watchdog that exits the process once the engine that started it has died, so a killed
  ``pulumi up`` stops acting on the API.
"""

from __future__ import annotations

import sys

from ..core.session import exit_with_engine
from ..errors import debug_enabled
from ..grpc_support import EngineLog, engine_address, one_line

__all__ = ["EngineError", "for_engine", "install", "installed", "report_notice", "report_status"]

_SERVER_MODULE = "pulumi.dynamic.__main__"
_engine_log: EngineLog | None = None
_installed = False


class EngineError(Exception):
    """A failed engine call as the servicer shows it: with no traceback, ``format_exc()`` prints
    ``<module>.<qualname>: <message>``, and Python leaves out the module ``builtins``."""


EngineError.__module__ = "builtins"
EngineError.__qualname__ = "pulumi-did-agents"


def for_engine(exc: Exception) -> Exception:
    """What to raise to the servicer for ``exc``: one line in this process (unless debugging), else
    ``exc`` itself. Raise it ``from None``, so that no chained exception is printed either."""
    if not _installed or debug_enabled():
        return exc
    return EngineError(one_line(exc))


def _in_server_process() -> bool:
    """Whether this process is the SDK's dynamic provider server (``python -m`` records the module
    it ran as ``__main__.__spec__``); in a program's process, providers are only declared."""
    spec = getattr(sys.modules.get("__main__"), "__spec__", None)
    return getattr(spec, "name", None) == _SERVER_MODULE


def installed() -> bool:
    return _installed


def install() -> bool:
    """Set up this ``python -m pulumi.dynamic`` process, once; False (and nothing done) elsewhere."""
    global _engine_log, _installed
    if _installed:
        return True
    if not _in_server_process():
        return False
    if not debug_enabled():
        sys.tracebacklimit = 0
    address = engine_address()
    _engine_log = EngineLog(address)
    exit_with_engine(address, "the dynamic provider")
    _installed = True
    return True


def report_status(urn: str, message: str) -> None:
    if _engine_log is not None:
        _engine_log.status(urn, message)


def report_notice(urn: str, message: str) -> None:
    if _engine_log is not None:
        _engine_log.notice(urn, message)
