"""``did-agents recover``: make a stack usable again after a ``pulumi up`` was killed.

A killed ``pulumi up`` leaves two things (measured with pulumi v3.259.0, ``file://`` backend):

- a **lock file** that makes every later ``up``, ``refresh`` and ``destroy`` fail ("the stack is
  currently locked … `pulumi cancel`"); ``pulumi cancel --yes`` deletes it, whoever holds it;
- **pending CREATE operations**: resources whose create began and never finished. ``up`` warns and
  carries them forward forever; only ``pulumi refresh --clear-pending-creates`` removes them
  non-interactively (``--import-pending-creates`` turns them into imports that the refresh then
  drops, so it clears them too). Pending updates and deletes are dropped by any later operation.

A kill can also leave a ``file://`` checkpoint unreadable (``failed to load checkpoint: EOF``,
see ``stacks.repair_checkpoint``). So recovery is: repair that, ``pulumi cancel`` (only when the lock's
process is gone) and ``pulumi refresh --clear-pending-creates``. Clearing loses nothing: every
object carries its resource's ownership marker, and the next ``pulumi up`` adopts what the
interrupted creates made.
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import sys
from dataclasses import dataclass
from pathlib import Path

from . import EXIT_OK, CliError
from .stacks import (
    UNREADABLE,
    StackState,
    add_cwd_argument,
    last_line,
    project_dir,
    read_stack,
    repair_checkpoint,
    run_pulumi,
)

NAME = "recover"
HELP = "repair what a killed `pulumi up` left (stale lock, pending creates, broken checkpoint)"

_LOCK = re.compile(r"created by (?P<user>[^@\s]*)@(?P<host>\S+) \(pid (?P<pid>\d+)\)(?: at (?P<at>\S+))?")


@dataclass(frozen=True)
class Lock:
    """A ``file://`` (or other DIY) backend's lock: who took it, from the lock-file listing pulumi prints."""

    user: str
    host: str
    pid: int
    at: str

    def held_by_live_process(self) -> bool:
        """True unless the holder is provably gone: on this host, with no pulumi process at its pid."""
        if self.host != socket.gethostname() or os.name == "nt":
            return True  # another machine, or no safe liveness probe (os.kill(pid, 0) kills on Windows)
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        try:
            command = Path(f"/proc/{self.pid}/cmdline").read_bytes()
        except OSError:
            return True
        return b"pulumi" in command  # a recycled pid running something else does not hold the lock

    def __str__(self) -> str:
        return f"pid {self.pid} on {self.host}" + (f" since {self.at}" if self.at else "")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--stack", required=True, metavar="NAME", help="the stack whose run was interrupted")
    add_cwd_argument(parser)
    parser.add_argument(
        "--force",
        action="store_true",
        help="remove the lock even if its process may be alive (another machine's run, say)",
    )
    parser.epilog = (
        "Runs `pulumi cancel` only when the lock's process is gone, then `pulumi refresh "
        "--clear-pending-creates`. Then run `pulumi up`: it adopts what the interrupted run made."
    )


def _refresh(stack: str, cwd: Path | None, force: bool) -> list[Lock]:
    """Refresh, clearing pending creates; a stale lock is removed first. Returns the removed locks."""
    refresh = ["refresh", "--clear-pending-creates", "--yes", "--skip-preview", "--stack", stack]
    done = run_pulumi(refresh, cwd=cwd, check=False)
    if done.returncode == 0:
        return []
    output = done.stderr + "\n" + done.stdout
    locks = [Lock(m["user"], m["host"], int(m["pid"]), m["at"] or "") for m in _LOCK.finditer(output)]
    if not locks and "in progress" in output:  # a service backend: it tracks the update, not a file
        raise CliError(
            f"stack {stack}: {last_line(done)}; if that update was interrupted, run "
            f"`pulumi cancel --stack {stack}` and then this again"
        )
    if not locks:
        raise CliError(f"pulumi refresh --stack {stack} failed: {last_line(done)}")
    live = [lock for lock in locks if lock.held_by_live_process()]
    if live and not force:
        raise CliError(
            f"stack {stack} is locked by a run that may still be going ({live[0]}); wait for it to "
            "end, or pass --force if you know it is dead"
        )
    run_pulumi(["cancel", "--yes", "--stack", stack], cwd=cwd)
    run_pulumi(refresh, cwd=cwd)
    return locks


def _report(stack: str, before: StackState, locks: list[Lock]) -> None:
    out = sys.stdout
    for lock in locks:
        out.write(f"stack {stack}: removed the lock of the interrupted run ({lock})\n")
    creates = before.pending_creates
    if creates:
        names = ", ".join(f"{op.kind or 'resource'} {op.name}" for op in creates)
        out.write(f"stack {stack}: cleared {len(creates)} interrupted create(s): {names}\n")
        out.write(
            "  what they made carries their resources' ownership markers: the next `pulumi up` adopts it\n"
        )
    others = len(before.pending) - len(creates)
    if others:
        out.write(
            f"stack {stack}: dropped {others} interrupted update(s)/delete(s); the refresh re-read them\n"
        )
    if not (locks or before.pending):
        out.write(f"stack {stack}: nothing was interrupted (no lock, no pending operation); refreshed\n")
    out.write(f"stack {stack}: ready; run the interrupted command again (`pulumi up` or `pulumi destroy`)\n")


def run(args: argparse.Namespace) -> int:
    cwd = project_dir(args)
    repaired: list[Path] = []
    try:
        before = read_stack(args.stack, cwd=cwd)
    except CliError as exc:
        if UNREADABLE not in str(exc) or not (repaired := repair_checkpoint(args.stack, cwd)):
            raise
        before = read_stack(args.stack, cwd=cwd)
    for sidecar in repaired:
        sys.stdout.write(f"stack {args.stack}: removed {sidecar}, left unreadable by the kill\n")
    locks = _refresh(args.stack, cwd, args.force)
    after = read_stack(args.stack, cwd=cwd)
    if after.pending:
        left = ", ".join(f"{op.type} {op.name}" for op in after.pending)
        raise CliError(f"stack {args.stack} still has pending operations after the refresh: {left}")
    _report(args.stack, before, locks)
    return EXIT_OK
