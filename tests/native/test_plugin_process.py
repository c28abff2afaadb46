"""The plugin executable as the engine runs it: port on stdout, concurrent calls, status, engine death."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent import futures
from pathlib import Path

import grpc
import pytest
from google.protobuf import empty_pb2
from pulumi.runtime.proto import engine_pb2, engine_pb2_grpc, provider_pb2, provider_pb2_grpc

from did_agents_emulator.testing import EmulatorServer
from pulumi_did_agents import __version__
from pulumi_did_agents.native.marshal import encode
from pulumi_did_agents.native.serve import WORKERS
from tests.native.conftest import PLUGIN
from tests.native.plugin import urn
from tests.provider.conftest import OWNER


class FakeEngine(engine_pb2_grpc.EngineServicer):  # type: ignore[misc]
    """Collects the plugin's log messages, as the engine shows them beside a resource."""

    def __init__(self) -> None:
        self.logs: list[engine_pb2.LogRequest] = []

    def Log(self, request: engine_pb2.LogRequest, context: grpc.ServicerContext) -> empty_pb2.Empty:
        self.logs.append(request)
        return empty_pb2.Empty()


@pytest.fixture
def fake_engine() -> Iterator[tuple[FakeEngine, str]]:
    engine = FakeEngine()
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
    engine_pb2_grpc.add_EngineServicer_to_server(engine, server)
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    yield engine, f"127.0.0.1:{port}"
    server.stop(0)


@pytest.fixture
def plugin_stub(
    plugin_dir: Path, fake_engine: tuple[FakeEngine, str]
) -> Iterator[provider_pb2_grpc.ResourceProviderStub]:
    """The installed executable, started with the engine's arguments; a stub on the port it prints."""
    process = subprocess.Popen(
        [str(plugin_dir / PLUGIN), "--logtostderr", "-v=0", fake_engine[1]],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    port = int(process.stdout.readline().strip())
    with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
        yield provider_pb2_grpc.ResourceProviderStub(channel)
    process.kill()
    process.wait(timeout=10)


def configure(stub: provider_pb2_grpc.ResourceProviderStub, emulator: EmulatorServer) -> None:
    args = encode({"apiUrl": emulator.url, "apiKey": emulator.api_key, "owner": OWNER}, {("apiKey",)})
    stub.Configure(provider_pb2.ConfigureRequest(args=args, acceptSecrets=True))


def test_the_executable_serves_and_runs_many_creates_at_once(
    plugin_stub: provider_pb2_grpc.ResourceProviderStub, did_emulator: EmulatorServer
) -> None:
    assert plugin_stub.GetPluginInfo(empty_pb2.Empty()).version == __version__
    configure(plugin_stub, did_emulator)
    latency = 0.5
    did_emulator.configure(latency_ms=latency * 1000)
    count = 16
    assert WORKERS >= count

    def create(index: int) -> str:
        request = provider_pb2.CreateRequest(
            urn=urn("KnowledgeBase", f"kb{index}"),
            type="didagents:index:KnowledgeBase",
            properties=encode({"name": f"kb-{index}", "description": "parallel"}),
        )
        response: provider_pb2.CreateResponse = plugin_stub.Create(request, timeout=60)
        return response.id

    started = time.monotonic()
    with futures.ThreadPoolExecutor(max_workers=count) as pool:
        ids = list(pool.map(create, range(count)))
    elapsed = time.monotonic() - started

    assert len(set(ids)) == count
    # One listing (ownership markers, once per process) and one POST each, all at once: about two
    # latencies. Four at a time (the dynamic provider host) would need at least five.
    assert elapsed < 3.5 * latency, f"{count} creates took {elapsed:.2f}s"


def test_waiting_is_reported_to_the_engine_as_status_text(
    plugin_stub: provider_pb2_grpc.ResourceProviderStub,
    did_emulator: EmulatorServer,
    fake_engine: tuple[FakeEngine, str],
) -> None:
    configure(plugin_stub, did_emulator)
    kb = plugin_stub.Create(
        provider_pb2.CreateRequest(
            urn=urn("KnowledgeBase", "kb"),
            type="didagents:index:KnowledgeBase",
            properties=encode({"name": "kb", "description": "docs"}),
        )
    )
    did_emulator.configure(document_ready_delay=0.6)
    doc_urn = urn("Document", "doc")
    plugin_stub.Create(
        provider_pb2.CreateRequest(
            urn=doc_urn,
            type="didagents:index:Document",
            properties=encode(
                {
                    "knowledgeId": kb.id,
                    "sourceUrl": "data:text/plain,hello%20there",
                    "title": "Hello",
                    "documentType": "text",
                }
            ),
        )
    )
    statuses = [log for log in fake_engine[0].logs if log.urn == doc_urn]
    assert statuses and all(log.ephemeral for log in statuses)
    assert "waiting for 'Hello' to be ingested" in statuses[0].message


def _gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return True
    return "\nState:\tZ" in state  # exited, waiting to be reaped by whoever adopted it


def _wait_gone(pid: int) -> bool:
    deadline = time.monotonic() + 10
    while not _gone(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    if _gone(pid):
        return True
    os.kill(pid, 9)
    return False


def test_the_plugin_exits_when_the_process_that_started_it_dies(
    plugin_dir: Path, fake_engine: tuple[FakeEngine, str]
) -> None:
    """Plugins run in their own process group, so a killed engine does not take them along."""
    parent = subprocess.Popen(
        ["sh", "-c", f'"{plugin_dir / PLUGIN}" {fake_engine[1]} >/dev/null 2>&1 & echo $!; sleep 1'],
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    assert parent.stdout is not None
    pid = int(parent.stdout.readline())
    parent.wait(timeout=10)  # the stand-in engine process is gone; its gRPC port is still open
    assert _wait_gone(pid), "the plugin kept running after the process that started it died"


def test_the_plugin_exits_when_the_engines_port_closes(plugin_dir: Path) -> None:
    """A parent that outlives the engine (a wrapper script) must not keep the plugin acting for it."""
    engine = grpc.server(futures.ThreadPoolExecutor(max_workers=1))
    port = engine.add_insecure_port("127.0.0.1:0")
    engine.start()
    plugin = subprocess.Popen(
        [str(plugin_dir / PLUGIN), f"127.0.0.1:{port}"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    )
    assert plugin.stdout is not None
    plugin.stdout.readline()
    time.sleep(1.5)
    assert plugin.poll() is None  # alive while the engine is
    engine.stop(0)
    try:
        assert plugin.wait(timeout=10) == 0
    finally:
        plugin.kill()


def test_serving_never_imports_the_pulumi_sdk() -> None:
    """The SDK's import is most of a Python plugin's start, paid before the engine's first call; the
    plugin serves every call (schema aside) from the generated gRPC modules alone."""
    probe = (
        "import sys\n"
        "from pulumi_did_agents.native import serve, server\n"
        "from pulumi_did_agents.native.marshal import encode\n"
        "provider = server.DidAgentsProvider()\n"
        "owner = encode({'owner': 'probe.dev.1', 'offline': 'true'}, set())\n"
        "provider.Configure(server.provider_pb2.ConfigureRequest(args=owner), None)\n"
        "request = server.provider_pb2.CheckRequest(urn='urn:pulumi:s::p::didagents:index:KnowledgeBase::kb',"
        " news=encode({'name': 'kb', 'description': 'd'}, set()))\n"
        "response = provider.Check(request, None)\n"
        "assert not response.failures, response.failures\n"
        "print(sorted(m for m in sys.modules if m == 'pulumi' or m.startswith('pulumi.')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False, timeout=60,
        env={**os.environ, "DID_API_URL": "http://127.0.0.1:9", "DID_API_KEY": "probe:key"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
