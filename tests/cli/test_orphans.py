"""`did-agents orphans` against a stack deployed with the CLI and objects made beside it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pulumi_did_agents.cli.orphans import AccountObject, find_orphans
from pulumi_did_agents.cli.stacks import parse_state
from pulumi_did_agents.core.agents import fingerprint
from pulumi_did_agents.core.markers import marker_for, with_text_marker
from tests.chaos.account import Account, tally
from tests.chaos.stack import Stack

PRESENTER = {"type": "clip", "presenter_id": "v2_public_Amber@0zSz8kflCN"}


def made_beside(stack: Stack, account: Account) -> dict[str, Any]:
    """What a killed run, another stack and a person left in the account next to the stack."""
    resources = {r["urn"].rsplit("::", 1)[-1]: r for r in stack.deployment()["resources"]}
    owner = stack.pulumi("config", "get", "didagents:owner").stdout.strip()
    api = account.http
    duplicate = api.post(
        "/knowledge",
        json={
            "name": "kb-0",
            "description": with_text_marker("Knowledge base 0", marker_for(owner, resources["kb0"]["urn"])),
        },
    ).json()
    elsewhere = api.post(
        "/knowledge", json={"name": "shared", "description": "Shared [pulumi:0123456789ab]"}
    ).json()  # a marker of a version before owner ids
    twin = api.post(
        "/knowledge",
        json={
            "name": "kb-0",  # the same project and stack names, another stack instance (backend)
            "description": with_text_marker("Knowledge base 0", marker_for(OTHER, resources["kb0"]["urn"])),
        },
    ).json()
    legacy = api.post(
        "/agents", json={"presenter": PRESENTER, "preview_name": "legacy bot", "llm": {"provider": "openai"}}
    ).json()
    key = api.post(
        f"/agents/{resources['agent0']['id']}/client-keys",
        json={"allowed_domains": ["https://shop.example"], "name": "by hand"},
    ).json()
    key_id = f"{resources['agent0']['id']}/{fingerprint(key['client_key'])}"
    owned = {r["id"] for r in resources.values() if "didagents" in r["type"]}
    return {
        "duplicate": duplicate["id"],
        "elsewhere": elsewhere["id"],
        "twin": twin["id"],
        "legacy": legacy["id"],
        "key": key_id,
        "key_value": key["client_key"],
        "owned": owned,
    }


OTHER = "tests.dev.feedf00d"
"""The owner id of another instance of the same stack (same project and stack names)."""

KINDS = ("KnowledgeBase", "Document", "Agent", "ClientKey")


def rows(output: str) -> dict[str, str]:
    """ID → the table row that lists it (in any of the owner groups)."""
    return {line.split()[1]: line for line in output.splitlines() if line.split()[:1] in ([k] for k in KINDS)}


def group_of(output: str, object_id: str) -> str:
    """The heading of the group that lists ``object_id``."""
    heading = ""
    for line in output.splitlines():
        if line.endswith(":") and not line.startswith(" "):
            heading = line
        elif object_id in line.split()[1:2]:
            return heading
    raise AssertionError(f"{object_id} is not listed")


def test_orphans_lists_what_no_stack_owns_and_deletes_only_what_pulumi_made(
    stack: Stack, account: Account, tmp_path: Path
) -> None:
    assert stack.pulumi("up", "--yes", "--skip-preview").returncode == 0
    made = made_beside(stack, account)

    listed = stack.did_agents("orphans", "--stack", stack.name, "--cwd", str(stack.project))
    assert listed.returncode == 1, listed.stderr
    found = rows(listed.stdout)
    assert set(found) == {made["duplicate"], made["elsewhere"], made["twin"], made["legacy"], made["key"]}
    assert "duplicate of stack dev KnowledgeBase kb0" in found[made["duplicate"]]
    assert group_of(listed.stdout, made["duplicate"]).startswith("Left by the given stacks")
    assert "before owner ids (marker 0123456789ab" in found[made["elsewhere"]]
    assert f"another stack instance (owner {OTHER})" in found[made["twin"]]
    for other in ("elsewhere", "twin"):
        assert group_of(listed.stdout, made[other]).startswith("Owned by other stack instances")
    assert "by hand" in found[made["legacy"]] and "by hand" in found[made["key"]]
    assert f"pulumi import didagents:index:KnowledgeBase shared {made['elsewhere']}" in listed.stdout
    assert f"pulumi import didagents:index:Agent legacy-bot {made['legacy']}" in listed.stdout
    assert f"pulumi import didagents:index:ClientKey by-hand {made['key']}" in listed.stdout
    assert made["key_value"] not in listed.stdout + listed.stderr, "a client key was printed"

    state_file = tmp_path / "dev-state.json"
    state_file.write_text(stack.pulumi("stack", "export").stdout)
    from_file = stack.did_agents("orphans", "--state", str(state_file))  # owner read off what it holds
    assert from_file.returncode == 1 and set(rows(from_file.stdout)) == set(found)
    assert group_of(from_file.stdout, made["duplicate"]).startswith("Left by")

    own_only = stack.did_agents("orphans", "--stack", stack.name, "--delete")
    assert own_only.returncode == 0, own_only.stdout  # what the stack left is gone
    left = {o.id for o in account.objects()}
    assert made["duplicate"] not in left
    assert {made["elsewhere"], made["twin"], made["legacy"], made["key"]} <= left, "another's were deleted"
    assert f"kept KnowledgeBase {made['twin']}: owner {OTHER}" in own_only.stdout

    named = stack.did_agents("orphans", "--stack", stack.name, "--delete", "--delete-owner", OTHER)
    assert named.returncode == 0 and made["twin"] not in {o.id for o in account.objects()}
    assert made["elsewhere"] in {o.id for o in account.objects()}

    everything = stack.did_agents(
        "orphans", "--stack", stack.name, "--delete", "--delete-owner", "legacy", "--include-unmarked"
    )
    assert everything.returncode == 0, everything.stdout
    assert {o.id for o in account.objects()} == made["owned"]
    assert stack.pulumi("preview", "--expect-no-changes").returncode == 0
    assert tally(account.objects(), stack.deployment()).orphans == 0
    clean = stack.did_agents("orphans", "--stack", stack.name)
    assert clean.returncode == 0 and "no orphans" in clean.stdout


def test_objects_of_interrupted_creates_await_adoption_and_are_not_orphans() -> None:
    urn = "urn:pulumi:dev::p::pulumi-python:dynamic/didagents:Agent::a"
    state = parse_state(
        {"deployment": {"resources": [], "pending_operations": [
            {"type": "creating", "resource": {"urn": urn, "type": "pulumi-python:dynamic/didagents:Agent"}}
        ]}},
        "stack dev",
    )  # fmt: skip
    state.owner = "p.dev.00000001"
    awaiting = AccountObject("Agent", "agt_1", "a", marker_for(state.owner, urn))
    twin = AccountObject("Agent", "agt_3", "a", marker_for(OTHER, urn))  # same URN, other stack instance
    stray = AccountObject("Agent", "agt_2", "b", "ffffffffffff")
    orphans, waiting = find_orphans([awaiting, twin, stray], [state])
    assert waiting == 1
    assert [(o.obj.id, o.group, o.owner) for o in orphans] == [
        ("agt_3", "other", OTHER),
        ("agt_2", "other", "legacy"),
    ]


def test_orphans_errors_are_one_line(stack: Stack) -> None:
    for args, message in [
        ((), "name the owners"),
        (("--stack", "nope"), "pulumi stack export --stack nope failed"),
        (("--state", "/nonexistent.json"), "--state /nonexistent.json: cannot be read"),
    ]:
        done = stack.did_agents("orphans", *args)
        assert done.returncode == 2
        assert done.stderr.count("\n") == 1 and message in done.stderr, done.stderr
        assert json.dumps(done.stderr)  # one plain line, no traceback


class _Deleted:
    """A client whose deletes are recorded (a unit seam: `_delete` only calls these)."""

    def __init__(self) -> None:
        self.ids: list[str] = []
        self.documents = self.knowledge = self.agents = self.client_keys = self

    def delete(self, *ids: str) -> None:
        self.ids.append(ids[-1])


def test_what_a_stack_left_inside_another_stacks_container_is_kept() -> None:
    """After `pulumi state move`, a knowledge base re-marked by its new holder may still contain
    documents carrying the old stack's marker: they are the holder's now."""
    from pulumi_did_agents.cli.orphans import _delete

    urn = "urn:pulumi:dev::p::didagents:index:Document::d"
    kb = {"urn": "urn:pulumi:dev::p::didagents:index:KnowledgeBase::kb", "id": "knl_mine"}
    state = parse_state(
        {"deployment": {"resources": [{**kb, "type": "didagents:index:KnowledgeBase"}]}}, "stack dev"
    )
    state.owner = "p.dev.00000001"
    mine = marker_for(state.owner, urn)
    objects = [
        AccountObject("KnowledgeBase", "knl_mine", "kb", marker_for(state.owner, "urn:kb")),
        AccountObject("Document", "knl_mine#doc_dup", "d", mine, "knl_mine"),  # a duplicate in our base
        AccountObject("KnowledgeBase", "knl_moved", "kb", marker_for(OTHER, "urn:kb")),
        AccountObject("Document", "knl_moved#doc_old", "d", mine, "knl_moved"),  # moved with its base
    ]
    orphans, _ = find_orphans(objects, [state])
    client = _Deleted()
    kept = _delete(client, orphans, {"knl_mine"}, set(), set(), False)  # type: ignore[arg-type]
    assert client.ids == ["knl_mine#doc_dup"] and kept == 1
