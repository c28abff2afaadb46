"""Two stack instances with the same project and stack names, on two backends (a ``file://``
folder and an S3 bucket), share one D-ID account: each owns only what it made.

One is killed mid-``up`` and recovered while the other is deployed; ``orphans --delete`` runs from
the deployed side; each ``destroy`` leaves the other's objects alone.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.chaos.account import Account
from tests.chaos.conftest import SMALL
from tests.chaos.fleet import write_project
from tests.chaos.kill import KillPoint, KillSwitch, end_processes
from tests.chaos.scenario import InProcess
from tests.chaos.stack import Stack
from tests.s3_server import S3Server

DID_API = {"Agent", "KnowledgeBase", "Document", "ClientKey"}


def owned_ids(stack: Stack) -> set[str]:
    return {
        str(r["id"])
        for r in stack.deployment().get("resources") or []
        if r.get("id") and r["type"].rsplit(":", 1)[-1] in DID_API
    }


def live_ids(account: Account) -> set[str]:
    return {o.id for o in account.objects()}


@pytest.mark.parametrize("second_backend", ["file", "s3"])
def test_two_instances_of_one_stack_share_an_account_and_never_touch_each_other(
    pulumi_cli: str,
    tmp_path: Path,
    emulator: InProcess,
    account: Account,
    s3_server: S3Server,
    second_backend: str,
) -> None:
    # Two checkouts of one project, each with a stack named dev: Alice's state in a folder, Bob's in
    # another folder or in an S3 bucket.
    alice = Stack(
        write_project(tmp_path / "alice", SMALL), tmp_path / "alice-work", emulator.url, emulator.api_key
    )
    in_s3: dict[str, object] = {}
    if second_backend == "s3":
        bucket = s3_server.create_bucket("bob-state")
        in_s3 = {"backend_url": s3_server.backend_url(bucket), "extra_env": s3_server.env()}
    bob = Stack(
        write_project(tmp_path / "bob", SMALL), tmp_path / "bob-work", emulator.url, emulator.api_key,
        **in_s3,  # type: ignore[arg-type]
    )  # fmt: skip
    for stack in (alice, bob):
        stack.init()
    assert (
        alice.pulumi("config", "get", "didagents:owner").stdout
        != bob.pulumi("config", "get", "didagents:owner").stdout
    )

    assert alice.pulumi("up", "--yes", "--skip-preview").returncode == 0
    alices = owned_ids(alice)
    assert len(alices) == 6 and live_ids(account) == alices

    # Bob's first up is killed right after the API made his agent, before Pulumi recorded it.
    switch = KillSwitch(KillPoint("agent created", 1, path=r"/agents/?"))
    with emulator.listening(switch):
        process = bob.start("up", "--yes", "--skip-preview")
        switch.arm(process.pid)
        process.wait(timeout=600)
    end_processes(switch.doomed)
    assert switch.fired is not None, "the kill point was not reached"
    left_by_bob = live_ids(account) - alices - owned_ids(bob)
    assert left_by_bob, "the kill left nothing unrecorded"

    # Alice's cleanup lists Bob's objects as another owner's and deletes none of them.
    orphans = alice.did_agents("orphans", "--stack", "dev", "--delete")
    assert orphans.returncode == 0, orphans.stdout + orphans.stderr
    assert "Owned by other stack instances" in orphans.stdout and "deleted " not in orphans.stdout
    assert left_by_bob <= live_ids(account) and alices <= live_ids(account)

    # Bob recovers: his own objects are adopted, visibly; Alice's are not touched.
    assert bob.did_agents("recover", "--stack", "dev").returncode == 0
    up = bob.pulumi("up", "--yes", "--skip-preview")
    assert up.returncode == 0, up.stdout + up.stderr
    assert "adopted Agent" in up.stdout and "left by an interrupted run of this stack" in up.stdout
    bobs = owned_ids(bob)
    assert len(bobs) == 6 and not bobs & alices and left_by_bob <= bobs
    assert live_ids(account) == alices | bobs, "an object is in neither state (duplicate or orphan)"
    for stack in (alice, bob):
        assert stack.pulumi("preview", "--expect-no-changes").returncode == 0

    # Each destroy removes exactly its own objects.
    assert bob.pulumi("destroy", "--yes", "--skip-preview").returncode == 0
    assert live_ids(account) == alices
    assert alice.pulumi("refresh", "--yes", "--skip-preview", "--expect-no-changes").returncode == 0
    assert alice.pulumi("destroy", "--yes", "--skip-preview").returncode == 0
    assert live_ids(account) == set()


def test_ownership_survives_a_rename_and_a_move_to_another_backend(
    pulumi_cli: str, tmp_path: Path, emulator: InProcess, account: Account, s3_server: S3Server
) -> None:
    """The owner id is the stack's config: `stack rename` carries it, and an exported state imported
    into another backend (the same project directory) is the same instance and owns the objects."""
    project = write_project(tmp_path / "project", SMALL)
    first = Stack(project, tmp_path / "file-work", emulator.url, emulator.api_key)
    first.init()
    owner = first.pulumi("config", "get", "didagents:owner").stdout.strip()
    assert first.pulumi("up", "--yes", "--skip-preview").returncode == 0
    deployed = owned_ids(first)

    assert first.pulumi("stack", "rename", "renamed").returncode == 0
    first.name = "renamed"
    assert first.pulumi("config", "get", "didagents:owner").stdout.strip() == owner
    assert first.pulumi("preview", "--expect-no-changes").returncode == 0
    clean = first.did_agents("orphans", "--stack", "renamed")
    assert clean.returncode == 0 and "no orphans" in clean.stdout, clean.stdout

    exported = tmp_path / "state.json"
    assert first.pulumi("stack", "export", "--file", str(exported)).returncode == 0
    bucket = s3_server.create_bucket("moved-state")
    moved = Stack(
        project, tmp_path / "s3-work", emulator.url, emulator.api_key, name="renamed",
        backend_url=s3_server.backend_url(bucket), extra_env=s3_server.env(),
    )  # fmt: skip
    assert moved.pulumi("stack", "init", "--secrets-provider", "passphrase").returncode == 0
    kept = moved.did_agents("init", "--stack", "renamed")
    assert kept.returncode == 0 and f"owner id {owner} (already set" in kept.stdout
    assert moved.pulumi("stack", "import", "--file", str(exported)).returncode == 0
    removed = first.pulumi("stack", "rm", "--yes", "--force", "--preserve-config")
    assert removed.returncode == 0, removed.stderr

    assert moved.pulumi("preview", "--expect-no-changes").returncode == 0
    assert owned_ids(moved) == deployed == live_ids(account)
    assert moved.pulumi("destroy", "--yes", "--skip-preview").returncode == 0
    assert live_ids(account) == set()
