"""Errors for the engine: one line for what users can act on, tracebacks only when debugging."""

from __future__ import annotations

import traceback

from ..errors import DEBUG_ENV, DidAgentsError, debug_enabled

__all__ = ["one_line"]


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
