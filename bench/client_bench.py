"""Provider-side figures: what the typed client and the dynamic provider add over raw HTTP.

Against an in-process emulator (in-memory SQLite), in the same run: a baseline of raw httpx
`GET /agents/{id}`, the typed client's `agents.get` (validation, error mapping, retry plumbing),
and the Agent provider's `check` + `diff` of a whole agent (pure CPU: what a preview costs per
resource before any network). Printed as per-second figures and as ratios to the baseline.
Bounded counts; nothing is asserted about time.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

import httpx
from pulumi.dynamic import Config, ConfigureRequest

import pulumi_did_agents as didagents
from did_agents_emulator.testing import EmulatorServer
from pulumi_did_agents.client import Client
from pulumi_did_agents.dynamic.provider import URN_KEY

URN = f"urn:pulumi:bench::bench::{didagents.AGENT_TYPE}::bench-agent"
N = 300
WARMUP = 20

AGENT = {
    "name": "bench-agent",
    "description": "Benchmark agent",
    "presenter": {"type": "clip", "presenter_id": "v2_public_Amber@0zSz8kflCN"},
    "llm": {"provider": "openai", "model": "gpt-4o-mini", "instructions": "Answer briefly."},
    "greetings": ["Hi!"],
    "starter_messages": ["What can you do?"],
}


def measure(name: str, call: Callable[[], object], n: int = N) -> tuple[str, float, float]:
    for _ in range(WARMUP):
        call()
    latencies = []
    start = time.perf_counter()
    for _ in range(n):
        t0 = time.perf_counter()
        call()
        latencies.append((time.perf_counter() - t0) * 1000)
    return name, n / (time.perf_counter() - start), statistics.median(latencies)


def main() -> None:
    with EmulatorServer() as server:
        provider = didagents.AgentProvider()
        config = {
            "didagents:apiUrl": server.url,
            "didagents:apiKey": server.api_key,
            "didagents:owner": "bench.client.00000000",
        }
        provider.configure(ConfigureRequest(Config(config, "bench")))
        checked = provider.check({}, {**AGENT, URN_KEY: URN}).inputs  # the URN, as programs send it
        created = provider.create(checked)
        olds = {**(created.outs or {}), **checked}
        with (
            httpx.Client(base_url=server.url, headers=server.auth_headers(), trust_env=False) as raw,
            Client(base_url=server.url, api_key=server.api_key) as client,
        ):
            results = [
                measure(
                    "baseline raw httpx GET /agents/{id}",
                    lambda: raw.get(f"/agents/{created.id}").raise_for_status(),
                ),
                measure("client.agents.get", lambda: client.agents.get(created.id)),
                measure(
                    "provider check + diff (no network)",
                    lambda: provider.diff(created.id, olds, provider.check(olds, dict(AGENT)).inputs),
                ),
            ]
    base_rps, base_p50 = results[0][1:]
    print(f"{'operation':38} {'ops/s':>9} {'p50 ms':>8}   ratios to baseline (ops/s, p50)")
    for name, rps, p50 in results:
        print(f"{name:38} {rps:9.1f} {p50:8.3f}   {rps / base_rps:6.2f}x {p50 / base_p50:6.2f}x")


if __name__ == "__main__":
    main()
