"""Deterministic kill points: SIGKILL the pulumi CLI once the emulator has committed the Nth request.

The emulator writes one JSON line per request just before the last byte of its answer leaves, i.e.
after the request's effects are committed and before the client can have read the answer. A
``KillSwitch`` fed those lines kills the CLI at that instant: the object exists, and no part of
Pulumi has recorded it. Lines come from the emulator's logger in-process (``LogTap``) or from a
subprocess emulator's stderr (``PipeTap``).
"""

from __future__ import annotations

import json
import logging
import os
import re
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

__all__ = [
    "KillPoint",
    "KillSwitch",
    "LogTap",
    "PipeTap",
    "alive",
    "command_line",
    "descendants",
    "end_processes",
]

Listener = Callable[[dict[str, Any]], None]
REQUEST_LOGGER = "did_agents_emulator.requests"


@dataclass(frozen=True)
class KillPoint:
    """Kill after the ``nth`` request whose method is ``method`` and whose path matches ``path``."""

    label: str
    nth: int
    method: str = "POST"
    path: str = r".*"

    def matches(self, line: dict[str, Any]) -> bool:
        """A request of ``method`` to ``path`` that succeeded (status below 300)."""
        return (
            line.get("method") == self.method
            and int(line.get("status", 0)) < 300
            and re.fullmatch(self.path, str(line.get("path", ""))) is not None
        )


@dataclass
class KillSwitch:
    point: KillPoint
    seen: int = 0
    pid: int | None = None
    fired: dict[str, Any] | None = None
    reached: threading.Event = field(default_factory=threading.Event)
    """Set when the ``nth`` request is seen, armed or not."""
    doomed: list[tuple[int, str]] = field(default_factory=list)
    """The CLI's descendants (plugins) at the kill, with their command lines: they live on in their
    own process groups."""
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def arm(self, pid: int) -> None:
        with self._lock:
            self.pid = pid
            if self.fired is not None:
                self._kill()

    def __call__(self, line: dict[str, Any]) -> None:
        with self._lock:
            if self.fired is not None or not self.point.matches(line):
                return
            self.seen += 1
            if self.seen == self.point.nth:
                self.fired = line
                self.reached.set()
                if self.pid is not None:
                    self._kill()

    def _kill(self) -> None:
        assert self.pid is not None
        self.doomed = [(pid, command_line(pid)) for pid in descendants(self.pid)]
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


class LogTap:
    """Request lines of an in-process ``EmulatorServer`` (its logger; enabled while subscribed)."""

    def __init__(self) -> None:
        self._logger = logging.getLogger(REQUEST_LOGGER)

    @contextmanager
    def listening(self, listener: Listener) -> Iterator[None]:
        handler = _Handler(listener)
        level, propagate = self._logger.level, self._logger.propagate
        self._logger.addHandler(handler)
        self._logger.setLevel(logging.INFO)
        self._logger.propagate = False
        try:
            yield
        finally:
            self._logger.removeHandler(handler)
            self._logger.setLevel(level)
            self._logger.propagate = propagate


class _Handler(logging.Handler):
    def __init__(self, listener: Listener) -> None:
        super().__init__()
        self.listener = listener

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.listener(json.loads(record.getMessage()))
        except Exception:  # noqa: BLE001 - runs inside the emulator's request; never break it
            logging.getLogger(__name__).exception("kill switch failed")


class PipeTap:
    """Feeds the request lines of an emulator subprocess's stderr to ``listener`` (and copies them
    to ``log``) until the stream ends with the process."""

    def __init__(self, stream: IO[str], log: Path, listener: Listener) -> None:
        self._listener = listener
        threading.Thread(target=self._pump, args=(stream, log), daemon=True).start()

    def _pump(self, stream: IO[str], log: Path) -> None:
        with log.open("a") as out:
            for raw in stream:
                out.write(raw)
                out.flush()
                try:
                    line = json.loads(raw)
                except ValueError:
                    continue
                if isinstance(line, dict):
                    self._listener(line)


def descendants(pid: int) -> list[int]:
    """All processes below ``pid`` (Linux ``/proc``)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    found: list[int] = []
    todo = [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def command_line(pid: int) -> str:
    try:
        return (
            Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        ).strip()
    except OSError:
        return ""


def alive(processes: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Those still running the same command (a pid may have been reused since)."""
    return [(pid, command) for pid, command in processes if command and command_line(pid) == command]


def end_processes(processes: list[tuple[int, str]]) -> None:
    """SIGKILL processes this run started, by pid, if each still runs the command it ran then."""
    for pid, _ in alive(processes):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
