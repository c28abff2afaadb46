"""Emulator throughput against a bare Starlette app, and kill -9 durability (issue 8, item 9).

    .venv/bin/python bench/emulator_throughput.py [--rounds 5] [--seconds 2] [--connections 64]
                                                  [--loop auto] [--http auto] [--only get|chat|kill]

In the same run, on the same machine, with the same load generator, concurrency and uvicorn settings:

* **baseline**: ``bench/baseline_app.py``, a bare Starlette app (the same two routes answering a fixed
  JSON body: no middleware, auth, validation or database);
* **emulator**: ``did-agents-emulator serve`` (the CLI as shipped) on a SQLite file with its defaults
  (WAL, ``synchronous=FULL``) and ``--quiet`` (neither server logs requests).

Both run as one uvicorn process with ``did_agents_emulator.cli.UVICORN_SETTINGS`` and the same
``--loop``/``--http`` (default ``auto``: uvloop and httptools if installed, else asyncio and h11).

Operations: ``GET /agents/{id}``, and chat (``POST /agents/{id}/chat/{chatId}``) with a grounded question
to an agent whose knowledge base holds one ingested document (a ~1,800-word manual, 29 chunks); every
load connection has its own chat, so every message is stored (two turns, committed before the answer).

The load generator is this process: a closed loop of HTTP/1.1 keep-alive connections over asyncio
(uvloop when installed), each with one request in flight, reading just the status line and
``Content-Length``. With two or more CPUs both servers are pinned to one CPU and the generator to
another, so each side has a core of its own; the table shows both sides' CPU use: a generator well
below 100 % while the server is near 100 % means the server is what is measured. Errors are non-2xx
answers and broken connections. Each round measures baseline and emulator back to back (alternating
which goes first); the verdict uses the median ratio of the rounds (their spread is printed) and
zero errors. The ratio per second of server CPU is printed too: it holds when other processes take
part of the servers' core, which makes req/s noisy.

Durability: 16 writers issue ``POST /agents``, the emulator is killed with SIGKILL mid-run and
restarted on the same file, and every create that got a 2xx answer must be listed.

``main()`` prints the table and returns 0 when every target is met, else 1. Nothing here is a test:
wall-clock figures are never asserted in pytest.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import functools
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import httpx

HERE = Path(__file__).resolve().parent
API_KEY = "bench-user:bench-secret"
AUTH = f"Basic {API_KEY}"
GET_AGENT, CHAT = "GET /agents/{id}", "chat (grounded, KB)"
TARGETS = {GET_AGENT: 0.30, CHAT: 0.10}
KILL_WRITERS, KILL_AFTER = 16, 1.5
STARVED = 0.85  # server CPU below this: something else ran on its core
QUESTION = "How long is the warranty?"
TOPICS = {
    "warranty": "The warranty lasts two years from the date of purchase and covers defects in materials.",
    "shipping": "Orders ship within three business days and tracking numbers arrive by email.",
    "returns": "Unused products may be returned within thirty days for a full refund of the price.",
    "descaling": "Descale the machine every three months with the supplied citric acid solution.",
    "safety": "Never immerse the base in water and unplug the machine before cleaning it.",
}


def manual() -> str:
    """A ~1,800-word product manual: five sections of fifteen notes (29 chunks of 80 words)."""
    sections = []
    for topic, sentence in TOPICS.items():
        lines = [f"{topic.title()}", ""]
        for i in range(15):
            lines.append(f"Note {i + 1} on {topic}: {sentence} Keep this page for future reference.")
        sections.append("\n".join(lines))
    return "\n\n".join(sections)


# -- load generator ------------------------------------------------------------------------------


@dataclass
class _Load:
    """Shared state of one closed-loop run."""

    running: bool = True
    recording: bool = False
    count: int = 0
    errors: int = 0
    latencies: list[float] = field(default_factory=list)
    on_body: Callable[[int, bytes], None] | None = None
    open_connections: int = 0
    all_closed: asyncio.Event = field(default_factory=asyncio.Event)


class _Client(asyncio.Protocol):
    """One keep-alive connection with one request in flight; parses status and Content-Length only."""

    def __init__(self, load: _Load, request: bytes) -> None:
        self.load = load
        self.request = request
        self.transport: asyncio.Transport | None = None
        self.buf = b""
        self.end = -1  # end of the current response in ``buf``, once its head is parsed
        self.length = 0
        self.status = 0
        self.sent_at = 0.0

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)  # uvloop's are not asyncio.Transport subclasses
        self.load.open_connections += 1
        self._send()

    def _send(self) -> None:
        assert self.transport is not None
        self.sent_at = time.perf_counter()
        self.transport.write(self.request)

    def data_received(self, data: bytes) -> None:
        buf = self.buf + data if self.buf else data
        if self.end < 0:
            head_end = buf.find(b"\r\n\r\n")
            if head_end < 0:
                self.buf = buf
                return
            head = buf[:head_end].lower()
            at = head.find(b"\r\ncontent-length:")
            if at < 0:  # every answer of both servers has a length; anything else is broken
                self._fail()
                return
            line_end = head.find(b"\r\n", at + 2)
            self.length = int(head[at + 17 : line_end if line_end > 0 else None])
            self.status = int(buf[9:12])
            self.end = head_end + 4 + self.length
        if len(buf) < self.end:
            self.buf = buf
            return
        load = self.load
        if load.recording:
            load.count += 1
            load.latencies.append(time.perf_counter() - self.sent_at)
            if not 200 <= self.status < 300:
                load.errors += 1
        if load.on_body is not None:
            load.on_body(self.status, buf[self.end - self.length : self.end])
        self.buf, self.end = buf[self.end :], -1
        if load.running:
            self._send()
        elif self.transport is not None:
            self.transport.close()

    def _fail(self) -> None:
        if self.load.running:
            self.load.errors += 1
        if self.transport is not None:
            self.transport.close()

    def connection_lost(self, exc: Exception | None) -> None:
        if self.load.running:  # the server closed a connection mid-run
            self.load.errors += 1
        self.load.open_connections -= 1
        if self.load.open_connections == 0:
            self.load.all_closed.set()


def _server_cpu_seconds(pid: int) -> float:
    """utime + stime of a process (all its threads), from /proc; 0 where there is no /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Result:
    requests: int
    errors: int
    seconds: float
    p50_ms: float
    p99_ms: float
    client_cpu: float  # fraction of one core
    server_cpu: float

    @property
    def rps(self) -> float:
        return self.requests / self.seconds


async def run_load(
    port: int,
    requests: list[bytes],
    *,
    connections: int,
    warmup: float,
    seconds: float,
    server_pid: int,
) -> Result:
    """Closed-loop load: ``connections`` connections, connection ``i`` repeating ``requests[i % len]``."""
    loop = asyncio.get_running_loop()
    load = _Load()
    for i in range(connections):
        factory = functools.partial(_Client, load, requests[i % len(requests)])
        await loop.create_connection(factory, "127.0.0.1", port)
    await asyncio.sleep(warmup)
    load.recording = True
    cpu0, srv0, t0 = time.process_time(), _server_cpu_seconds(server_pid), time.perf_counter()
    await asyncio.sleep(seconds)
    load.recording = False
    elapsed = time.perf_counter() - t0
    cpu, srv = time.process_time() - cpu0, _server_cpu_seconds(server_pid) - srv0
    load.running = False
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(load.all_closed.wait(), timeout=30)
    lat = sorted(load.latencies) or [0.0]
    return Result(
        requests=load.count,
        errors=load.errors,
        seconds=elapsed,
        p50_ms=statistics.median(lat) * 1000,
        p99_ms=lat[min(len(lat) - 1, int(len(lat) * 0.99))] * 1000,
        client_cpu=cpu / elapsed,
        server_cpu=srv / elapsed,
    )


def http_request(method: str, path: str, body: Any = None) -> bytes:
    """The exact bytes of one request (both servers get the same headers)."""
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", f"Authorization: {AUTH}"]
    payload = b""
    if body is not None:
        payload = json.dumps(body).encode()
        lines += ["Content-Type: application/json", f"Content-Length: {len(payload)}"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + payload


# -- servers -------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _pin(pid: int, cpus: set[int] | None) -> None:
    if cpus is not None:
        os.sched_setaffinity(pid, cpus)


@contextlib.contextmanager
def serve(
    cmd: list[str], port: int, health: str, log: Path, cpus: set[int] | None
) -> Iterator[subprocess.Popen[bytes]]:
    """Start a server process, pin it, wait until ``health`` answers 200; terminate it afterwards."""
    with log.open("ab") as err:
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err)  # noqa: S603
    try:
        _pin(proc.pid, cpus)
        deadline = time.monotonic() + 30
        while True:
            try:
                response = httpx.get(
                    f"http://127.0.0.1:{port}{health}",
                    headers={"Authorization": AUTH},
                    timeout=1,
                    trust_env=False,
                )
                if response.status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"server did not start: {' '.join(cmd)}\n{log.read_text()[-2000:]}")
            time.sleep(0.05)
        yield proc
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def emulator_cmd(port: int, db: Path, impl: tuple[str, str]) -> list[str]:
    exe = Path(sys.executable).with_name("did-agents-emulator")
    base = [str(exe)] if exe.exists() else [sys.executable, "-m", "did_agents_emulator.cli"]
    return [
        *base,
        "serve",
        "--port",
        str(port),
        "--db",
        str(db),
        "--api-key",
        API_KEY,
        "--quiet",
        "--agent-ready-delay",
        "0",
        "--document-ready-delay",
        "0",
        "--loop",
        impl[0],
        "--http",
        impl[1],
    ]


def baseline_cmd(port: int, impl: tuple[str, str]) -> list[str]:
    return [
        sys.executable,
        str(HERE / "baseline_app.py"),
        "--port",
        str(port),
        "--loop",
        impl[0],
        "--http",
        impl[1],
    ]


def seed(port: int, chats: int) -> tuple[str, list[str]]:
    """A knowledge base with one ingested document, an agent bound to it, and ``chats`` chats."""
    with httpx.Client(
        base_url=f"http://127.0.0.1:{port}", headers={"Authorization": AUTH}, trust_env=False, timeout=30
    ) as api:
        kb = api.post("/knowledge", json={"name": "bench", "description": "bench manual"}).json()
        source = "data:text/plain," + manual().replace("%", "%25").replace(" ", "%20").replace("\n", "%0A")
        doc = api.post(
            f"/knowledge/{kb['id']}/documents",
            json={"documentType": "text", "source_url": source, "title": "Manual"},
        )
        doc.raise_for_status()
        presenter = {
            "type": "talk",
            "source_url": "https://example.com/a.png",
            "thumbnail": "https://example.com/t.png",
        }
        agent = api.post("/agents", json={"presenter": presenter, "knowledge": {"id": kb["id"]}}).json()
        chat_ids = [api.post(f"/agents/{agent['id']}/chat", json={}).json()["id"] for _ in range(chats)]
        answer = api.post(f"/agents/{agent['id']}/chat/{chat_ids[0]}", json=chat_body()).json()
        if "two years" not in answer.get("result", "") or not answer.get("matches"):
            raise RuntimeError(f"the bench question is not grounded: {answer}")
        return str(agent["id"]), chat_ids


def chat_body() -> dict[str, Any]:
    return {"messages": [{"role": "user", "content": QUESTION, "created_at": "2024-05-01T12:00:00Z"}]}


# -- durability ----------------------------------------------------------------------------------


async def _write_until_killed(
    port: int, proc: subprocess.Popen[bytes], run_for: float
) -> tuple[set[str], int]:
    """Creates on 16 connections; SIGKILL after ``run_for`` s. Returns acknowledged ids and non-2xx count."""
    acked: set[str] = set()
    refused = 0

    def on_body(status: int, body: bytes) -> None:
        nonlocal refused
        if 200 <= status < 300:
            acked.add(json.loads(body)["id"])
        else:
            refused += 1

    load = _Load(on_body=on_body)
    request = http_request("POST", "/agents", {"presenter": {"type": "clip", "presenter_id": "p_1"}})
    loop = asyncio.get_running_loop()
    for _ in range(KILL_WRITERS):
        await loop.create_connection(functools.partial(_Client, load, request), "127.0.0.1", port)
    await asyncio.sleep(run_for)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    load.running = False
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(load.all_closed.wait(), timeout=10)
    return acked, refused


def durability(
    tmp: Path, cpus: set[int] | None, run: Callable[[Any], Any], impl: tuple[str, str]
) -> tuple[int, int, int, int]:
    """(acknowledged, found after restart, lost, non-2xx answers) for a kill -9 mid-run."""
    db, log = tmp / "kill.db", tmp / "kill.log"
    port = free_port()
    with serve(emulator_cmd(port, db, impl), port, "/_emulator/health", log, cpus) as proc:
        acked, refused = run(_write_until_killed(port, proc, KILL_AFTER))
    port = free_port()
    with serve(emulator_cmd(port, db, impl), port, "/_emulator/health", log, cpus):
        with httpx.Client(
            base_url=f"http://127.0.0.1:{port}", headers={"Authorization": AUTH}, trust_env=False
        ) as api:
            found = {a["id"] for a in api.get("/agents", timeout=60).json()}
    return len(acked), len(found), len(acked - found), refused


# -- the table -----------------------------------------------------------------------------------


def _runner() -> Callable[[Any], Any]:
    """``asyncio.run`` on uvloop when it is installed (a faster generator), else on asyncio's loop."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run

    def run(coro: Any) -> Any:
        with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
            return runner.run(coro)

    return run


def _resolved(loop: str, http: str) -> str:
    """What uvicorn's "auto" picks in this environment (the servers run with the same interpreter)."""

    def importable(module: str) -> bool:
        try:
            __import__(module)
        except ImportError:
            return False
        return True

    loop_impl = loop if loop != "auto" else ("uvloop" if importable("uvloop") else "asyncio")
    http_impl = http if http != "auto" else ("httptools" if importable("httptools") else "h11")
    return f"loop={loop} ({loop_impl}), http={http} ({http_impl})"


def _measure(
    run: Callable[[Any], Any], proc: subprocess.Popen[bytes], port: int, requests: list[bytes], args: Any
) -> Result:
    result: Result = run(
        run_load(
            port,
            requests,
            connections=args.connections,
            warmup=args.warmup,
            seconds=args.seconds,
            server_pid=proc.pid,
        )
    )
    return result


def _per_cpu(result: Result) -> float:
    """Requests per second of server CPU: what the server costs, whatever else shared its core."""
    return result.requests / (result.server_cpu * result.seconds) if result.server_cpu else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="emulator throughput vs a bare Starlette app")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--seconds", type=float, default=2.0, help="measured seconds per server and operation"
    )
    parser.add_argument("--warmup", type=float, default=0.5)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--loop", choices=("auto", "asyncio", "uvloop"), default="auto", help="both servers'")
    parser.add_argument("--http", choices=("auto", "h11", "httptools"), default="auto", help="both servers'")
    parser.add_argument("--no-pin", action="store_true", help="do not pin servers and generator to CPUs")
    parser.add_argument(
        "--only", choices=("get", "chat", "kill"), action="append", help="run only these parts"
    )
    args = parser.parse_args(argv)
    impl = (args.loop, args.http)
    parts = set(args.only or ("get", "chat", "kill"))

    cpus = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    pin = not args.no_pin and len(cpus) >= 2 and hasattr(os, "sched_setaffinity")
    server_cpus = {cpus[0]} if pin else None
    if pin:
        os.sched_setaffinity(0, {cpus[1]})
    run = _runner()
    from did_agents_emulator.cli import UVICORN_SETTINGS

    print("Emulator throughput against a bare Starlette app (bench/baseline_app.py), same run and machine")
    print(
        f"both servers: uvicorn {_resolved(*impl)}, {UVICORN_SETTINGS}"
        + (f"; pinned to CPU {cpus[0]}, load generator on CPU {cpus[1]}" if pin else "; no CPU pinning")
    )
    generator = "uvloop" if run is not asyncio.run else "asyncio"
    print(
        f"load: {args.connections} keep-alive connections, closed loop ({generator}); {args.rounds} rounds "
        f"of {args.seconds:g} s per server and operation after {args.warmup:g} s warm-up, servers alternating"
    )
    ops = [op for part, op in (("get", GET_AGENT), ("chat", CHAT)) if part in parts]
    ratios: dict[str, list[float]] = {op: [] for op in ops}
    cpu_ratios: dict[str, list[float]] = {op: [] for op in ops}
    rps: dict[tuple[str, str], list[float]] = {}
    errors: dict[str, int] = dict.fromkeys(ops, 0)
    starved = 0  # measurements in which the server got less than most of its core
    with tempfile.TemporaryDirectory(prefix="emulator-bench-") as tmp_name:
        tmp = Path(tmp_name)
        if ops:
            base_port, emu_port = free_port(), free_port()
            with (
                serve(
                    baseline_cmd(base_port, impl), base_port, "/agents/up", tmp / "base.log", server_cpus
                ) as base,
                serve(
                    emulator_cmd(emu_port, tmp / "bench.db", impl),
                    emu_port,
                    "/_emulator/health",
                    tmp / "emu.log",
                    server_cpus,
                ) as emu,
            ):
                agent_id, chat_ids = seed(emu_port, args.connections)
                workloads = {
                    GET_AGENT: (
                        [http_request("GET", "/agents/agt_baseline0000")],
                        [http_request("GET", f"/agents/{agent_id}")],
                    ),
                    CHAT: (
                        [
                            http_request("POST", f"/agents/agt_baseline0000/chat/cht_{i}", chat_body())
                            for i in range(args.connections)
                        ],
                        [http_request("POST", f"/agents/{agent_id}/chat/{c}", chat_body()) for c in chat_ids],
                    ),
                }
                print()
                print(
                    f"{'round':>5}  {'operation':20} {'server':8} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} "
                    f"{'errors':>6} {'srv CPU':>7} {'gen CPU':>7} {'ratio':>6}"
                )
                for round_no in range(1, args.rounds + 1):
                    for op in ops:
                        sides = [("baseline", base, base_port, workloads[op][0])]
                        sides.append(("emulator", emu, emu_port, workloads[op][1]))
                        if round_no % 2 == 0:  # alternate who goes first, against drift
                            sides.reverse()
                        measured = {
                            name: _measure(run, proc, port, reqs, args) for name, proc, port, reqs in sides
                        }
                        ratio = (
                            measured["emulator"].rps / measured["baseline"].rps
                            if measured["baseline"].rps
                            else 0.0
                        )
                        for name, result in sorted(measured.items()):
                            rps.setdefault((op, name), []).append(result.rps)
                            starved += result.server_cpu < STARVED
                            shown = f"{ratio:5.2f}x" if name == "emulator" else ""
                            print(
                                f"{round_no:>5}  {op:20} {name:8} {result.rps:7.0f} {result.p50_ms:7.2f} "
                                f"{result.p99_ms:7.2f} {result.errors:6d} {result.server_cpu:7.0%} "
                                f"{result.client_cpu:7.0%} {shown:>6}",
                                flush=True,
                            )
                        ratios[op].append(ratio)
                        base_cpu = _per_cpu(measured["baseline"])
                        cpu_ratios[op].append(_per_cpu(measured["emulator"]) / base_cpu if base_cpu else 0.0)
                        errors[op] += measured["baseline"].errors + measured["emulator"].errors
        kill = durability(tmp, server_cpus, run, impl) if "kill" in parts else None

    print()
    print(
        f"{'summary':20} {'baseline':>9} {'emulator':>9} {'ratio, median (min-max)':>24} {'target':>7} "
        f"{'errors':>6} {'per CPU-s':>9}  verdict"
    )
    ok = True
    for op in ops:
        median = statistics.median(ratios[op])
        passed = median >= TARGETS[op] and errors[op] == 0
        ok &= passed
        spread = f"{median:.2f}x ({min(ratios[op]):.2f}-{max(ratios[op]):.2f})"
        base_rps, emu_rps = statistics.median(rps[op, "baseline"]), statistics.median(rps[op, "emulator"])
        print(
            f"{op:20} {base_rps:9.0f} {emu_rps:9.0f} "
            f"{spread:>24} {'>=' + format(TARGETS[op], '.2f'):>7} {errors[op]:6d} "
            f"{statistics.median(cpu_ratios[op]):8.2f}x  {'PASS' if passed else 'FAIL'}"
        )
    if kill is not None:
        acked, found, lost, refused = kill
        passed = lost == 0 and refused == 0 and acked > 0
        ok &= passed
        print(
            f"{'kill -9 mid-run':20} {KILL_WRITERS} writers POST /agents, SIGKILL after {KILL_AFTER:g} s: "
            f"{acked} creates acknowledged, {found} found after restart, {lost} lost, {refused} non-2xx  "
            f"{'PASS' if passed else 'FAIL'}"
        )
    print(
        "req/s: medians of the rounds; per CPU-s: the ratio per second of server CPU (robust to other load)"
    )
    if starved:
        print(
            f"note: in {starved} measurements a server had under {STARVED:.0%} of its CPU: other processes "
            "were using it, so req/s and their ratios are noisy; the per CPU-s ratios still hold"
        )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
