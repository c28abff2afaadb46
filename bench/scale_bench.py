"""Growth of the native front end with the fleet: 50 and 500 agents (``--scale large``: 2,000).

    .venv/bin/python bench/scale_bench.py [--scale default|large]   (``make bench SCALE=large``)

The fleet of ``fleet_program.py`` in the same proportions at each size (one knowledge base per five
agents, three documents on each), against the emulator with 100 ms of latency, ``--parallel 16``, a
file backend. At each size, with and without ``PULUMI_SKIP_CHECKPOINTS=true`` (the engine writes the
whole checkpoint after every step, so its floor grows with the square of the fleet; ``large`` runs
only with the setting): ``up``, a no-change ``preview``, ``refresh`` and ``destroy`` of the native
plugin and of the engine floor (the same graph of no-op resources), the raw script, the API calls of
the preview, and the plugin's peak resident memory. The preview has a second floor: the same program
and state previewed with a no-op plugin in place of didagents (the Things carry one output, the
agents some twenty, and the engine's own work grows with them; only this floor isolates the
plugin's cost, and the 1.1× target is checked against it). Then 500 agents under ``--rate-limit 20/s``: the
time against the bound the limit sets (requests the emulator admitted ÷ the rate). One round per
size; figures, not assertions. Exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from fleet_bench import BIN, PARALLEL, Emulator, Engine, bench_environment, noop_plugin, raw_fleet

SCALES = {"default": (50, 500), "large": (2000,)}
RATE = 20
RATE_AGENTS = 500
TARGET_PREVIEW = 1.1
TARGET_RATE = 1.2
TARGET_MEMORY_MB = 300
PLUGIN = "pulumi-resource-didagents"


@dataclass
class Row:
    agents: int
    skip: bool
    figures: dict[str, dict[str, float]] = field(default_factory=dict)
    raw: float = 0.0
    preview_calls: int = 0
    peak_mb: float = 0.0


@contextmanager
def peak_memory() -> Iterator[list[float]]:
    """The plugin's peak resident memory (MB, ``VmHWM``), sampled from ``/proc`` while the block runs."""
    peak = [0.0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.25):
            for proc in Path("/proc").iterdir():
                if not proc.name.isdigit():
                    continue
                try:
                    if PLUGIN not in (proc / "cmdline").read_bytes().decode(errors="replace"):
                        continue
                    for line in (proc / "status").read_text().splitlines():
                        if line.startswith("VmHWM:"):
                            peak[0] = max(peak[0], int(line.split()[1]) / 1024)
                except OSError:
                    continue

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    try:
        yield peak
    finally:
        done.set()
        thread.join()


@contextmanager
def plugin_swapped(engine: Engine, project: Path) -> Iterator[None]:
    """``project``'s didagents plugin replaced by the no-op provider for the block: the same program
    and the same state, nothing done by the plugin."""
    shims = noop_plugin(engine.tmp / "noop-didagents-bin", "didagents", "BENCH_NOOP_SAME_STATE=1")
    settings = project / "Pulumi.yaml"
    text = settings.read_text()
    settings.write_text(text.replace(f"path: {BIN}", f"path: {shims}"))
    try:
        yield
    finally:
        settings.write_text(text)


def lifecycle(engine: Engine, emulator: Emulator, front_end: str, env: dict[str, str]) -> dict[str, float]:
    project = engine.projects[front_end]
    flags = ("--parallel", str(PARALLEL))
    emulator.calls()
    out = {"up": engine.run(project, "up", "--yes", "--skip-preview", *flags, env=env)}
    emulator.calls()
    out["preview"] = engine.run(project, "preview", "--expect-no-changes", *flags, env=env)
    out["preview_calls"] = len(emulator.calls())
    if front_end == "native":
        with plugin_swapped(engine, project):
            out["preview_floor"] = engine.run(project, "preview", "--expect-no-changes", *flags, env=env)
    out["refresh"] = engine.run(project, "refresh", "--yes", "--skip-preview", *flags, env=env)
    out["destroy"] = engine.run(project, "destroy", "--yes", "--skip-preview", *flags, env=env)
    emulator.calls()
    if emulator.count_objects():
        raise RuntimeError(f"{front_end}: destroy left objects in the account")
    return out


def measure(agents: int, skip: bool) -> Row:
    row = Row(agents, skip)
    env = {"PULUMI_SKIP_CHECKPOINTS": "true"} if skip else {}
    with bench_environment(front_ends=("noop", "native")) as (engine, emulator):
        for front_end in ("noop", "native"):
            engine.run(engine.projects[front_end], "config", "set", "agents", str(agents))
        row.raw, _ = raw_fleet(emulator, agents)
        row.figures["noop"] = lifecycle(engine, emulator, "noop", env)
        with peak_memory() as peak:
            row.figures["native"] = lifecycle(engine, emulator, "native", env)
        row.peak_mb = peak[0]
        row.preview_calls = int(row.figures["native"]["preview_calls"])
    return row


def rate_limited(agents: int) -> tuple[float, float, int, int]:
    """``up`` of ``agents`` under ``--rate-limit RATE/s``: seconds, the bound, 429s, objects made.

    With ``PULUMI_SKIP_CHECKPOINTS``: without it the engine's own floor at 500 agents (about 67 s of
    checkpoint writes) is above the bound the limit sets, and the figure would measure the engine."""
    skip = {"PULUMI_SKIP_CHECKPOINTS": "true"}
    with bench_environment("--rate-limit", f"{RATE}/s", front_ends=("native",)) as (engine, emulator):
        project = engine.projects["native"]
        engine.run(project, "config", "set", "agents", str(agents))
        seconds = engine.run(project, "up", "--yes", "--skip-preview", "--parallel", str(PARALLEL), env=skip)
        with emulator.client() as api:
            stats = api.get("/_emulator/stats").json()
            made = len(api.get("/agents").json())
        engine.run(project, "destroy", "--yes", "--skip-preview", "--parallel", str(PARALLEL), env=skip)
    return seconds, stats["accepted"] / RATE, int(stats["rejected"]), made


def report(rows: list[Row], limited: tuple[float, float, int, int] | None) -> bool:
    print(
        f"{'agents':>6} {'res.':>5} {'skip':>4} {'raw':>6} {'floor up':>8} {'up':>6} {'overhd':>6} "
        f"{'e2e':>5} {'prev':>5} {'floor':>5} {'ratio':>5} {'same':>5} {'ratio':>5} {'calls':>5} "
        f"{'refresh':>7} {'destroy':>7} {'peak MB':>7}"
    )
    missed: list[str] = []
    for row in rows:
        floor, native = row.figures["noop"], row.figures["native"]
        resources = row.agents + (row.agents // 5) * 4
        ratio = native["preview"] / floor["preview"]
        same = native["preview"] / native["preview_floor"]
        print(
            f"{row.agents:>6} {resources:>5} {'yes' if row.skip else 'no':>4} {row.raw:>6.1f} "
            f"{floor['up']:>8.1f} {native['up']:>6.1f} {(native['up'] - floor['up']) / row.raw:>5.2f}× "
            f"{native['up'] / row.raw:>4.2f}× {native['preview']:>5.1f} {floor['preview']:>5.1f} "
            f"{ratio:>4.2f}× {native['preview_floor']:>5.1f} {same:>4.2f}× {row.preview_calls:>5} "
            f"{native['refresh']:>7.1f} {native['destroy']:>7.1f} {row.peak_mb:>7.0f}"
        )
        if row.agents == 500 and same > TARGET_PREVIEW:
            missed.append(
                f"preview at 500 agents {same:.2f}× the same-state floor (target ≤ {TARGET_PREVIEW}×)"
            )
        if row.preview_calls > 1:
            missed.append(f"preview made {row.preview_calls} API calls (target 1, the credential check)")
        if row.agents >= 2000 and row.peak_mb > TARGET_MEMORY_MB:
            missed.append(f"plugin peak memory {row.peak_mb:.0f} MB at {row.agents} (target < 300)")
    print(
        "overhd = (up − floor up) ÷ raw; e2e = up ÷ raw; ratio = preview ÷ floor preview (no-op Things); "
        "same = the same program and state previewed with a no-op plugin in didagents' place; seconds"
    )
    if limited is not None:
        seconds, bound, refused, made = limited
        print(
            f"rate limit {RATE}/s, {RATE_AGENTS} agents, skip checkpoints: up {seconds:.1f} s, "
            f"bound {bound:.1f} s "
            f"(admitted requests ÷ rate), {seconds / bound:.2f}× (target ≤ {TARGET_RATE}×); "
            f"{refused} answered 429; {made} agents made"
        )
        if seconds / bound > TARGET_RATE:
            missed.append(f"rate-limited up {seconds / bound:.2f}× its bound")
        if made != RATE_AGENTS:
            missed.append(f"rate-limited up made {made} agents, not {RATE_AGENTS}")
    print("scale targets: " + ("all met" if not missed else "MISSED: " + "; ".join(missed)))
    return not missed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=tuple(SCALES), default=os.environ.get("SCALE") or "default")
    args = parser.parse_args(argv)
    rows: list[Row] = []
    for agents in SCALES[args.scale]:
        for skip in (True,) if args.scale == "large" else (False, True):
            started = time.perf_counter()
            rows.append(measure(agents, skip))
            took = time.perf_counter() - started
            print(f"  measured {agents} agents, skip checkpoints {skip}: {took:.0f} s", flush=True)
    limited = rate_limited(RATE_AGENTS) if args.scale == "default" else None
    return 0 if report(rows, limited) else 1


if __name__ == "__main__":
    raise SystemExit(main())
