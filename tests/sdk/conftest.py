"""Fixtures for the official-SDK tests: the customer's site, a Chromium browser, the replay world and
the replay tally (how many of the SDK's REST calls the emulator answers in shape)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from did_agents_emulator.testing import EmulatorServer, default_api_keys

from .replay import ReplayWorld
from .sdk_package import BUILDS
from .site import StaticSite
from .wire import ORIGIN, Credentials, SdkWire, sdk_id
from .world import (
    EXPRESSIVE_PRESENTER,
    HANDBOOK,
    api_client,
    create_client_key,
    create_grounded_agent,
    expect_ok,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser

# Debian's chromium (`make sdk-deps` installs it); nothing is downloaded by Playwright.
CHROMIUM = Path(os.environ.get("DID_SDK_CHROMIUM", "/usr/bin/chromium"))
# Without the background-networking flags Chromium's own connections are refused by a closed network
# and it stalls; QUIC and GPU are off for the same reason (headless, no network beyond loopback).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def site() -> Iterator[StaticSite]:
    """The customer's website (page, SDK builds, handbook) on a loopback port."""
    for build in BUILDS.values():
        build.require_installed()
    with StaticSite() as server:
        yield server


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    """Headless Chromium driven by Playwright; missing pieces fail the test with the fix, never skip it."""
    if not CHROMIUM.is_file():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make sdk-deps` (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("the playwright package is missing: run `make install` (it is in the dev extra)")
    with sync_playwright() as playwright:
        # Playwright adds --headless and a fresh temporary --user-data-dir itself.
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="package")
def replay_world() -> Iterator[ReplayWorld]:
    """One emulator of its own (three accounts) for every replay test; the handbook is a file:// URL."""
    with EmulatorServer(api_keys=default_api_keys(3)) as server, api_client(server) as api:
        clip = create_grounded_agent(api, HANDBOOK.as_uri())
        expressive = create_grounded_agent(api, HANDBOOK.as_uri(), presenter=EXPRESSIVE_PRESENTER)
        account_key = expect_ok(api.post("/agents/client-key", json={"allowed_domains": [ORIGIN]}))
        yield ReplayWorld(
            server=server,
            clip=clip,
            clip_key=create_client_key(api, clip.agent_id, [ORIGIN]),
            expressive=expressive,
            expressive_key=create_client_key(api, expressive.agent_id, [ORIGIN]),
            account_key=account_key["client_key"],
            external_id=sdk_id(),
            credentials=Credentials(),
        )


@pytest.fixture
def wire(replay_world: ReplayWorld) -> Iterator[SdkWire]:
    client = SdkWire(replay_world.server.url)
    yield client
    client.close()


# -- the tally: every replay test is one SDK call ---------------------------------------------------

_REPLAY_OUTCOMES: dict[str, str] = {}


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if "/test_replay_" in report.nodeid and (report.when == "call" or report.failed):
        _REPLAY_OUTCOMES.setdefault(report.nodeid, "passed")
        if report.failed:
            _REPLAY_OUTCOMES[report.nodeid] = "failed"


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _REPLAY_OUTCOMES:
        passed = sum(outcome == "passed" for outcome in _REPLAY_OUTCOMES.values())
        terminalreporter.write_line(
            f"official SDK call shapes (tests/sdk/test_replay_*): {passed} of {len(_REPLAY_OUTCOMES)} succeed"
        )
