"""Killed and faulted runs under the real engine converge: no duplicate, no orphan, no pending operation.

Each kill is deterministic: the CLI gets SIGKILL the moment the emulator has committed the first
create of one kind and before the answer reaches the provider (see ``kill.py``). Then the one
documented recovery step (``did-agents recover``), one more ``pulumi up``, a preview that must show
no change, and a ``destroy`` that must leave the account empty. The full matrix (every create of a
larger fleet, more fault mixes, an API outage) is ``make chaos``.
"""

from __future__ import annotations

import itertools
import re

import pytest

from did_agents_emulator import faults
from tests.chaos.account import Account, tally
from tests.chaos.kill import KillPoint
from tests.chaos.release import CREATES, interrupted_release
from tests.chaos.scenario import InProcess, Outcome, faulty_up, interrupted_up
from tests.chaos.stack import Stack

CREATE_PATHS = r"^/(knowledge|agents)(/[^/]+/(documents|client-keys))?/?$"
"""Where creates are posted and where the provider lists what they made."""

KILL_POINTS = [
    KillPoint("knowledge base created", 1, path=r"/knowledge/?"),
    KillPoint("document created", 1, path=r"/knowledge/[^/]+/documents/?"),
    KillPoint("agent created", 1, path=r"/agents/?"),
]


def assert_converged(outcome: Outcome) -> None:
    assert outcome.reached, outcome.errors
    assert outcome.errors == []
    assert (outcome.duplicates, outcome.orphans, outcome.pending) == (0, 0, 0), outcome
    assert outcome.converged, "the next preview shows changes"
    assert outcome.empty, "destroy left objects in the account"


@pytest.mark.parametrize("point", KILL_POINTS, ids=lambda p: p.label.replace(" ", "-"))
def test_a_killed_up_recovers_in_one_step(
    stack: Stack, account: Account, emulator: InProcess, point: KillPoint
) -> None:
    outcome = interrupted_up(stack, account, emulator, point)

    assert outcome.pending_after_kill != 0, "the kill left no pending create: it came too late"
    assert outcome.unrecorded_after_kill != 0, "the kill left no object the state does not know"
    assert outcome.plugins_exited, "the dynamic provider outlived its killed engine"
    assert_converged(outcome)


def test_a_run_killed_with_skipped_checkpoints_is_recovered_by_adoption(
    stack: Stack, account: Account, emulator: InProcess
) -> None:
    """With PULUMI_SKIP_CHECKPOINTS=true the state is written once, at the end: a killed first run
    records nothing, and only the owner id (config, written before the run) finds its objects. Killed
    at the last create, every kind is adopted, client keys inside adopted agents too."""
    stack.extra_env["PULUMI_SKIP_CHECKPOINTS"] = "true"
    last = KillPoint("client key created", 1, path=r"/agents/[^/]+/client-keys/?")
    outcome = interrupted_up(stack, account, emulator, last)

    assert outcome.pending_after_kill == 0, "a checkpoint was written during the run"
    assert outcome.unrecorded_after_kill == 6, "the kill should leave every object unrecorded"
    assert_converged(outcome)


def test_a_release_killed_at_its_candidate_is_adopted_and_shipped(
    release_stack: Stack, account: Account, emulator: InProcess
) -> None:
    """A document edited, the ``up`` that ships the new release killed once the candidate agent is
    made: its knowledge base, documents and (unless the dying provider removed it) the candidate
    are in no state. The next ``up`` adopts them, gates, switches the live agent and removes the
    candidate (``make chaos`` kills at every step of a release)."""
    point = KillPoint("candidate created", 4, path=CREATES)
    outcome = interrupted_release(release_stack, account, emulator, point)

    assert outcome.unrecorded_after_kill >= 3, "the knowledge base and its 2 documents at least"
    assert_converged(outcome)  # with the live agent on the new release and `orphans` clean


class EveryThird:
    """The emulator's fault draws, fixed: the 2nd, 5th, 8th … matching request fails."""

    def __init__(self) -> None:
        self._draws = itertools.cycle([0.5, 0.0, 0.5])

    def random(self) -> float:
        return next(self._draws)


def test_a_run_that_loses_a_third_of_its_create_answers_converges(
    stack: Stack, account: Account, emulator: InProcess, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every third create (or listing that finds creates again) answered 500 after the server
    committed it: lost answers. `make chaos` draws 30 % at random, on every path."""
    monkeypatch.setattr(faults, "_rng", EveryThird())
    outcome = faulty_up(stack, account, emulator, "1/3 500 after commit", fault_rate=0.3, fault_status=500,
                        fault_phase="after", fault_paths=CREATE_PATHS)  # fmt: skip
    assert any(request.startswith("POST ") for request in outcome.faulted), outcome.faulted
    assert_converged(outcome)


def test_a_failed_run_says_what_failed_in_one_line_and_the_next_run_converges(
    stack: Stack, account: Account, emulator: InProcess
) -> None:
    emulator.configure(fault_rate=1.0, fault_status=503, fault_paths=r"^/agents/?$")
    failed = stack.pulumi("up", "--yes", "--skip-preview", "--config", "didagents:retryTimeout=1")
    emulator.configure(fault_rate=0.0)

    assert failed.returncode != 0
    output = failed.stdout + failed.stderr
    assert "Traceback" not in output and 'File "' not in output
    diagnostics = output.split("Diagnostics:", 1)[1]
    block = re.search(r"didagents:Agent \(agent0\):\n +error: (.+)\n\n", diagnostics)
    assert block, diagnostics  # one line under the resource's name, then the next resource
    assert re.fullmatch(
        r"pulumi-did-agents: Agent create: 503 ServiceUnavailable: .+ \(POST /agents\)", block.group(1)
    )

    assert stack.pulumi("up", "--yes", "--skip-preview").returncode == 0
    counts = tally(account.objects(), stack.deployment())
    assert (counts.duplicates, counts.orphans, counts.pending) == (0, 0, 0), counts
    assert stack.pulumi("preview", "--expect-no-changes").returncode == 0
