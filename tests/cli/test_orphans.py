"""`did-agents orphans` against a stack deployed with the CLI and objects made beside it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pulumi_did_agents.cli.orphans import AccountObject, find_orphans
from pulumi_did_agents.cli.stack_state import parse_state
from pulumi_did_agents.core.client_keys import fingerprint
from pulumi_did_agents.core.markers import marker_for, with_text_marker
from tests.chaos.account import Account, tally
from tests.chaos.stack import Stack

PRESENTER = {"type": "clip", "presenter_id": "v2_public_Amber@0zSz8kflCN"}


def made_beside(stack: Stack, account: Account) -> dict[str, Any]:
    """What a killed run, another stack and a person left in the account next to the stack."""
    resources = {r["urn"].rsplit("::", 1)[-1]: r for r in stack.deployment()["resources"]}
    api = account.http
    duplicate = api.post(
        "/knowledge",
        json={
            "name": "kb-0",
            "description": with_text_marker("Knowledge base 0", marker_for(resources["kb0"]["urn"])),
        },
    ).json()
    elsewhere = api.post(
        "/knowledge", json={"name": "shared", "description": "Shared [pulumi:0123456789ab]"}
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
        "legacy": legacy["id"],
        "key": key_id,
        "key_value": key["client_key"],
        "owned": owned,
    }


def rows(output: str) -> dict[str, str]:
    """ID → the table row that lists it."""
    table = output.split("\n\n", 1)[0].splitlines()[1:]
    return {line.split()[1]: line for line in table}


def test_orphans_lists_what_no_stack_owns_and_deletes_only_what_pulumi_made(
    stack: Stack, account: Account, tmp_path: Path
) -> None:
    assert stack.pulumi("up", "--yes", "--skip-preview").returncode == 0
    made = made_beside(stack, account)

    listed = stack.did_agents("orphans", "--stack", stack.name, "--cwd", str(stack.project))
    assert listed.returncode == 1, listed.stderr
    found = rows(listed.stdout)
    assert set(found) == {made["duplicate"], made["elsewhere"], made["legacy"], made["key"]}
    assert "duplicate of stack dev KnowledgeBase kb0" in found[made["duplicate"]]
    assert "pulumi-did-agents (marker 0123456789ab" in found[made["elsewhere"]]
    assert "by hand" in found[made["legacy"]] and "by hand" in found[made["key"]]
    assert f"pulumi import didagents:index:KnowledgeBase shared {made['elsewhere']}" in listed.stdout
    assert f"pulumi import didagents:index:Agent legacy-bot {made['legacy']}" in listed.stdout
    assert f"pulumi import didagents:index:ClientKey by-hand {made['key']}" in listed.stdout
    assert made["key_value"] not in listed.stdout + listed.stderr, "a client key was printed"

    state_file = tmp_path / "dev-state.json"
    state_file.write_text(stack.pulumi("stack", "export").stdout)
    from_file = stack.did_agents("orphans", "--state", str(state_file))
    assert from_file.returncode == 1 and set(rows(from_file.stdout)) == set(found)

    marked_only = stack.did_agents("orphans", "--stack", stack.name, "--delete")
    assert marked_only.returncode == 1, "objects made by hand are kept"
    left = {o.id for o in account.objects()}
    assert made["duplicate"] not in left and made["elsewhere"] not in left
    assert made["legacy"] in left and made["key"] in left

    everything = stack.did_agents("orphans", "--stack", stack.name, "--delete", "--include-unmarked")
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
    awaiting = AccountObject("Agent", "agt_1", "a", marker_for(urn))
    stray = AccountObject("Agent", "agt_2", "b", "ffffffffffff")
    orphans, waiting = find_orphans([awaiting, stray], [state])
    assert waiting == 1
    assert [o.obj.id for o in orphans] == ["agt_2"]


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
