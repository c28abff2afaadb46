"""Suite-wide set-up: the built Pulumi CLI on PATH for engine tests run outside `make`, the fixtures
of the tests that drive it (a missing CLI fails them with a clear message: they never skip, in CI
or elsewhere), and the S3-compatible server's fixtures (tests/s3_server.py)."""

from __future__ import annotations

import gc
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from did_agents_emulator.testing import EmulatorServer
from tests.e2e.engine import EngineEnv

ROOT = Path(__file__).resolve().parents[1]
_CLI = ROOT / ".tools" / "pulumi" / "bin"

if _CLI.is_dir() and str(_CLI) not in os.environ.get("PATH", "").split(os.pathsep):
    os.environ["PATH"] = f"{_CLI}{os.pathsep}{os.environ.get('PATH', '')}"

pytest_plugins = ["tests.s3_server"]

_ENGINE_FIXTURES = {"pulumi_cli", "engine"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Engine tests (``make test-fast`` leaves them out): tests/e2e and every test using the CLI."""
    for item in items:
        in_e2e = "tests/e2e/" in item.path.as_posix()
        if in_e2e or _ENGINE_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.engine)


@pytest.fixture(scope="session")
def pulumi_cli() -> str:
    path = shutil.which("pulumi")
    if path is None:
        pytest.fail(
            "The pulumi CLI is not on PATH and not built in .tools/pulumi/bin. "
            "Run `make cli` (or `make test`, which builds it) first.",
            pytrace=False,
        )
    version = subprocess.run([path, "version"], capture_output=True, text=True, check=True).stdout.strip()
    assert version, f"{path} printed no version"
    return path


@pytest.fixture
def engine(pulumi_cli: str, tmp_path: Path, did_emulator: EmulatorServer) -> Iterator[EngineEnv]:
    """The real engine on a ``file://`` backend in ``tmp_path``, talking to the emulator."""
    env = EngineEnv(tmp=tmp_path, emulator=did_emulator, python=sys.executable)
    yield env
    env.cleanup()
    _finalize_abandoned_programs()


_ABANDONED = {"run_pulumi_func", "run_in_stack"}


def _finalize_abandoned_programs() -> None:
    """Finalize inline programs the Automation API abandoned, now rather than in a later test.

    When a preview fails, pulumi's `run_pulumi_func` coroutine is left unfinished; closing it later
    raises "no running event loop" from its finalizer. Left to the garbage collector, that
    finalizer can run inside an unrelated test (it once broke a hypothesis replay in the contract
    test). Collecting here keeps it in the engine test that caused it, and drops just that error.
    """
    previous = sys.unraisablehook

    def hook(unraisable: sys.UnraisableHookArgs) -> None:
        abandoned = getattr(unraisable.object, "__qualname__", "") in _ABANDONED
        if not (abandoned and isinstance(unraisable.exc_value, RuntimeError)):
            previous(unraisable)

    sys.unraisablehook = hook
    try:
        gc.collect()
    finally:
        sys.unraisablehook = previous
