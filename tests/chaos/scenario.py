"""One kill point or fault, end to end: the disturbed ``up``, the recovery step, one more ``up``, then
what the account and the state say (duplicates, orphans, pending operations), whether a preview
shows no change, and whether ``destroy`` empties the account."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from typing import Any, Protocol

from .account import Account, tally
from .kill import KillPoint, KillSwitch, Listener, LogTap, alive, end_processes
from .stack import Stack

__all__ = ["Check", "Emulator", "InProcess", "Outcome", "faulty_up", "interrupted_api", "interrupted_up"]

PROVIDER_EXIT_WITHIN = 5.0
"""Seconds a plugin may outlive its killed engine (its watchdog polls every second)."""
_PLUGINS = ("pulumi.dynamic", "pulumi-resource-didagents")


class Emulator(Protocol):
    url: str
    api_key: str

    def listening(self, listener: Listener) -> AbstractContextManager[None]: ...

    def configure(self, **fields: Any) -> Any: ...


class InProcess:
    """An in-process ``EmulatorServer`` (pytest's ``did_emulator``, ``make chaos``'s); request lines from
    its logger, in its own thread, before each answer is sent: kills there are exact."""

    def __init__(self, server: Any) -> None:
        self.server = server
        self.url: str = server.url
        self.api_key: str = server.api_key
        self._tap = LogTap()

    def listening(self, listener: Listener) -> AbstractContextManager[None]:
        return self._tap.listening(listener)

    def configure(self, **fields: Any) -> Any:
        return self.server.configure(**fields)


@dataclass
class Outcome:
    label: str
    logs: str = ""
    reached: bool = False
    pending_after_kill: int = 0
    """-1: the kill left the ``file://`` checkpoint unreadable."""
    unrecorded_after_kill: int = 0
    """Objects the API had made that the state did not record, right after the kill."""
    duplicates: int = -1
    orphans: int = -1
    pending: int = -1
    converged: bool = False
    empty: bool = False
    plugins_exited: bool = True
    killed_at: str = ""
    """The request at which the kill fired (method and kind of object), or how many faults."""
    faulted: list[str] = field(default_factory=list)
    """Requests answered with the injected fault (``faulty_up``)."""
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return (
            self.reached
            and (self.duplicates, self.orphans, self.pending) == (0, 0, 0)
            and self.converged
            and self.empty
            and self.plugins_exited
            and not self.errors
        )


def _step(outcome: Outcome, what: str, done: Any) -> bool:
    """Record a failed step by its error line; a traceback anywhere is a failure of its own."""
    if "Traceback (most recent call last)" in done.stdout + done.stderr:
        outcome.errors.append(f"{what} printed a traceback")
    if done.returncode == 0:
        return True
    lines = [
        line.strip() for line in (done.stdout + "\n" + done.stderr).splitlines() if "error" in line.lower()
    ]
    outcome.errors.append(f"{what} exited {done.returncode}: {lines[-1] if lines else '(no error line)'}")
    return False


Check = Callable[[Stack, Account, Outcome], None]
"""More to check once the run settled, before ``destroy``: appends to the outcome's errors."""


def _settle(
    stack: Stack, account: Account, outcome: Outcome, *, up: bool = True, check: Check | None = None
) -> None:
    """One more ``up``, the tally, a no-change preview, ``check``, ``destroy`` and an empty account."""
    if up:
        _step(outcome, "up", stack.pulumi("up", "--yes", "--skip-preview"))
    counts = tally(account.objects(), stack.deployment())
    outcome.duplicates, outcome.orphans, outcome.pending = counts.duplicates, counts.orphans, counts.pending
    if counts.missing:
        outcome.errors.append(f"{counts.missing} resource(s) in the state have no object")
    outcome.converged = stack.pulumi("preview", "--expect-no-changes").returncode == 0
    if check is not None:
        check(stack, account, outcome)
    _step(outcome, "destroy", stack.pulumi("destroy", "--yes", "--skip-preview"))
    outcome.empty = not account.objects()


def _plugins_exit(switch: KillSwitch) -> bool:
    """Our providers stop once their engine is gone; pulumi's language host lingers (it is ended)."""
    plugins = [p for p in switch.doomed if any(name in p[1] for name in _PLUGINS)]
    deadline = time.monotonic() + PROVIDER_EXIT_WITHIN
    while alive(plugins) and time.monotonic() < deadline:
        time.sleep(0.1)
    exited = not alive(plugins)
    end_processes(switch.doomed)
    return exited


def _after_kill(stack: Stack, account: Account, outcome: Outcome) -> None:
    """What the kill left: pending operations, and objects the state does not record (-1 for both
    when it left the checkpoint unreadable; ``recover`` repairs that)."""
    done = stack.pulumi("stack", "export")
    if done.returncode != 0 and "failed to load checkpoint" in done.stderr:
        outcome.pending_after_kill = outcome.unrecorded_after_kill = -1
        return
    assert done.returncode == 0, done.stderr
    counts = tally(account.objects(), json.loads(done.stdout).get("deployment") or {})
    outcome.pending_after_kill, outcome.unrecorded_after_kill = counts.pending, counts.orphans


@contextmanager
def _timed(outcome: Outcome) -> Iterator[None]:
    start = time.monotonic()
    try:
        yield
    finally:
        outcome.seconds = time.monotonic() - start


def interrupted_up(
    stack: Stack,
    account: Account,
    emulator: Emulator,
    point: KillPoint,
    command: str = "up",
    check: Check | None = None,
    after_recover: Callable[[], None] | None = None,
) -> Outcome:
    """SIGKILL ``pulumi <command>`` at ``point``, run ``did-agents recover`` (then
    ``after_recover``, e.g. another edit of the program), then settle (and ``check``)."""
    outcome = Outcome(point.label, str(stack.work / "logs"))
    with _timed(outcome):
        switch = KillSwitch(point)
        with emulator.listening(switch):
            process = stack.start(command, "--yes", "--skip-preview")
            switch.arm(process.pid)
            code = process.wait(timeout=600)
        outcome.reached = switch.fired is not None
        if not outcome.reached:
            outcome.errors.append(f"kill point not reached ({switch.seen} matching; {command} exited {code})")
        else:
            outcome.killed_at = f"{switch.fired['method'] if switch.fired else ''} {_kind(switch.fired)}"
        outcome.plugins_exited = _plugins_exit(switch)
        _after_kill(stack, account, outcome)
        _step(outcome, "did-agents recover", stack.did_agents("recover", "--stack", stack.name))
        if after_recover is not None:
            after_recover()
        _settle(stack, account, outcome, check=check)
    return outcome


def faulty_up(stack: Stack, account: Account, emulator: Emulator, label: str, **faults: Any) -> Outcome:
    """``up``, the check, ``preview`` and ``destroy`` all under ``faults`` (no recovery step)."""
    outcome = Outcome(label, str(stack.work / "logs"), reached=True)
    status = int(faults.get("fault_status", 429))

    def count(line: dict[str, Any]) -> None:
        if line.get("status") == status:
            outcome.faulted.append(f"{line.get('method')} {line.get('path')}")

    with _timed(outcome), emulator.listening(count):
        emulator.configure(**faults)
        try:
            _settle(stack, account, outcome)
        finally:
            emulator.configure(fault_rate=0.0)
    outcome.killed_at = f"{len(outcome.faulted)} × {status}"
    return outcome


def interrupted_api(
    stack: Stack,
    account: Account,
    emulator: Emulator,
    point: KillPoint,
    kill: Callable[[], None],
    restart: Callable[[], object],
    downtime: float,
) -> Outcome:
    """The API dies (``kill``) at ``point`` during ``up`` and comes back after ``downtime`` seconds."""
    outcome = Outcome(point.label, str(stack.work / "logs"))
    with _timed(outcome):
        switch = KillSwitch(point)  # never armed: the API is what dies
        with emulator.listening(switch):
            process = stack.start("up", "--yes", "--skip-preview")
            outcome.reached = switch.reached.wait(timeout=120)
        kill()
        time.sleep(downtime)
        restart()
        _step(outcome, "up during the outage", _Done(process.wait(timeout=900)))
        _settle(stack, account, outcome, up=False)
    return outcome


def _kind(line: dict[str, Any] | None) -> str:
    """``/knowledge/knl_1/documents`` → ``document``; the kind of object a request is about."""
    path = str((line or {}).get("path", ""))
    for part, kind in (
        ("/chat", "chat"),
        ("client-keys", "client key"),
        ("documents", "document"),
        ("knowledge", "knowledge base"),
    ):
        if part in path:
            return kind
    return "agent" if path.startswith("/agents") else path


@dataclass
class _Done:
    returncode: int
    stdout: str = "(see the stack's logs/)"
    stderr: str = ""
