"""A provider plugin whose resources do nothing: the engine floor of the fleet bench.

``benchnoop:index:Thing`` checks, diffs, creates, reads and deletes without any I/O, served the way
``pulumi-resource-didagents`` is served (a Python gRPC server, the same thread count), so a fleet of
Things under the same engine measures everything but the provider's own work and the API's. It
imports the generated gRPC modules the usual way, through the Pulumi SDK; pulumi-resource-didagents
loads them without the SDK and so starts about 40 ms sooner (the bench prints both start times).
Run by the engine through a ``pulumi-resource-benchnoop`` shim that ``fleet_bench.py`` writes, and
in place of ``pulumi-resource-didagents`` by ``scale_bench.py`` (the same program and state, nothing
done by the plugin).
"""

from __future__ import annotations

import os
import sys
import uuid
from concurrent import futures
from typing import Any

import grpc
from google.protobuf import empty_pb2
from pulumi.runtime.proto import ResourceProviderServicer, plugin_pb2, provider_pb2, provider_pb2_grpc

WORKERS = 64
SAME_STATE = os.environ.get("BENCH_NOOP_SAME_STATE") == "1"
"""Serving a real provider's state in its place (``scale_bench.plugin_swapped``): its inputs went
through that provider's Check, so comparing them with the raw inputs here would see changes that
are none; every Diff answers "no change", the least a plugin can do."""


class NoopProvider(ResourceProviderServicer):  # type: ignore[misc]
    def GetPluginInfo(self, request: Any, context: Any) -> plugin_pb2.PluginInfo:
        return plugin_pb2.PluginInfo(version="0.0.1")

    def CheckConfig(self, request: Any, context: Any) -> provider_pb2.CheckResponse:
        return provider_pb2.CheckResponse(inputs=request.news)

    def DiffConfig(self, request: Any, context: Any) -> provider_pb2.DiffResponse:
        return provider_pb2.DiffResponse(changes=provider_pb2.DiffResponse.DIFF_NONE)

    def Configure(self, request: Any, context: Any) -> provider_pb2.ConfigureResponse:
        return provider_pb2.ConfigureResponse(acceptSecrets=True, supportsPreview=False)

    def Check(self, request: Any, context: Any) -> provider_pb2.CheckResponse:
        return provider_pb2.CheckResponse(inputs=request.news)

    def Diff(self, request: Any, context: Any) -> provider_pb2.DiffResponse:
        if SAME_STATE:
            return provider_pb2.DiffResponse(changes=provider_pb2.DiffResponse.DIFF_NONE)
        olds = request.old_inputs if request.HasField("old_inputs") else request.olds
        same = all(request.news.fields.get(k) == v for k, v in olds.fields.items() if k != "thingId")
        same = same and set(request.news.fields) <= set(olds.fields)
        kind = provider_pb2.DiffResponse.DIFF_NONE if same else provider_pb2.DiffResponse.DIFF_SOME
        return provider_pb2.DiffResponse(changes=kind)

    def Create(self, request: Any, context: Any) -> provider_pb2.CreateResponse:
        thing_id = uuid.uuid4().hex
        properties = provider_pb2.CreateResponse().properties
        properties.CopyFrom(request.properties)
        properties.fields["thingId"].string_value = thing_id
        return provider_pb2.CreateResponse(id=thing_id, properties=properties)

    def Read(self, request: Any, context: Any) -> provider_pb2.ReadResponse:
        return provider_pb2.ReadResponse(id=request.id, properties=request.properties, inputs=request.inputs)

    def Update(self, request: Any, context: Any) -> provider_pb2.UpdateResponse:
        return provider_pb2.UpdateResponse(properties=request.news)

    def Delete(self, request: Any, context: Any) -> empty_pb2.Empty:
        return empty_pb2.Empty()

    def Cancel(self, request: Any, context: Any) -> empty_pb2.Empty:
        return empty_pb2.Empty()


def main() -> None:
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=WORKERS))
    provider_pb2_grpc.add_ResourceProviderServicer_to_server(NoopProvider(), server)
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    sys.stdout.write(f"{port}\n")
    sys.stdout.flush()
    server.wait_for_termination()


if __name__ == "__main__":
    main()
