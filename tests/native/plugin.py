"""Drive the provider servicer in-process as the engine would: requests in, decoded bags out."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import grpc
from pulumi.runtime.proto import provider_pb2

from did_agents_emulator.testing import EmulatorServer
from pulumi_did_agents.core.markers import marker_for
from pulumi_did_agents.native.marshal import Bag, Path, decode, encode
from pulumi_did_agents.native.server import DidAgentsProvider
from tests.provider.conftest import OWNER

STACK = "dev"
PROJECT = "native-tests"


def urn(kind: str, name: str) -> str:
    return f"urn:pulumi:{STACK}::{PROJECT}::didagents:index:{kind}::{name}"


class Aborted(Exception):
    """What the servicer answered instead of a response."""

    def __init__(self, code: grpc.StatusCode, details: str, trailing: Iterable[tuple[str, Any]] = ()) -> None:
        super().__init__(details)
        self.code = code
        self.details = details
        self.trailing = dict(trailing)


class Context:
    """The part of ``grpc.ServicerContext`` the servicer uses."""

    def abort(self, code: grpc.StatusCode, details: str) -> None:
        raise Aborted(code, details)

    def abort_with_status(self, status: Any) -> None:
        raise Aborted(status.code, status.details, status.trailing_metadata)


@dataclass
class Plugin:
    provider: DidAgentsProvider
    statuses: list[tuple[str, str]] = field(default_factory=list)

    def configure(
        self, args: Mapping[str, Any], secrets: Iterable[Path] = ()
    ) -> provider_pb2.ConfigureResponse:
        args = {"owner": OWNER, **args}  # every stack instance has its owner id (did-agents init)
        request = provider_pb2.ConfigureRequest(args=encode(args, secrets), acceptSecrets=True)
        response: provider_pb2.ConfigureResponse = self.provider.Configure(request, Context())
        return response

    def check(
        self,
        kind: str,
        news: Mapping[str, Any],
        olds: Mapping[str, Any] | None = None,
        secrets: Iterable[Path] = (),
    ) -> tuple[Bag, list[str]]:
        request = provider_pb2.CheckRequest(
            urn=urn(kind, "r"),
            type=f"didagents:index:{kind}",
            news=encode(news, secrets),
            olds=encode(olds or {}),
        )
        response = self.provider.Check(request, Context())
        return decode(response.inputs), [f.reason for f in response.failures]

    def checked(self, kind: str, news: Mapping[str, Any], secrets: Iterable[Path] = ()) -> Bag:
        bag, failures = self.check(kind, news, secrets=secrets)
        assert failures == [], failures
        return bag

    def diff(
        self, kind: str, old_inputs: Bag, news: Bag, state: Bag | None = None, name: str = "r"
    ) -> provider_pb2.DiffResponse:
        """``state``: the old outputs the engine sends as ``olds`` (default: the old inputs, and the
        ownership marker this stack instance gave the object ``name``)."""
        if state is None and kind in ("Agent", "KnowledgeBase"):
            marker = marker_for(OWNER, urn(kind, name))
            state = Bag({**old_inputs.values, "ownerMarker": marker}, old_inputs.secrets)
        olds = state or old_inputs
        request = provider_pb2.DiffRequest(
            id="x",
            urn=urn(kind, name),
            type=f"didagents:index:{kind}",
            olds=encode(olds.values, olds.secrets),
            old_inputs=encode(old_inputs.values, old_inputs.secrets),
            news=encode(news.values, news.secrets),
        )
        response: provider_pb2.DiffResponse = self.provider.Diff(request, Context())
        return response

    def create(self, kind: str, name: str, inputs: Bag, *, preview: bool = False) -> tuple[str, Bag]:
        request = provider_pb2.CreateRequest(
            urn=urn(kind, name),
            type=f"didagents:index:{kind}",
            properties=encode(inputs.values, inputs.secrets),
            preview=preview,
        )
        response = self.provider.Create(request, Context())
        return response.id, decode(response.properties)

    def read(
        self, kind: str, id_: str, state: Bag | None = None, inputs: Bag | None = None
    ) -> tuple[str, Bag, Bag]:
        request = provider_pb2.ReadRequest(id=id_, urn=urn(kind, "r"), type=f"didagents:index:{kind}")
        if state is not None:
            request.properties.CopyFrom(encode(state.values, state.secrets))
        if inputs is not None:
            request.inputs.CopyFrom(encode(inputs.values, inputs.secrets))
        response = self.provider.Read(request, Context())
        return response.id, decode(response.properties), decode(response.inputs)

    def update(self, kind: str, name: str, id_: str, state: Bag, news: Bag, *, preview: bool = False) -> Bag:
        request = provider_pb2.UpdateRequest(
            id=id_,
            urn=urn(kind, name),
            type=f"didagents:index:{kind}",
            olds=encode(state.values, state.secrets),
            news=encode(news.values, news.secrets),
            preview=preview,
        )
        return decode(self.provider.Update(request, Context()).properties)

    def delete(self, kind: str, id_: str, state: Bag) -> None:
        request = provider_pb2.DeleteRequest(
            id=id_,
            urn=urn(kind, "r"),
            type=f"didagents:index:{kind}",
            properties=encode(state.values, state.secrets),
        )
        self.provider.Delete(request, Context())


def configured_plugin(emulator: EmulatorServer) -> Plugin:
    statuses: list[tuple[str, str]] = []
    plugin = Plugin(
        DidAgentsProvider(progress=lambda urn, message: statuses.append((urn, message))), statuses
    )
    plugin.configure({"apiUrl": emulator.url, "apiKey": emulator.api_key}, secrets=[("apiKey",)])
    return plugin
