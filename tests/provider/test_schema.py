"""One declared shape: schema.json, the typed args, the client's body models and the reference are
generated from it and never stale, and a field added to a declaration reaches validation, diff, the
wire body, the client, schema.json, both front ends and the docs at once."""

from __future__ import annotations

import asyncio
import dataclasses
import inspect
import json
import runpy
import tomllib
from pathlib import Path
from typing import Any

from pulumi_did_agents.codegen import (
    build_schema,
    generate_client_models,
    generate_exports,
    generate_native_outputs,
    generate_native_sdk,
    generate_python,
    generate_reference,
    generate_registry_index,
    generate_registry_installation,
    generate_typed_inputs,
    registry_examples,
)
from pulumi_did_agents.core.settings import CONFIG_KEYS
from pulumi_did_agents.core.shapes import from_wire, plan_diff, to_wire, validate
from pulumi_did_agents.native import marshal as names
from pulumi_did_agents.spec import AGENT, COMPONENTS, DOCUMENT, KNOWLEDGE_BASE, RESOURCES, Prop

ROOT = Path(__file__).resolve().parents[2]
REGENERATE = "run `make generate` (python -m pulumi_did_agents.codegen)"


def test_schema_json_is_generated_from_the_declarations() -> None:
    assert json.loads((ROOT / "schema.json").read_text()) == build_schema(), (
        f"schema.json is stale: {REGENERATE}"
    )


def test_typed_args_are_generated_from_the_declarations() -> None:
    generated = ROOT / "provider" / "pulumi_did_agents" / "dynamic" / "_generated.py"
    assert generated.read_text() == generate_python(), f"dynamic/_generated.py is stale: {REGENERATE}"


def test_client_models_and_reference_are_generated_from_the_declarations() -> None:
    client = ROOT / "provider" / "pulumi_did_agents" / "client" / "_generated.py"
    assert client.read_text() == generate_client_models(), f"client/_generated.py is stale: {REGENERATE}"
    typed = ROOT / "provider" / "pulumi_did_agents" / "spec" / "_generated.py"
    assert typed.read_text() == generate_typed_inputs(), f"spec/_generated.py is stale: {REGENERATE}"
    reference = ROOT / "docs" / "reference.md"
    assert reference.read_text() == generate_reference(), f"docs/reference.md is stale: {REGENERATE}"


def test_the_native_python_sdk_is_generated_from_the_declarations() -> None:
    """``native/_generated.py`` and ``native/outputs.py``: a class for every resource and type of
    schema.json, as Pulumi's codegen would generate them from it."""
    native = ROOT / "provider" / "pulumi_did_agents" / "native"
    assert (native / "_generated.py").read_text() == generate_native_sdk(), (
        f"native/_generated.py is stale: {REGENERATE}"
    )
    assert (native / "outputs.py").read_text() == generate_native_outputs(), (
        f"native/outputs.py is stale: {REGENERATE}"
    )
    import pulumi

    import pulumi_did_agents.native.sdk as sdk

    schema = build_schema()
    for token, resource in schema["resources"].items():
        cls = getattr(sdk, token.rpartition(":")[2])
        if resource.get("isComponent"):  # served by the plugin; Python's runs in the program
            parameters = inspect.signature(cls.__init__).parameters
            component = next(c for c in COMPONENTS if c.token == token)
            assert issubclass(cls, pulumi.ComponentResource)
            assert {p.name for p in component.inputs} <= set(parameters)
            continue
        assert issubclass(cls, pulumi.CustomResource) and cls._spec.token == token
        args = getattr(sdk, f"{cls.__name__}Args")
        python_names = {p.schema_key: p.name for p in cls._spec.inputs}
        assert {n for n in vars(args) if not n.startswith("_")} == {
            python_names[key] for key in resource["inputProperties"]
        }
        outputs = {p.name for p in (*cls._spec.inputs, *cls._spec.outputs)}
        assert outputs <= set(vars(cls)), f"{cls.__name__} lacks output getters"

    def words(text: str | None) -> str:  # docstrings are wrapped
        return "".join((text or "").split())

    for token, shape in schema["types"].items():
        name = token.rpartition(":")[2]
        assert words(getattr(sdk, f"{name}Args").__doc__) == words(shape["description"])
        assert words(getattr(sdk.outputs, name).__doc__) == words(shape["description"])


def test_every_declared_wire_field_is_a_field_of_the_clients_models() -> None:
    """Responses are read through these models: a declared field missing there would be dropped."""
    from pydantic import BaseModel

    from pulumi_did_agents.client import Agent, Document, KnowledgeBase

    def keys(model: type[BaseModel]) -> dict[str, Any]:
        return {info.alias or name: info.annotation for name, info in model.model_fields.items()}

    for spec, model in ((AGENT, Agent), (KNOWLEDGE_BASE, KnowledgeBase), (DOCUMENT, Document)):
        for prop in (*spec.inputs, *spec.outputs):
            if prop.api_name is None or prop.write_only:
                continue
            head, *rest = prop.api_name.split(".")
            assert head in keys(model), f"{spec.name}.{prop.name}"
            nested = keys(model)[head]
            if prop.shape is not None or rest:
                inner = next(a for a in getattr(nested, "__args__", (nested,)) if a is not type(None))
                wanted = {p.api_name for p in prop.shape.props} if prop.shape else {rest[0]}
                assert wanted <= set(keys(inner)), f"{spec.name}.{prop.name}: {wanted - set(keys(inner))}"


def test_schema_tokens_and_names() -> None:
    schema = build_schema()
    assert schema["name"] == "didagents"
    assert sorted(schema["resources"]) == sorted(
        f"didagents:index:{r.name}" for r in (*RESOURCES, *COMPONENTS)
    )
    assert schema["resources"]["didagents:index:KnowledgeFolder"]["isComponent"] is True
    agent = schema["resources"]["didagents:index:Agent"]
    assert {"name", "presenter", "knowledgeId", "starterMessages", "userData"} <= set(
        agent["inputProperties"]
    )
    assert agent["requiredInputs"] == ["name", "presenter"]
    assert "agentId" in agent["properties"] and "agentId" in agent["required"]
    presenter = schema["types"]["didagents:index:Presenter"]["properties"]
    assert presenter["type"]["replaceOnChanges"] is True and "presenterId" in presenter
    assert schema["config"]["variables"]["apiKey"]["secret"] is True


def test_secrets_are_marked() -> None:
    schema = build_schema()
    custom = schema["types"]["didagents:index:CustomLlm"]["properties"]
    assert custom["key"]["secret"] and custom["clientSecret"]["secret"]
    assert schema["resources"]["didagents:index:ClientKey"]["properties"]["clientKey"]["secret"]


def test_every_reference_resolves() -> None:
    schema = build_schema()

    def refs(node: Any) -> list[str]:
        if isinstance(node, dict):
            own = [node["$ref"]] if "$ref" in node else []
            return own + [r for value in node.values() for r in refs(value)]
        if isinstance(node, list):
            return [r for value in node for r in refs(value)]
        return []

    for ref in refs(schema):
        assert ref == "pulumi.json#/Any" or ref.removeprefix("#/types/") in schema["types"], ref


def test_a_field_declared_once_appears_everywhere() -> None:
    nickname = Prop(
        "nickname", "string", "What the agent calls itself.", wire="persona.nickname", replace=True
    )
    agent = dataclasses.replace(AGENT, inputs=(*AGENT.inputs, nickname))

    schema = build_schema((agent,))["resources"]["didagents:index:Agent"]
    assert schema["inputProperties"]["nickname"]["replaceOnChanges"] is True

    args = generate_python((agent,))
    assert "    nickname: pulumi.Input[str] | None = None\n" in args
    assert '    """What the agent calls itself."""' in args

    assert to_wire(agent.inputs, {"name": "Ada", "nickname": "Addie"}) == {
        "preview_name": "Ada",
        "persona": {"nickname": "Addie"},
    }
    assert (
        from_wire(agent.inputs, {"preview_name": "Ada", "persona": {"nickname": "Addie"}})["nickname"]
        == "Addie"
    )

    plan = plan_diff(agent, {"name": "Ada", "nickname": "Addie"}, {"name": "Ada", "nickname": "Ad"})
    assert plan.replaces == ["nickname"] and plan.delete_before_replace

    failures = validate(agent.inputs, (), {"name": "Ada", "nickname": 7})
    assert "nickname" in [f.path for f in failures]

    client = generate_client_models((agent,))
    assert "class AgentPersona(Open):\n" in client and "    nickname: str | None = None\n" in client
    assert "    persona: AgentPersona | None = None\n" in client

    core, unknown = names.to_core(agent.inputs, {"name": "Ada", "nickname": "Addie"})
    assert core == {"name": "Ada", "nickname": "Addie"} and unknown == []
    core, unknown = names.to_core(AGENT.inputs, {"name": "Ada", "nickname": "Addie"})
    assert [f.path for f in unknown] == ["nickname"]  # the declaration is what lets it through

    assert "| `nickname` | string | replaces | What the agent calls itself. |" in generate_reference((agent,))
    assert "    nickname: str\n" in generate_typed_inputs((agent,))  # what the core's operations take


def test_the_packages_lazy_exports_are_generated_from_the_declarations() -> None:
    exports = ROOT / "provider" / "pulumi_did_agents" / "_exports.py"
    assert exports.read_text() == generate_exports(), f"_exports.py is stale: {REGENERATE}"
    import pulumi_did_agents as didagents

    assert all(getattr(didagents, name) is not None for name in didagents.__all__)


def test_the_registry_docs_are_generated_from_the_schema() -> None:
    registry = ROOT / "docs" / "registry"
    assert (registry / "_index.md").read_text() == generate_registry_index(), (
        f"docs/registry/_index.md is stale: {REGENERATE}"
    )
    assert (registry / "installation-configuration.md").read_text() == generate_registry_installation(), (
        f"docs/registry/installation-configuration.md is stale: {REGENERATE}"
    )
    import yaml

    for page in (generate_registry_index(), generate_registry_installation()):
        front = yaml.safe_load(page.split("---\n")[1])  # the registry's front matter
        assert front["layout"] == "package" and front["title"].startswith("D-ID Agents")


def test_the_schema_carries_the_packages_metadata_from_pyproject() -> None:
    """schema.json (as committed and as served) names the pyproject's version and license, and its
    URLs when pyproject has them; a version bumped without reinstalling fails here."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    committed = json.loads((ROOT / "schema.json").read_text())
    for schema in (committed, build_schema()):
        assert schema["version"] == project["version"], (
            "schema.json's version is not pyproject's: reinstall (make install), then make generate"
        )
        assert schema["license"] == project["license"]
        assert schema["displayName"] and schema["publisher"] and schema["description"]
        urls = {k.lower(): v for k, v in project.get("urls", {}).items()}
        repository = urls.get("repository") or urls.get("source")
        assert schema.get("repository") == repository
        assert schema.get("homepage") == (urls.get("homepage") or repository)
        assert "kind/native" in schema["keywords"]
        assert [k for k in schema["keywords"] if k.startswith("category/")] == ["category/cloud"]
        assert "pluginDownloadURL" not in schema  # the plugin comes from pip
        nodejs, go = schema["language"]["nodejs"], schema["language"]["go"]
        assert nodejs["packageName"] == "@pulumi-did-agents/didagents" and nodejs["respectSchemaVersion"]
        assert go["importBasePath"].endswith("/sdk/go/didagents") and go["respectSchemaVersion"]
        # The Python SDK ships in the pip package; generated programs (import, convert) import it.
        assert schema["language"]["python"] == {"packageName": "pulumi_did_agents.native.sdk"}


def test_the_installation_page_lists_every_config_key() -> None:
    page = generate_registry_installation()
    variables = build_schema()["config"]["variables"]
    assert sorted(variables) == sorted(key.name for key in CONFIG_KEYS)
    for key in CONFIG_KEYS:
        row = next(line for line in page.splitlines() if line.startswith(f"| `didagents:{key.name}` |"))
        assert (f"`{key.env}`" in row) == bool(key.env)
        assert (" (secret) " in row) == bool(variables[key.name].get("secret"))
    assert "pip install pulumi-did-agents" in page and "path: " in page


def test_the_registry_examples_declare_the_same_resources_in_every_language() -> None:
    examples = registry_examples()
    assert sorted(examples) == ["go", "python", "typescript", "yaml"]
    index = generate_registry_index()
    assert all(code in index for code in examples.values())
    assert "import pulumi_did_agents.native.sdk as didagents" in examples["python"]
    schema = build_schema()
    assert f'from "{schema["language"]["nodejs"]["packageName"]}"' in examples["typescript"]
    assert f'"{schema["language"]["go"]["importBasePath"]}"' in examples["go"]

    import yaml

    program = yaml.safe_load(examples["yaml"])
    for name, resource in program["resources"].items():
        declared = schema["resources"][resource["type"]]
        assert set(resource["properties"]) <= set(declared["inputProperties"]), name
        assert set(declared["requiredInputs"]) <= set(resource["properties"]), name
        kind = resource["type"].rpartition(":")[2]
        for language, code in examples.items():
            assert kind in code and (f'"{name}"' in code or language == "yaml"), (language, name)


def test_the_python_registry_example_runs_on_the_native_sdk(tmp_path: Path) -> None:
    """Under mocks: what it registers are the YAML example's resources with the same inputs."""
    import pulumi
    import yaml

    registered: list[pulumi.runtime.MockResourceArgs] = []
    outputs = {spec.token: spec.outputs[0].schema_key for spec in RESOURCES}

    class Mocks(pulumi.runtime.Mocks):
        def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str, dict[str, Any]]:
            registered.append(args)
            return f"{args.name}-id", {**args.inputs, outputs[args.typ]: f"{args.name}-id"}

        def call(self, args: pulumi.runtime.MockCallArgs) -> tuple[dict[str, Any], None]:
            return {}, None

    asyncio.set_event_loop(asyncio.new_event_loop())  # earlier asyncio.run() leaves none
    pulumi.runtime.set_mocks(Mocks(), project="registry", stack="dev", preview=False)

    example = tmp_path / "__main__.py"
    example.write_text(registry_examples()["python"])

    @pulumi.runtime.test
    def program() -> None:
        runpy.run_path(str(example))

    program()
    expected = yaml.safe_load(registry_examples()["yaml"])["resources"]

    def resolve(value: Any) -> Any:  # ${handbook.knowledgeId} is the mock's handbook-id
        if isinstance(value, str) and value.startswith("${"):
            return value[2:].split(".")[0] + "-id"
        return {k: resolve(v) for k, v in value.items()} if isinstance(value, dict) else value

    assert {r.name: (r.typ, r.inputs) for r in registered} == {
        name: (r["type"], resolve(r["properties"])) for name, r in expected.items()
    }
