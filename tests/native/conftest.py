"""Fixtures for the native provider's tests: the servicer in-process, and the real engine with the plugin.

Engine tests need the built CLI, the YAML language host and the ``pulumi-resource-didagents``
console script; a missing one fails the test with what to run, never skips it.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.api_calls import ApiCalls, count_api_calls
from did_agents_emulator.testing import EmulatorServer
from tests.e2e.engine import EngineEnv
from tests.native.plugin import Plugin, configured_plugin

PLUGIN = "pulumi-resource-didagents"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "engine" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.engine)


@pytest.fixture(scope="session")
def plugin_dir() -> Path:
    """The folder holding the plugin executable (the virtualenv's scripts)."""
    folder = Path(sys.executable).parent
    if not (folder / PLUGIN).is_file():
        pytest.fail(
            f"{PLUGIN} is not installed beside {sys.executable}: run `make install` "
            "(pip install -e .) so the console script exists.",
            pytrace=False,
        )
    return folder


@pytest.fixture(scope="session")
def engine_tools(plugin_dir: Path) -> Path:
    """The pulumi CLI and the YAML language host; returns the plugin folder."""
    cli = shutil.which("pulumi")
    if cli is None:
        pytest.fail("The pulumi CLI is not on PATH nor in .tools/pulumi/bin: run `make cli`.", pytrace=False)
    if shutil.which("pulumi-language-yaml", path=str(Path(cli).parent)) is None:
        pytest.fail(
            f"pulumi-language-yaml is not beside {cli}: `make cli` builds it (pulumi-yaml v1.25.0).",
            pytrace=False,
        )
    return plugin_dir


@pytest.fixture
def engine(engine_tools: Path, tmp_path: Path, did_emulator: EmulatorServer) -> Iterator[EngineEnv]:
    """The real engine on a ``file://`` backend in ``tmp_path``, talking to the emulator."""
    env = EngineEnv(tmp=tmp_path, emulator=did_emulator, python=sys.executable)
    yield env
    env.cleanup()


@pytest.fixture
def plugin(did_emulator: EmulatorServer) -> Iterator[Plugin]:
    """The provider servicer in this process, configured for the emulator, called as the engine does."""
    driver = configured_plugin(did_emulator)
    yield driver
    driver.provider.session().close()


@pytest.fixture
def api_calls() -> Iterator[ApiCalls]:
    """The API calls the emulator serves during the test."""
    with count_api_calls() as calls:
        yield calls
