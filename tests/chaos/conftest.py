"""Fixtures for the interrupted-run tests: a fleet project with a stack, and the account's oracle."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from did_agents_emulator.testing import EmulatorServer
from tests.chaos.account import Account
from tests.chaos.fleet import Fleet, write_project
from tests.chaos.release import Release, write_release_project
from tests.chaos.scenario import InProcess
from tests.chaos.stack import Stack

SMALL = Fleet(knowledge_bases=2, documents_per_kb=1, agents=1, keys_per_agent=1)
"""Every kind, documents in two knowledge bases: 6 resources, about 3 s per clean `up`."""


@pytest.fixture
def emulator(did_emulator: EmulatorServer) -> InProcess:
    return InProcess(did_emulator)


@pytest.fixture
def account(emulator: InProcess) -> Iterator[Account]:
    oracle = Account(emulator.url, emulator.api_key)
    yield oracle
    oracle.close()


@pytest.fixture
def stack(pulumi_cli: str, tmp_path: Path, emulator: InProcess) -> Stack:
    project = write_project(tmp_path / "project", SMALL)
    deployed = Stack(project, tmp_path / "work", emulator.url, emulator.api_key)
    deployed.init()
    return deployed


@pytest.fixture
def release_stack(pulumi_cli: str, tmp_path: Path, emulator: InProcess) -> Stack:
    """One agent whose 2 documents ship as releases behind a gate of 2 cases (not yet deployed)."""
    project = write_release_project(tmp_path / "project", Release(documents=2))
    deployed = Stack(project, tmp_path / "work", emulator.url, emulator.api_key)
    deployed.init()
    return deployed
