"""``make chaos``: the kill/fault matrix of interrupted runs, printed as a table.

For a fleet of 3 knowledge bases with 2 documents each, 3 agents and 3 client keys (15 creates),
against the emulator on a SQLite file:

- ``pulumi up`` SIGKILLed after the emulator committed its Nth create, for every N; and ``pulumi
  destroy`` killed after its 1st, 5th and 10th delete. Then ``did-agents recover`` (the documented
  step) and one more ``pulumi up``;
- ``up`` (and the preview and ``destroy``) under 30 % 500s after commit, 10 % 503s, 5 % 429s;
- the emulator killed -9 during ``up`` and restarted on the same port and database 8 s later;
- for one agent whose knowledge ships as releases (``Agent.release``, 2 documents and a gate): the
  first ``up`` killed after its 1st and last create; and, a document edited, the ``up`` that ships
  the new release killed after each create of the release (its knowledge base, its documents, the
  candidate agent), at the gate's first chat, at the ``PATCH`` that switches the live agent, at the
  candidate's delete, and (``keep=0``) at the delete of the release it prunes. Those rows also
  check that the live agent ends on the new release, no candidate is left and ``did-agents
  orphans`` finds nothing.

Each row: duplicates, orphans and pending operations after the recovery and the next ``up``,
whether a preview then shows no change, whether ``destroy`` empties the account, and whether the
dynamic provider exited with its killed engine. Exit code 1 if any row is not 0 / 0 / 0 / yes.
Run from the repository root: ``.venv/bin/python tools/chaos.py [--only TEXT] [--keep]``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["PATH"] = f"{ROOT / '.tools' / 'pulumi' / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}"

from did_agents_emulator.testing import EmulatorServer  # noqa: E402
from tests.chaos.account import Account  # noqa: E402
from tests.chaos.emulator_process import ProcessEmulator  # noqa: E402
from tests.chaos.fleet import Fleet, write_project  # noqa: E402
from tests.chaos.kill import KillPoint  # noqa: E402
from tests.chaos.release import (  # noqa: E402
    CREATES,
    Release,
    interrupted_release,
    settled_on_a_release,
    write_release_project,
)
from tests.chaos.scenario import Emulator, InProcess, Outcome, faulty_up, interrupted_api, interrupted_up  # noqa: E402
from tests.chaos.stack import Stack  # noqa: E402

FLEET = Fleet(knowledge_bases=3, documents_per_kb=2, agents=3, keys_per_agent=1)
RELEASE = Release(documents=2, keep=1)
DOWNTIME = 8.0
KEY = "chaos-user:chaos-secret"

Scenario = Callable[[Stack, Account, Any], Outcome]
Project = Callable[[Path], Path]
"""Writes the row's project into a directory: the fleet, or the released agent."""


def _fleet(directory: Path) -> Path:
    return write_project(directory, FLEET)


def _released(release: Release) -> Project:
    return lambda directory: write_release_project(directory, release)


def _kill_up(point: KillPoint) -> Scenario:
    return lambda stack, account, emulator: interrupted_up(stack, account, emulator, point)


def _kill_destroy(point: KillPoint) -> Scenario:
    return lambda stack, account, emulator: _deployed_then(stack, account, emulator, point)


def _kill_first_release(point: KillPoint) -> Scenario:
    check = settled_on_a_release(None)
    return lambda stack, account, emulator: interrupted_up(stack, account, emulator, point, check=check)


def _kill_release(point: KillPoint, *, edit_again: bool = False) -> Scenario:
    return lambda stack, account, emulator: interrupted_release(
        stack, account, emulator, point, edit_again=edit_again
    )


def _faults(label: str, fields: dict[str, Any]) -> Scenario:
    return lambda stack, account, emulator: faulty_up(stack, account, emulator, label, **fields)


def _outage(point: KillPoint) -> Scenario:
    def run(stack: Stack, account: Account, emulator: ProcessEmulator) -> Outcome:
        return interrupted_api(stack, account, emulator, point, emulator.kill, emulator.start, DOWNTIME)

    return run


SKIP_CHECKPOINTS = {"PULUMI_SKIP_CHECKPOINTS": "true"}
"""The engine writes the state once, at the end: a killed run records nothing of what it made."""


def _release_points() -> list[tuple[KillPoint, Release]]:
    """Kill points of the ``up`` that ships a new release, in the order it reaches them."""
    made = ["knowledge base"] + [f"document {d + 1}" for d in range(RELEASE.documents)] + ["candidate"]
    points = [
        (KillPoint(f"kill release up at create #{n} ({what})", n, path=CREATES), RELEASE)
        for n, what in enumerate(made, 1)
    ]
    agent, pruned = r"/agents/[^/]+/?", Release(RELEASE.documents, keep=0)
    return points + [
        (KillPoint("kill release up at the gate's 1st chat", 1, path=r"/agents/[^/]+/chat/?"), RELEASE),
        (KillPoint("kill release up at the PATCH of the live agent", 1, method="PATCH", path=agent), RELEASE),
        (KillPoint("kill release up at the candidate's delete", 1, method="DELETE", path=agent), RELEASE),
        (
            KillPoint(
                "kill release up (keep=0) at the pruned release's delete", 1, "DELETE", r"/knowledge/[^/]+/?"
            ),
            pruned,
        ),
    ]


def scenarios() -> list[tuple[str, Scenario, bool, dict[str, str], Project]]:
    """(label, scenario, whether it needs the emulator as its own process, extra environment, the
    project)."""
    found: list[tuple[str, Scenario, bool, dict[str, str], Project]] = []
    for n in range(1, FLEET.creates + 1):
        point = KillPoint(f"kill up at create #{n}", n)
        found.append((point.label, _kill_up(point), False, {}, _fleet))
    for n in (1, 8, FLEET.creates):
        point = KillPoint(f"kill up at create #{n}, PULUMI_SKIP_CHECKPOINTS", n)
        found.append((point.label, _kill_up(point), False, SKIP_CHECKPOINTS, _fleet))
    for n in (1, 5, 10):
        point = KillPoint(f"kill destroy at delete #{n}", n, method="DELETE")
        found.append((point.label, _kill_destroy(point), False, {}, _fleet))
    for n in (1, RELEASE.creates):
        point = KillPoint(f"kill first release up at create #{n}", n, path=CREATES)
        found.append((point.label, _kill_first_release(point), False, {}, _released(RELEASE)))
    for point, release in _release_points():
        found.append((point.label, _kill_release(point), False, {}, _released(release)))
    point = KillPoint(
        f"kill release up at create #{RELEASE.creates} (candidate), then edit again",
        RELEASE.creates,
        path=CREATES,
    )
    found.append((point.label, _kill_release(point, edit_again=True), False, {}, _released(RELEASE)))
    faults: dict[str, dict[str, Any]] = {
        "30% 500 after commit": {"fault_rate": 0.3, "fault_status": 500, "fault_phase": "after"},
        "10% 503": {"fault_rate": 0.1, "fault_status": 503, "fault_phase": "before"},
        "5% 429": {"fault_rate": 0.05, "fault_status": 429, "fault_phase": "before", "retry_after": 1},
    }
    for label, fields in faults.items():
        found.append((label, _faults(label, fields), False, {}, _fleet))
    middle = FLEET.creates // 2
    outage = KillPoint(f"emulator kill -9 at create #{middle}, {DOWNTIME:g} s down", middle)
    found.append((outage.label, _outage(outage), True, {}, _fleet))
    return found


def _deployed_then(stack: Stack, account: Account, emulator: Emulator, point: KillPoint) -> Outcome:
    """A clean ``up`` first, then ``destroy`` killed at ``point``."""
    done = stack.pulumi("up", "--yes", "--skip-preview")
    if done.returncode != 0:
        return Outcome(
            point.label, str(stack.work / "logs"), errors=[f"setup up failed: {done.stderr[-300:]}"]
        )
    return interrupted_up(stack, account, emulator, point, command="destroy")


def _pending(outcome: Outcome) -> str:
    """Pending operations after the kill → after recovery and the next ``up``."""
    if not outcome.pending_after_kill:
        return str(outcome.pending)
    left = "unreadable" if outcome.pending_after_kill < 0 else str(outcome.pending_after_kill)
    return f"{left} → {outcome.pending}"


def _unrecorded(outcome: Outcome) -> str:
    """Objects made but not in the state right after the kill (the hazard the row poses)."""
    if not outcome.killed_at or outcome.faulted:
        return "-"
    return "?" if outcome.unrecorded_after_kill < 0 else str(outcome.unrecorded_after_kill)


def _yes(flag: bool) -> str:
    return "yes" if flag else "NO"


def table(outcomes: list[Outcome]) -> str:
    header = (
        "kill point or fault",
        "killed at / faults",
        "unrecorded",
        "dup",
        "orphans",
        "pending",
        "converged",
        "empty",
        "plugin exit",
        "s",
    )
    rows = [header] + [
        (
            o.label, o.killed_at or "-", _unrecorded(o), str(o.duplicates), str(o.orphans),
            _pending(o),
            _yes(o.converged), _yes(o.empty), _yes(o.plugins_exited), f"{o.seconds:.0f}",
        )
        for o in outcomes
    ]  # fmt: skip
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = [" | ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)) for row in rows]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--only", metavar="TEXT", help="run the rows whose label contains TEXT")
    parser.add_argument("--keep", action="store_true", help="keep the work directory (logs, states)")
    args = parser.parse_args(argv)
    if shutil.which("pulumi") is None:
        print("the pulumi CLI is not built: run `make cli`", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="did-chaos-"))
    # Kills come from the in-process emulator's request log, in its own thread: the CLI dies after the
    # request is committed and before its answer is sent. The outage row needs a process to kill.
    server = EmulatorServer(api_keys=[KEY], db_path=str(work / "in-process.db")).start()
    process = ProcessEmulator(work, KEY).start()
    emulators: dict[bool, Any] = {False: InProcess(server), True: process}
    account = Account(server.url, KEY)
    outcomes: list[Outcome] = []
    try:
        for index, (label, run, own_process, env, project) in enumerate(scenarios()):
            if args.only and args.only not in label:
                continue
            emulator = emulators[own_process]
            server.reset()
            process.reset()
            account.http.base_url = emulator.url
            row = work / f"{index:02d}"
            try:
                stack = Stack(project(row / "project"), row, emulator.url, KEY, extra_env=env)
                stack.init()
                outcome = run(stack, account, emulator)
            except Exception as exc:  # noqa: BLE001 - a row that failed, not a run that stops
                outcome = Outcome(label, str(row / "logs"), errors=[f"{type(exc).__name__}: {exc}"])
            outcomes.append(outcome)
            status = "ok" if outcome.ok else "FAILED " + "; ".join(outcome.errors)
            print(f"{label}: {status} ({outcome.seconds:.0f} s)", flush=True)
    finally:
        account.close()
        process.stop()
        server.stop()
    print()
    print(table(outcomes))
    failed = [o for o in outcomes if not o.ok]
    for outcome in failed:
        print(f"\n{outcome.label}: {outcome.errors or 'see the counts'}; logs in {outcome.logs}")
    if not args.keep and not failed:
        shutil.rmtree(work, ignore_errors=True)
    else:
        print(f"\nwork directory kept: {work}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
