"""The `did-agents` subcommands that read stacks run against real stacks: a fleet deployed with the
pulumi CLI on a `file://` backend, talking to the emulator (fixtures shared with tests/chaos)."""

from __future__ import annotations

import pytest

from tests.chaos.conftest import account, emulator, stack  # noqa: F401 - fixtures
from tests.e2e.conftest import pulumi_cli  # noqa: F401 - fixture: a missing CLI fails, never skips


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that drive the pulumi CLI are engine tests (``make test-fast`` leaves them out)."""
    for item in items:
        if "pulumi_cli" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.engine)
