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
from tests.native.plugin import Plugin, configured_plugin

PLUGIN = "pulumi-resource-didagents"


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
def engine_tools(pulumi_cli: str, plugin_dir: Path) -> Path:
    """The pulumi CLI and the YAML language host beside it; returns the plugin folder."""
    if shutil.which("pulumi-language-yaml", path=str(Path(pulumi_cli).parent)) is None:
        pytest.fail(
            f"pulumi-language-yaml is not beside {pulumi_cli}: `make cli` builds it (pulumi-yaml v1.25.0).",
            pytrace=False,
        )
    return plugin_dir


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
