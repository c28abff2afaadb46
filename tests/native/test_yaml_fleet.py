"""examples/yaml-fleet under the real engine and YAML host: deploy, change, refresh, destroy; policies."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

from bench.api_calls import ApiCalls
from tests.e2e.engine import ROOT, EngineEnv
from tests.native.projects import PARTNER_KEY, account, detailed, is_empty, preview_steps, yaml_fleet

POLICY = ROOT / "policy"


def replace_in(project: Path, old: str, new: str) -> None:
    settings = project / "Pulumi.yaml"
    text = settings.read_text()
    assert old in text, old
    settings.write_text(text.replace(old, new, 1))


def step_order(events: str, name: str) -> list[str]:
    """The steps the engine took for one resource, in order, from ``pulumi up --json`` (one event a line)."""
    ops = []
    for line in events.splitlines():
        pre = json.loads(line).get("resourcePreEvent") if line.startswith("{") else None
        if pre and pre["metadata"]["urn"].endswith(f"::{name}"):
            ops.append(pre["metadata"]["op"])
    return ops


def test_yaml_fleet_deploys_changes_refreshes_and_destroys(
    engine: EngineEnv, engine_tools: Path, api_calls: ApiCalls
) -> None:
    project, args = yaml_fleet(engine, engine_tools)

    # A first preview: ids of resources still to be created are unknown; the API is asked once, to
    # check the credentials (one call per provider, none per resource).
    planned = preview_steps(engine, project, args)
    creates = [
        name for name, step in planned.items() if step["op"] == "create" and "didagents:index:" in step["urn"]
    ]
    assert len(creates) == 11 and len(planned) == 12  # and the stack
    assert api_calls.take() == ["GET /credits"]

    engine.cli("up", "--yes", "--skip-preview", *args, cwd=project)
    api_calls.take()
    engine.cli("preview", "--expect-no-changes", *args, cwd=project)
    assert api_calls.take() == ["GET /credits"]  # the credential check; unchanged resources cost none
    deployed = account(engine)
    assert sorted(deployed["agents"]) == ["hr-assistant", "partner-agent", "sales-agent", "support-agent"]
    assert {name: len(kb["documents"]) for name, kb in deployed["knowledge"].items()} == {
        "product-handbook": 3,
        "employee-handbook": 1,
    }
    assert deployed["agents"]["support-agent"]["client_keys"] == [("website", ("http://localhost:8000",))]
    assert outputs_of(engine, project, args)["supportClientKey"] == "[secret]"
    stored = engine.stored_state()
    assert PARTNER_KEY not in stored and engine.emulator.api_key not in stored

    # One change of each kind: in place, nested in place, replace (document: delete first), list.
    engine.cli("config", "set", "supportInstructions", "Answer in one sentence.", *args, cwd=project)
    replace_in(project, "voiceId: en-US-GuyNeural", "voiceId: en-US-AriaNeural")
    replace_in(project, "title: Pricing", "title: Prices")
    replace_in(
        project, "        - ${siteOrigin}\n", "        - ${siteOrigin}\n        - https://www.example.com\n"
    )
    steps = preview_steps(engine, project, args)
    assert {name: (step["op"], detailed(step)) for name, step in steps.items()} == {
        "support": ("update", {"llm.instructions": "update"}),
        "sales": ("update", {"presenter.voice.voiceId": "update"}),
        "product-pricing": ("replace", {"title": "update-replace"}),
        "support-web": ("update", {"allowedDomains": "update"}),
    }

    events = engine.cli("up", "--yes", "--skip-preview", "--json", *args, cwd=project).stdout
    ops = step_order(events, "product-pricing")
    assert ops[0] == "delete-replaced" and "create-replacement" in ops, ops  # deleteBeforeReplace
    engine.cli("preview", "--expect-no-changes", *args, cwd=project)
    changed = account(engine)
    assert changed["agents"]["support-agent"]["llm"]["instructions"] == "Answer in one sentence."
    titles = [title for title, _, _ in changed["knowledge"]["product-handbook"]["documents"]]
    assert sorted(titles) == ["Prices", "Returns", "Warranty"]

    # Drift made out of band is seen by refresh, and `up` puts the declared values back.
    outputs = outputs_of(engine, project, args)
    engine.api.patch(f"/agents/{outputs['agentIds']['sales']}", json={"preview_name": "sales-renamed"})
    hr_docs = engine.api.get(f"/knowledge/{outputs['knowledgeBaseIds']['hr']}/documents").json()
    engine.api.delete(
        f"/knowledge/{outputs['knowledgeBaseIds']['hr']}/documents/{quote(hr_docs[0]['id'], safe='')}"
    )
    refreshed = engine.cli("refresh", "--yes", "--skip-preview", *args, cwd=project).stdout
    assert "1 updated" in refreshed and "1 deleted" in refreshed, refreshed
    steps = preview_steps(engine, project, args)
    assert {name: (step["op"], detailed(step)) for name, step in steps.items()} == {
        "sales": ("update", {"name": "update"}),
        "hr-leave": ("create", {}),
    }
    engine.cli("up", "--yes", "--skip-preview", *args, cwd=project)
    assert account(engine) == changed

    engine.cli("destroy", "--yes", "--skip-preview", *args, cwd=project)
    assert is_empty(engine)


def outputs_of(engine: EngineEnv, project: Path, args: list[str]) -> dict[str, dict[str, str]]:
    data: dict[str, dict[str, str]] = json.loads(
        engine.cli("stack", "output", "--json", *args, cwd=project).stdout
    )
    return data


def test_policy_pack_judges_native_resources(engine: EngineEnv, engine_tools: Path) -> None:
    project, args = yaml_fleet(engine, engine_tools, stack="prod")
    replace_in(
        project,
        '      greetings: ["Hi! I can help with warranty and returns."]\n',
        '      greetings: ["Hi! I can help with warranty and returns."]\n      embed: true\n',
    )

    result = engine.cli(
        "preview",
        "--policy-pack",
        str(POLICY),
        "--policy-pack-config",
        str(POLICY / "config" / "prod.json"),
        *args,
        cwd=project,
        check=False,
    )
    output = result.stdout + result.stderr

    assert result.returncode != 0, output
    assert "documents-https-in-production" in output and "has sourceUrl 'file://" in output
    assert "embedding-only-where-allowed" in output and "Agent 'support' sets embed=True" in output
    assert "didagents:index:Document" in output
    assert is_empty(engine)


def test_bad_inputs_and_config_fail_the_preview_in_one_line(engine: EngineEnv, engine_tools: Path) -> None:
    project, args = yaml_fleet(engine, engine_tools)
    replace_in(project, "voiceId: en-US-GuyNeural", "language: English (United States)")
    result = engine.cli("preview", *args, cwd=project, check=False)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "presenter.voice.voiceId: required for microsoft voices" in output
    assert "Traceback" not in output
    replace_in(project, "language: English (United States)", "voiceId: en-US-GuyNeural")

    engine.cli("config", "set", "didagents:apiUrl", "ftp://example.com", *args, cwd=project)
    result = engine.cli("preview", *args, cwd=project, check=False)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert (
        "didagents:apiUrl must be an http(s) URL such as https://api.d-id.com (got 'ftp://example.com')"
        in output
    )
    assert "Traceback" not in output and engine.emulator.api_key not in output
    engine.cli("config", "set", "didagents:apiUrl", engine.emulator.url, *args, cwd=project)

    # Strict config: a typo, a key of an older version, an API key in plain text.
    for key, value, expected in [
        ("didagents:apikey", "x", "didagents:apikey is not a setting of pulumi-did-agents; did you mean "
         "didagents:apiKey?"),
        ("didagents:maxRetries", "3", "didagents:maxRetries is not a setting of pulumi-did-agents"),
    ]:  # fmt: skip
        engine.cli("config", "set", key, value, *args, cwd=project)
        result = engine.cli("preview", *args, cwd=project, check=False)
        assert result.returncode != 0 and expected in result.stdout + result.stderr, result.stdout
        engine.cli("config", "rm", key, *args, cwd=project)
    engine.cli("config", "set", "didagents:apiKey", engine.emulator.api_key, *args, cwd=project)  # plain
    result = engine.cli("preview", *args, cwd=project, check=False)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "didagents:apiKey is set in plain text" in output and "pulumi config set --secret" in output
    assert engine.emulator.api_key not in output
    engine.cli("config", "set", "--secret", "didagents:apiKey", engine.emulator.api_key, *args, cwd=project)
    assert engine.cli("preview", *args, cwd=project, check=False).returncode == 0
    assert is_empty(engine)
