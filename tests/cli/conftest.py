"""The `did-agents` subcommands that read stacks run against real stacks: a fleet deployed with the
pulumi CLI on a `file://` backend, talking to the emulator (fixtures shared with tests/chaos)."""

from __future__ import annotations

from tests.chaos.conftest import account, emulator, stack  # noqa: F401 - fixtures
