"""Fixtures for tests that drive the real Pulumi engine against the emulator.

A missing CLI fails these tests with a clear message: they never skip, in CI or elsewhere.
"""

from __future__ import annotations

import gc
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.engine import EngineEnv


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace("\\", "/"):
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
def engine(pulumi_cli: str, tmp_path: Path, did_emulator) -> Iterator[EngineEnv]:  # type: ignore[no-untyped-def]
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
