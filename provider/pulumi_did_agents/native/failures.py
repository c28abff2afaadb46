"""How a failed engine call is answered: one line, and for a half-finished create, what exists.

Every failure becomes ``UNKNOWN: <one line>`` (tracebacks only with ``DID_AGENTS_DEBUG=1``). A create
that made its object but could not see it become ready (``IncompleteCreate``) is answered as the
engine's partial failure, ``ErrorResourceInitFailed`` with the id and properties in the gRPC status
details, so the engine records the object (and its next ``up`` finishes or replaces it) instead of
forgetting it.
"""

from __future__ import annotations

import collections
import logging
import re
from collections.abc import Callable, Sequence
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeVar

import grpc
from google.protobuf import any_pb2, struct_pb2
from google.rpc import status_pb2

from ..grpc_support import load, one_line
from ..spec import Prop
from .marshal import engine_path

if TYPE_CHECKING:
    from pulumi.runtime.proto import provider_pb2
else:
    provider_pb2 = load("provider_pb2")

__all__ = ["PartialCreate", "engine_message", "served"]

log = logging.getLogger("pulumi_did_agents.native")

R = TypeVar("R")
_DETAILS_KEY = "grpc-status-details-bin"


class PartialCreate(Exception):
    """The object exists but is not ready: report it to the engine with its id and properties."""

    def __init__(self, message: str, id_: str, properties: struct_pb2.Struct, inputs: struct_pb2.Struct):
        super().__init__(message)
        self.detail = provider_pb2.ErrorResourceInitFailed(
            id=id_, properties=properties, inputs=inputs, reasons=[message]
        )


class _Status(
    collections.namedtuple("_Status", ("code", "details", "trailing_metadata")),
    grpc.Status,  # type: ignore[misc]
):
    """What ``ServicerContext.abort_with_status`` takes (as ``grpc_status.rpc_status`` builds it)."""


def _abort_partial(context: grpc.ServicerContext, failure: PartialCreate) -> None:
    message = one_line(failure)
    detail = any_pb2.Any()
    detail.Pack(failure.detail)
    rich = status_pb2.Status(code=grpc.StatusCode.UNKNOWN.value[0], message=message, details=[detail])
    context.abort_with_status(
        _Status(grpc.StatusCode.UNKNOWN, message, ((_DETAILS_KEY, rich.SerializeToString()),))
    )


def served(
    method: Callable[[Any, Any, grpc.ServicerContext], R],
) -> Callable[[Any, Any, grpc.ServicerContext], R]:
    """Answer any exception of an engine call as one line (a partial create with its details)."""

    @wraps(method)
    def call(self: Any, request: Any, context: grpc.ServicerContext) -> R:
        try:
            return method(self, request, context)
        except PartialCreate as failure:
            _abort_partial(context, failure)
            raise  # abort_with_status raises; this line is never reached
        except Exception as exc:  # noqa: BLE001 - every failure goes to the engine, as one line
            log.debug("%s failed", method.__name__, exc_info=True)
            context.abort(grpc.StatusCode.UNKNOWN, one_line(exc))
            raise  # context.abort raises; this line is never reached

    return call


_MESSAGE = re.compile(r"^(?P<what>\w+ \w+): (?P<path>[a-z][a-z0-9_]*(?:[.\[][\w.\[\]/-]*)?): ")


def engine_message(props: Sequence[Prop], message: str) -> str:
    """The core's ``Agent create: starter_messages: …`` with the input named as the program names it."""
    match = _MESSAGE.match(message)
    if match is None:
        return message
    renamed = engine_path(props, match["path"])
    return f"{match['what']}: {renamed}: {message[match.end() :]}"
