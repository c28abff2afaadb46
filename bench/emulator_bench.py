"""Emulator micro-benchmark: requests/second and p50/p99 latency over loopback.

Runs an ``EmulatorServer`` on a SQLite file in a temp dir and measures, in the same run, a baseline
(``GET /_emulator/health``: HTTP + framework cost only) and get-agent, create-agent and chat over a
knowledge base of 5 documents; each figure is also printed as a ratio to the baseline. Request
counts are bounded; nothing is asserted about time.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from did_agents_emulator.testing import EmulatorServer

N = 300
WARMUP = 20
TOPICS = ["warranty", "shipping", "returns", "descaling", "safety"]


def _document(topic: str) -> str:
    body = " ".join(
        f"Section {i} about {topic}: the {topic} policy sentence number {i} explains details for customers."
        for i in range(60)
    )
    return "data:text/plain," + body.replace(" ", "%20")


def measure(name: str, call: Callable[[], httpx.Response], n: int = N) -> tuple[str, float, float, float]:
    for _ in range(WARMUP):
        call().raise_for_status()
    latencies = []
    start = time.perf_counter()
    for _ in range(n):
        t0 = time.perf_counter()
        call().raise_for_status()
        latencies.append((time.perf_counter() - t0) * 1000)
    elapsed = time.perf_counter() - start
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    return name, n / elapsed, statistics.median(latencies), p99


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp, EmulatorServer(db_path=str(Path(tmp) / "bench.db")) as server:
        with httpx.Client(
            base_url=server.url, headers=server.auth_headers(), trust_env=False, timeout=30
        ) as api:
            kb = api.post("/knowledge", json={"name": "bench", "description": "bench"}).json()
            for topic in TOPICS:
                api.post(
                    f"/knowledge/{kb['id']}/documents", json={"title": topic, "source_url": _document(topic)}
                ).raise_for_status()
            presenter = {"type": "talk", "source_url": "https://example.com/a.png"}
            agent = api.post("/agents", json={"presenter": presenter, "knowledge": {"id": kb["id"]}}).json()
            chat = api.post(f"/agents/{agent['id']}/chat", json={}).json()
            message = {
                "messages": [{"role": "user", "content": "What is the warranty policy?", "created_at": "x"}]
            }
            results = [
                measure("baseline GET /_emulator/health", lambda: api.get("/_emulator/health")),
                measure("get-agent", lambda: api.get(f"/agents/{agent['id']}")),
                measure("create-agent", lambda: api.post("/agents", json={"presenter": presenter})),
                measure(
                    "chat (KB of 5 documents)",
                    lambda: api.post(f"/agents/{agent['id']}/chat/{chat['id']}", json=message),
                    n=N // 2,
                ),
            ]
    base_rps, base_p50, base_p99 = results[0][1:]
    print(f"{'operation':34} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8}   ratios to baseline (rps, p50, p99)")
    for name, rps, p50, p99 in results:
        print(
            f"{name:34} {rps:9.1f} {p50:8.2f} {p99:8.2f}   "
            f"{rps / base_rps:5.2f}x  {p50 / base_p50:5.2f}x  {p99 / base_p99:5.2f}x"
        )


if __name__ == "__main__":
    main()
