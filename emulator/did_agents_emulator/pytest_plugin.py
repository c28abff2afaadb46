"""pytest fixtures for the emulator (registered via the ``pytest11`` entry point).

``did_emulator_session`` is one server per test session; ``did_emulator`` is the same server with
data wiped and config restored before each test. Imports are lazy so loading the plugin is cheap.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from .testing import EmulatorServer


@pytest.fixture(scope="session")
def did_emulator_session() -> Iterator[EmulatorServer]:
    """A session-wide emulator with two API keys (two accounts) and the default ready delays
    (agents 0.2 s, documents 0.5 s): clients poll, as against the real API."""
    from .testing import EmulatorServer, default_api_keys

    with EmulatorServer(api_keys=default_api_keys(2)) as server:
        yield server


@pytest.fixture
def did_emulator(did_emulator_session: EmulatorServer) -> Iterator[EmulatorServer]:
    """The session emulator, reset to no data and default config before the test."""
    did_emulator_session.reset()
    did_emulator_session.restore_config()
    yield did_emulator_session
