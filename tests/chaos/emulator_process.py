"""The emulator as its own process on a SQLite file, so it can be killed -9 and restarted in place."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from .kill import Listener, PipeTap

__all__ = ["ProcessEmulator"]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class ProcessEmulator:
    """``did-agents-emulator serve`` on a free loopback port; its request lines reach listeners."""

    def __init__(self, work: Path, api_key: str = "chaos-user:chaos-secret") -> None:
        self.work = work
        self.api_key = api_key
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.db = work / "emulator.db"
        self.log = work / "emulator.log"
        self._process: subprocess.Popen[str] | None = None
        self._listeners: list[Listener] = []
        self._lock = threading.Lock()

    def start(self) -> ProcessEmulator:
        command = [
            sys.executable, "-m", "did_agents_emulator.cli", "serve", "--host", "127.0.0.1",
            "--port", str(self.port), "--db", str(self.db), "--api-key", self.api_key,
        ]  # fmt: skip
        self._process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, bufsize=1
        )
        assert self._process.stderr is not None
        PipeTap(self._process.stderr, self.log, self._dispatch)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                httpx.get(f"{self.url}/_emulator/health", timeout=1).raise_for_status()
                return self
            except httpx.HTTPError:
                if self._process.poll() is not None:
                    raise RuntimeError(
                        f"the emulator exited ({self._process.returncode}); see {self.log}"
                    ) from None
                time.sleep(0.1)
        raise RuntimeError(f"the emulator did not start in 20 s; see {self.log}")

    def kill(self) -> None:
        """SIGKILL, as a crashed host would: acknowledged writes are on disk (synchronous=FULL)."""
        if self._process is not None and self._process.poll() is None:
            os.kill(self._process.pid, signal.SIGKILL)
            self._process.wait()

    def stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()

    def _dispatch(self, line: dict[str, Any]) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            listener(line)

    @contextmanager
    def listening(self, listener: Listener) -> Iterator[None]:
        with self._lock:
            self._listeners.append(listener)
        try:
            yield
        finally:
            with self._lock:
                self._listeners.remove(listener)

    def configure(self, **fields: Any) -> None:
        httpx.patch(f"{self.url}/_emulator/config", json=fields, timeout=10).raise_for_status()

    def reset(self) -> None:
        httpx.post(f"{self.url}/_emulator/reset", timeout=10).raise_for_status()
