"""Provider figures of a whole fleet under the real engine: native plugin, dynamic provider, engine floor.

    .venv/bin/python bench/fleet_bench.py [--rounds 3]   (needs the CLI: `make cli`)

A fleet of 50 agents, 10 knowledge bases and 30 documents (``fleet_program.py``), deployed by the same
Python program three ways, against the emulator run as its own process with 100 ms of latency on every
API call and no readiness delays (waiting for readiness would dominate), with ``--parallel 16``:

* **engine floor**: the same graph of no-op resources (``noop_provider.py``), i.e. everything but the
  provider's work and the API's;
* **native**: ``pulumi-resource-didagents``; **dynamic**: the Python dynamic provider;
* **raw script**: the API calls the provider makes for the fleet (the two ownership listings, creates,
  readiness polls, in dependency order) with 16 httpx threads; the table shows both call counts.

Per round and front end: ``up``, a no-change ``preview``, ``refresh``, ``destroy``. API calls are counted
from the emulator's request log. Figures are medians over the rounds; the verdict checks the native
front end's targets. Nothing here is a test: wall-clock figures are never asserted in pytest.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import httpx
from api_calls import api_call
from emulator_throughput import free_port, serve

from pulumi_did_agents.core.markers import new_owner_id

ROOT = Path(__file__).resolve().parents[1]
BENCH = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
CLI_BIN = ROOT / ".tools" / "pulumi" / "bin"
API_KEY = "bench:fleet-secret"
LATENCY_MS = 100
PARALLEL = 16
KNOWLEDGE_BASES, DOCUMENTS_EACH, AGENTS = 10, 3, 50
RESOURCES = KNOWLEDGE_BASES * (1 + DOCUMENTS_EACH) + AGENTS
FRONT_ENDS = ("noop", "native", "dynamic")

TARGET_OVERHEAD = 1.2
TARGET_PREVIEW = 1.1


class Emulator:
    """``did-agents-emulator serve`` in its own process (run by ``bench_environment``); API calls
    counted from its request log."""

    def __init__(self, tmp: Path, *extra: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = tmp / "emulator.log"
        self.command = [
            str(BIN / "did-agents-emulator"), "serve", "--port", str(self.port),
            "--db", str(tmp / "emulator.db"), "--synchronous", "NORMAL", "--api-key", API_KEY,
            "--agent-ready-delay", "0", "--document-ready-delay", "0", "--latency-ms", str(LATENCY_MS),
            *extra,
        ]  # fmt: skip
        self._seen = 0

    def calls(self) -> list[str]:
        """API calls logged since the previous call of this method."""
        lines = self.log.read_text(errors="replace").splitlines()
        fresh, self._seen = lines[self._seen :], len(lines)
        return [call for call in map(api_call, fresh) if call is not None]

    def client(self) -> httpx.Client:
        return httpx.Client(
            base_url=self.url,
            headers={"Authorization": f"Basic {API_KEY}"},
            timeout=60,
            trust_env=False,
            limits=httpx.Limits(max_connections=PARALLEL, max_keepalive_connections=PARALLEL),
        )

    def count_objects(self) -> int:
        with self.client() as api:
            return len(api.get("/agents").json()) + len(api.get("/knowledge").json())


def noop_plugin(folder: Path, name: str, env: str = "") -> Path:
    """``folder`` holding ``pulumi-resource-<name>``, a shim starting ``noop_provider.py`` (``env``:
    ``VAR=value`` settings before it), for ``plugins.providers`` to name."""
    folder.mkdir(exist_ok=True)
    shim = folder / f"pulumi-resource-{name}"
    shim.write_text(
        f'#!/bin/sh\n{env}{" " if env else ""}exec "{sys.executable}" "{BENCH / "noop_provider.py"}" "$@"\n'
    )
    shim.chmod(0o755)
    return folder


class Engine:
    """The pulumi CLI on a local backend in a scratch directory, one project per front end."""

    def __init__(self, tmp: Path, emulator: Emulator, front_ends: tuple[str, ...] = FRONT_ENDS) -> None:
        self.tmp = tmp
        self.env = {
            **os.environ,
            "PATH": f"{CLI_BIN}{os.pathsep}{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
            "PULUMI_HOME": str(tmp / "home"),
            "PULUMI_BACKEND_URL": (tmp / "state").as_uri(),
            "PULUMI_CONFIG_PASSPHRASE": "bench",
            "PULUMI_PYTHON_CMD": sys.executable,
            "PULUMI_SKIP_UPDATE_CHECK": "true",
            "PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION": "true",
        }
        (tmp / "state").mkdir()
        noop_bin = noop_plugin(tmp / "noop-bin", "benchnoop")
        self.projects = {name: self._project(name, noop_bin, emulator) for name in front_ends}

    def _project(self, front_end: str, noop_bin: Path, emulator: Emulator) -> Path:
        project = self.tmp / front_end
        project.mkdir()
        plugin, path = ("benchnoop", noop_bin) if front_end == "noop" else ("didagents", BIN)
        (project / "Pulumi.yaml").write_text(
            f"name: bench-{front_end}\nruntime:\n  name: python\n  options:\n    virtualenv: {sys.prefix}\n"
            f"plugins:\n  providers:\n    - name: {plugin}\n      path: {path}\n"
        )
        shutil.copy(BENCH / "fleet_program.py", project / "__main__.py")
        self.run(project, "stack", "init", "bench")
        self.run(project, "config", "set", "frontEnd", front_end)
        self.run(project, "config", "set", "didagents:apiUrl", emulator.url)
        self.run(project, "config", "set", "--secret", "didagents:apiKey", API_KEY)
        self.run(project, "config", "set", "didagents:owner", new_owner_id(f"bench-{front_end}", "bench"))
        return project

    def run(self, project: Path, *args: str, env: dict[str, str] | None = None) -> float:
        """Run ``pulumi <args>`` in ``project`` (``env`` added); the wall-clock seconds it took."""
        started = time.perf_counter()
        result = subprocess.run(
            [str(CLI_BIN / "pulumi"), *args, "--non-interactive", "--cwd", str(project)],
            env={**self.env, **(env or {})}, capture_output=True, text=True, check=False, timeout=1800,
        )  # fmt: skip
        elapsed = time.perf_counter() - started
        if result.returncode != 0:
            raise RuntimeError(
                f"pulumi {' '.join(args)} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
            )
        return elapsed


@dataclass
class Figures:
    """One front end's measurements, a list per figure (one value per round)."""

    up: list[float] = field(default_factory=list)
    preview: list[float] = field(default_factory=list)
    refresh: list[float] = field(default_factory=list)
    up_calls: list[int] = field(default_factory=list)
    preview_calls: list[int] = field(default_factory=list)
    refresh_calls: list[int] = field(default_factory=list)


def measure_front_end(engine: Engine, emulator: Emulator, front_end: str, figures: Figures) -> None:
    project = engine.projects[front_end]
    flags = ("--parallel", str(PARALLEL))
    emulator.calls()
    figures.up.append(engine.run(project, "up", "--yes", "--skip-preview", *flags))
    figures.up_calls.append(len(emulator.calls()))
    figures.preview.append(engine.run(project, "preview", "--expect-no-changes", *flags))
    figures.preview_calls.append(len(emulator.calls()))
    figures.refresh.append(engine.run(project, "refresh", "--yes", "--skip-preview", *flags))
    figures.refresh_calls.append(len(emulator.calls()))
    engine.run(project, "destroy", "--yes", "--skip-preview", *flags)
    emulator.calls()
    if emulator.count_objects():
        raise RuntimeError(f"{front_end}: destroy left objects in the account")


def raw_fleet(emulator: Emulator, agents: int = AGENTS) -> tuple[float, int]:
    """The provider's API calls for the fleet, by hand with 16 threads; seconds and call count."""
    knowledge_bases = max(1, agents // 5)
    with emulator.client() as api, ThreadPoolExecutor(max_workers=PARALLEL) as pool:
        children: list[Future[None]] = []

        def document(knowledge_id: str, d: int) -> None:
            body = {
                "title": f"Document {d}",
                "source_url": f"data:text/plain,Raw%20document%20{d}.",
                "documentType": "text",
            }
            doc = api.post(f"/knowledge/{knowledge_id}/documents", json=body).raise_for_status().json()
            api.get(
                f"/knowledge/{knowledge_id}/documents/{quote(doc['id'], safe='')}"
            ).raise_for_status()  # ready?

        def agent(knowledge_id: str, a: int) -> None:
            body = {
                "preview_name": f"agent-{a}",
                "presenter": {"type": "clip", "presenter_id": "v2_public_Amber@0zSz8kflCN",
                              "voice": {"type": "microsoft", "voice_id": "en-US-JennyMultilingualV2Neural"}},
                "llm": {"provider": "openai", "model": "gpt-4o-mini", "instructions": "Answer."},
                "knowledge": {"id": knowledge_id},
            }  # fmt: skip
            api.post("/agents", json=body).raise_for_status()

        def knowledge_base(k: int) -> None:
            kb = (
                api.post("/knowledge", json={"name": f"kb-{k}", "description": "raw"})
                .raise_for_status()
                .json()
            )
            children.extend(pool.submit(document, kb["id"], d) for d in range(DOCUMENTS_EACH))
            children.extend(pool.submit(agent, kb["id"], a) for a in range(k, agents, knowledge_bases))

        emulator.calls()
        started = time.perf_counter()
        listings = [pool.submit(api.get, path) for path in ("/knowledge", "/agents")]  # ownership indexes
        for future in [pool.submit(knowledge_base, k) for k in range(knowledge_bases)]:
            future.result()
        for listing in listings:
            listing.result().raise_for_status()
        while children:
            children.pop().result()
        elapsed = time.perf_counter() - started
        calls = len(emulator.calls())
        made = api.get("/agents").json()
        list(pool.map(lambda a: api.delete(f"/agents/{a['id']}"), made))
        list(pool.map(lambda kb: api.delete(f"/knowledge/{kb['id']}"), api.get("/knowledge").json()))
        emulator.calls()
    return elapsed, calls


def plugin_start(command: list[str], launches: int = 7) -> float:
    """Median seconds from starting a provider plugin to its port on stdout (when the engine can call)."""
    times = []
    for _ in range(launches):
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        assert process.stdout is not None
        process.stdout.readline()
        times.append(time.perf_counter() - started)
        process.kill()
        process.wait()
    return statistics.median(times)


def median(values: list[float] | list[int]) -> float:
    return float(statistics.median(values))


def report(
    figures: dict[str, Figures], raw: list[float], raw_calls: list[int], rounds: int, starts: dict[str, float]
) -> bool:
    """Print the table; True when the native front end meets every target."""
    floor = figures["noop"]
    floor_up, floor_preview, raw_s = median(floor.up), median(floor.preview), median(raw)
    native, dynamic = figures["native"], figures["dynamic"]

    def overhead(f: Figures) -> float:
        return (median(f.up) - floor_up) / raw_s

    def preview_ratio(f: Figures) -> float:
        return median(f.preview) / floor_preview

    def per_resource(f: Figures) -> float:
        return median([calls / RESOURCES for calls in f.refresh_calls])

    rows = [
        ("up (s)", f"{median(native.up):.2f}", f"{median(dynamic.up):.2f}", f"floor: {floor_up:.2f}"),
        ("API calls during up", f"{median(native.up_calls):.0f}", f"{median(dynamic.up_calls):.0f}",
         f"raw script: {median(raw_calls):.0f}"),
        ("provider overhead: (up − floor) / raw", f"{overhead(native):.2f}×", f"{overhead(dynamic):.2f}×",
         f"≤ {TARGET_OVERHEAD}× (native)"),
        ("no-change preview: API calls", f"{max(native.preview_calls)}", f"{max(dynamic.preview_calls)}",
         "1 (the credential check)"),
        ("no-change preview: time / floor", f"{preview_ratio(native):.2f}×", f"{preview_ratio(dynamic):.2f}×",
         f"≤ {TARGET_PREVIEW}×"),
        ("no-change preview (s)", f"{median(native.preview):.2f}", f"{median(dynamic.preview):.2f}",
         f"floor: {floor_preview:.2f}"),
        ("refresh: API calls per resource", f"{per_resource(native):.2f}", f"{per_resource(dynamic):.2f}",
         "1"),
        ("refresh (s)", f"{median(native.refresh):.2f}", f"{median(dynamic.refresh):.2f}",
         f"floor: {median(floor.refresh):.2f}"),
        ("plugin start to port (ms)", f"{starts['native'] * 1000:.0f}", "—",
         f"floor's plugin: {starts['noop'] * 1000:.0f}"),
    ]  # fmt: skip
    print(
        f"fleet: {AGENTS} agents, {KNOWLEDGE_BASES} knowledge bases, {KNOWLEDGE_BASES * DOCUMENTS_EACH} "
        f"documents; API latency {LATENCY_MS} ms; --parallel {PARALLEL}; medians of {rounds} round(s); "
        f"raw script (16 threads): {raw_s:.2f} s"
    )
    print(f"{'figure':40} {'native':>10} {'dynamic':>10}   target / reference")
    for name, native_value, dynamic_value, target in rows:
        print(f"{name:40} {native_value:>10} {dynamic_value:>10}   {target}")
    met = {
        "overhead": overhead(native) <= TARGET_OVERHEAD,
        "preview calls": max(native.preview_calls) == 1,
        "preview time": preview_ratio(native) <= TARGET_PREVIEW,
        "refresh calls": per_resource(native) == 1,
    }
    missed = [name for name, ok in met.items() if not ok]
    print("native targets: " + ("all met" if not missed else "MISSED " + ", ".join(missed)))
    return not missed


@contextmanager
def bench_environment(
    *emulator_args: str, front_ends: tuple[str, ...] = FRONT_ENDS
) -> Iterator[tuple[Engine, Emulator]]:
    if not (CLI_BIN / "pulumi").is_file():
        raise SystemExit("bench/fleet_bench.py needs the Pulumi CLI: run `make cli` first")
    if not (BIN / "pulumi-resource-didagents").is_file():
        raise SystemExit("pulumi-resource-didagents is not installed: run `make install`")
    with tempfile.TemporaryDirectory(prefix="did-fleet-bench-") as scratch:
        tmp = Path(scratch)
        emulator = Emulator(tmp, *emulator_args)
        with serve(emulator.command, emulator.port, "/_emulator/health", emulator.log, None):
            yield Engine(tmp, emulator, front_ends), emulator


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    figures = {name: Figures() for name in FRONT_ENDS}
    raw: list[float] = []
    raw_calls: list[int] = []
    with bench_environment() as (engine, emulator):
        for _ in range(args.rounds):
            seconds, calls = raw_fleet(emulator)
            raw.append(seconds)
            raw_calls.append(calls)
            for name in FRONT_ENDS:
                measure_front_end(engine, emulator, name, figures[name])
        starts = {
            "native": plugin_start([str(BIN / "pulumi-resource-didagents")]),
            "noop": plugin_start([sys.executable, str(BENCH / "noop_provider.py")]),
        }
    return 0 if report(figures, raw, raw_calls, args.rounds, starts) else 1


if __name__ == "__main__":
    raise SystemExit(main())
