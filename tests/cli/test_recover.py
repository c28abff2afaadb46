"""`did-agents recover` on what a SIGKILL leaves on a `file://` backend, reproduced file by file.

The kills themselves are in tests/chaos (and `make chaos`); these pin the two leftovers a kill may
or may not hit: the lock file of the dead run, and a checkpoint whose metadata sidecar the kill
truncated (fileblob writes it in place), which makes every pulumi command fail.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import uuid
from pathlib import Path

from tests.chaos.stack import Stack


def lock(stack: Stack, pid: int) -> Path:
    """The lock file a `pulumi up` of process ``pid`` holds while it runs."""
    folder = stack.work / "state" / ".pulumi" / "locks" / "organization" / "chaos-fleet" / stack.name
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{uuid.uuid4()}.json"
    content = {
        "pid": pid,
        "username": "ci",
        "hostname": socket.gethostname(),
        "timestamp": "2026-11-30T12:00:00Z",
    }
    path.write_text(json.dumps(content))
    return path


def dead_pid() -> int:
    probe = subprocess.Popen([sys.executable, "-c", "pass"])
    probe.wait()
    return probe.pid


def test_recover_removes_a_dead_runs_lock_and_a_truncated_checkpoint_sidecar(stack: Stack) -> None:
    assert stack.pulumi("up", "--yes", "--skip-preview").returncode == 0
    lock(stack, dead_pid())
    sidecar = stack.work / "state" / ".pulumi" / "stacks" / "chaos-fleet" / f"{stack.name}.json.attrs"
    assert sidecar.is_file()
    sidecar.write_text("")  # a kill between fileblob's truncation of the sidecar and its write

    stuck = stack.pulumi("up", "--yes", "--skip-preview")
    assert stuck.returncode != 0 and "failed to load checkpoint: EOF" in stuck.stderr

    recovered = stack.did_agents("recover", "--stack", stack.name)
    assert recovered.returncode == 0, recovered.stderr
    assert f"removed {sidecar}" in recovered.stdout
    assert "removed the lock of the interrupted run" in recovered.stdout
    assert stack.pulumi("up", "--yes", "--skip-preview").returncode == 0
    assert stack.pulumi("preview", "--expect-no-changes").returncode == 0


def test_recover_leaves_the_lock_of_a_run_that_may_be_alive(stack: Stack) -> None:
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)", "pulumi", "up"])
    try:
        held = lock(stack, running.pid)
        refused = stack.did_agents("recover", "--stack", stack.name)
    finally:
        running.kill()
        running.wait()
    assert refused.returncode == 2
    assert refused.stderr.count("\n") == 1
    assert f"locked by a run that may still be going (pid {running.pid} on" in refused.stderr
    assert held.is_file(), "a live run's lock was removed"
