"""Static drift check: the request bodies the emulator accepts, against the API contract and against the
provider's Pulumi schema.

The emulator and the provider share no code, so nothing keeps their copies of the API equal but a check.
The emulator's side is its OpenAPI document, which FastAPI generates from its pydantic models: fields,
required fields, types, enums and limits of every request body. The contract is
``docs/d-id-agents-openapi.yml``; the provider's side is ``schema.json`` (read as a file), whose
camelCase input properties are the API's fields (``sourceUrl`` is ``source_url``; the few renames are
below) and whose enums are the ``One of: …`` lists of its descriptions (it states no limits).

Every difference found must be listed, with its reason, in the "Known drift" table of
``docs/api-decisions.md``, and every listed difference must still exist: the test fails on either.
Operations only the emulator serves (from the docs contract and the SDK) are not drift: the seed
contract is a subset of the API.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Literal, NamedTuple

import pytest
import yaml
from fastapi import FastAPI
from pydantic import Field

from did_agents_emulator.app import create_app
from did_agents_emulator.models import AgentCreate, Presenter
from did_agents_emulator.settings import Settings

REPO_ROOT = next(p for p in Path(__file__).resolve().parents if (p / "pyproject.toml").exists())
CONTRACT = REPO_ROOT / "docs" / "d-id-agents-openapi.yml"
PULUMI_SCHEMA = REPO_ROOT / "schema.json"
DECISIONS = REPO_ROOT / "docs" / "api-decisions.md"
TABLE_HEADING = "### Known drift"

# Limits compared with the contract (the Pulumi schema states none).
LIMITS = (
    "minLength",
    "maxLength",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minItems",
    "maxItems",
    "pattern",
    "format",
)
# Which API call each Pulumi resource's inputs make (its create; updates send the same fields).
PROVIDER_CREATES = {
    "Agent": ("post", "/agents"),
    "KnowledgeBase": ("post", "/knowledge"),
    "Document": ("post", "/knowledge/{}/documents"),
    "ClientKey": ("post", "/agents/{}/client-keys"),
}
# Provider inputs whose API name is not their snake_case (from the schema's descriptions and the
# provider's docs), dotted where the API nests them; and inputs that go into the path, not the body.
PROVIDER_RENAMES = {
    "Agent": {
        "name": "preview_name",
        "description": "preview_description",
        "starterMessages": "starter_message",
        "knowledgeId": "knowledge.id",
    }
}
PROVIDER_PATH_INPUTS = {"Document": {"knowledgeId"}, "ClientKey": {"agentId"}}
_ONE_OF = re.compile(r"One of: ((?:`[^`]+`(?:, )?)+)")


class Drift(NamedTuple):
    against: str  # "contract" or "provider"
    location: str  # a schema and field path of the other side (emulator-only fields: their wire name)
    what: str  # "field: emulator only", "required: contract only", "enum: emulator also x", …

    def row(self, why: str = "") -> str:
        return f"| {self.against} | `{self.location}` | {self.what} | {why} |"


class Side(NamedTuple):
    name: str
    doc: dict[str, Any]  # the whole document, for ``$ref``
    limits: bool  # whether this side states limits (the Pulumi schema does not)


# -- walking two schemas -------------------------------------------------------------------------


def _resolve(side: Side, schema: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    """The schema behind ``$ref``s and a nullable ``anyOf``, and the name of the last schema referred to."""
    name = None
    while True:
        if "anyOf" in schema:
            options = [s for s in schema["anyOf"] if s.get("type") != "null"]
            if len(options) != 1:
                return {}, name  # several kinds (a dict or a string): anything goes
            schema = options[0]
        elif "$ref" in schema:
            ref: str = schema["$ref"]
            if not ref.startswith("#/"):
                return {}, name  # pulumi.json#/Any
            target: Any = side.doc
            for part in ref[2:].split("/"):
                target = target[part]
            schema, name = target, ref.rsplit("/", 1)[1].rsplit(":", 1)[-1]
        else:
            return schema, name


def _is_open(schema: dict[str, Any]) -> bool:
    """Accepts any value (or any object): nothing below it to compare."""
    if schema.get("type") == "object":
        return not schema.get("properties")
    return not schema.get("type") and "enum" not in schema and "const" not in schema


def _enum(side: Side, schema: dict[str, Any]) -> set[str] | None:
    if "enum" in schema:
        return {str(v) for v in schema["enum"]}
    if "const" in schema:
        return {str(schema["const"])}
    if side.name == "provider" and (match := _ONE_OF.search(schema.get("description", ""))):
        return set(re.findall(r"`([^`]+)`", match.group(1)))
    return None


def _type(schema: dict[str, Any]) -> str | None:
    kind = schema.get("type")
    return "object" if kind is None and "properties" in schema else kind


EmulatorPath = Callable[[str, dict[str, Any]], list[str] | None]


def _same_name(name: str, emulator_props: dict[str, Any]) -> list[str] | None:
    return [name] if name in emulator_props else None


def compare(
    emulator: Side,
    e_schema: dict[str, Any],
    other: Side,
    o_schema: dict[str, Any],
    where: str,
    names: EmulatorPath = _same_name,
) -> set[Drift]:
    """Every difference between an emulator schema and the other side's, at ``where`` and below."""
    e, _ = _resolve(emulator, e_schema)
    o, o_name = _resolve(other, o_schema)
    where = o_name or where  # locations restart at the other side's named schemas
    if _is_open(e) or _is_open(o):
        return set()
    found: set[Drift] = set()
    e_type, o_type = _type(e), _type(o)
    if e_type != o_type:
        return {Drift(other.name, where, f"type: emulator {e_type}, {other.name} {o_type}")}
    e_enum, o_enum = _enum(emulator, e), _enum(other, o)
    if e_enum is not None and o_enum is None:
        found.add(Drift(other.name, where, "enum: emulator only"))
    elif o_enum is not None and e_enum is None:
        found.add(Drift(other.name, where, f"enum: {other.name} only"))
    elif e_enum is not None and o_enum is not None:
        for side, extra in (("emulator", e_enum - o_enum), (other.name, o_enum - e_enum)):
            if extra:
                found.add(Drift(other.name, where, f"enum: {side} also {', '.join(sorted(extra))}"))
    if other.limits:
        for limit in LIMITS:
            if e.get(limit) != o.get(limit):
                shown = [json.dumps(s[limit]) if limit in s else "none" for s in (e, o)]
                found.add(Drift(other.name, where, f"{limit}: emulator {shown[0]}, {other.name} {shown[1]}"))
    if e_type == "array":
        found |= compare(emulator, e.get("items", {}), other, o.get("items", {}), f"{where}[]", names)
    if e_type == "object":
        found |= _compare_fields(emulator, e, other, o, where, names)
    return found


def _compare_fields(
    emulator: Side, e: dict[str, Any], other: Side, o: dict[str, Any], where: str, names: EmulatorPath
) -> set[Drift]:
    found: set[Drift] = set()
    e_props: dict[str, Any] = e.get("properties", {})
    e_required, o_required = set(e.get("required", ())), set(o.get("required", ()))
    matched: set[str] = set()
    for o_field, o_field_schema in o.get("properties", {}).items():
        path = names(o_field, e_props)
        if path is None:
            found.add(Drift(other.name, f"{where}.{o_field}", f"field: {other.name} only"))
            continue
        matched.add(path[0])
        e_field_schema: dict[str, Any] = e_props[path[0]]
        for step in path[1:]:  # a renamed field the API nests (knowledgeId: knowledge.id)
            e_field_schema = _resolve(emulator, e_field_schema)[0].get("properties", {})[step]
        found |= compare(emulator, e_field_schema, other, o_field_schema, f"{where}.{o_field}", names)
        if (path[0] in e_required) != (o_field in o_required):
            side = "emulator" if path[0] in e_required else other.name
            found.add(Drift(other.name, f"{where}.{o_field}", f"required: {side} only"))
    for e_field in e_props.keys() - matched:
        found.add(Drift(other.name, f"{where}.{e_field}", "field: emulator only"))
    return found


# -- the three documents -------------------------------------------------------------------------


def _operations(doc: dict[str, Any]) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    """``(method, path with {} for parameters, path as written, operation)`` of an OpenAPI document."""
    for path, item in doc["paths"].items():
        for method, operation in item.items():
            if method in ("get", "post", "put", "patch", "delete"):
                yield method, re.sub(r"\{[^}]+\}", "{}", path), path, operation


def _body(operation: dict[str, Any]) -> dict[str, Any] | None:
    content = (operation.get("requestBody") or {}).get("content", {})
    schema: dict[str, Any] | None = content.get("application/json", {}).get("schema")
    return schema


def emulator_openapi(app: FastAPI | None = None) -> dict[str, Any]:
    return (app or create_app(Settings(api_keys=("drift:check",)))).openapi()


def load_contract() -> dict[str, Any]:
    contract: dict[str, Any] = yaml.safe_load(CONTRACT.read_text())
    return contract


def load_pulumi_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(PULUMI_SCHEMA.read_text())
    return schema


def contract_drift(emulator_doc: dict[str, Any], contract: dict[str, Any]) -> set[Drift]:
    """Every contract operation must be served; the bodies of those with one are compared."""
    emulator, other = Side("emulator", emulator_doc, True), Side("contract", contract, True)
    served = {(m, p): op for m, p, _, op in _operations(emulator_doc)}
    found: set[Drift] = set()
    for method, path, written, operation in _operations(contract):
        ours = served.get((method, path))
        if ours is None:
            found.add(Drift("contract", f"{method.upper()} {written}", "operation: contract only"))
            continue
        o_body, e_body = _body(operation), _body(ours)
        if o_body is None and e_body is None:
            continue
        if o_body is None or e_body is None:
            side = "contract" if e_body is None else "emulator"
            found.add(Drift("contract", f"{method.upper()} {written}", f"body: {side} only"))
            continue
        found |= compare(emulator, e_body, other, o_body, f"{method.upper()} {written}")
    return found


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _provider_names(resource: str) -> EmulatorPath:
    renames = PROVIDER_RENAMES.get(resource, {})

    def names(field: str, emulator_props: dict[str, Any]) -> list[str] | None:
        if field in renames:
            path = renames[field].split(".")
            return path if path[0] in emulator_props else None
        for candidate in (field, _snake(field)):
            if candidate in emulator_props:
                return [candidate]
        return None

    return names


def provider_drift(emulator_doc: dict[str, Any], pulumi: dict[str, Any]) -> set[Drift]:
    """Each resource's inputs against the body of the API call that creates it."""
    emulator, other = Side("emulator", emulator_doc, True), Side("provider", pulumi, False)
    served = {(m, p): op for m, p, _, op in _operations(emulator_doc)}
    found: set[Drift] = set()
    for token, resource in pulumi["resources"].items():
        name = token.rsplit(":", 1)[-1]
        if name not in PROVIDER_CREATES:
            found.add(Drift("provider", name, "resource: provider only"))
            continue
        path_inputs = PROVIDER_PATH_INPUTS.get(name, set())
        inputs = {k: v for k, v in resource.get("inputProperties", {}).items() if k not in path_inputs}
        body = {
            "type": "object",
            "properties": inputs,
            "required": [k for k in resource.get("requiredInputs", ()) if k in inputs],
        }
        operation = served.get(PROVIDER_CREATES[name])
        e_body = _body(operation) if operation else None
        if e_body is None:
            found.add(Drift("provider", name, "operation: provider only"))
            continue
        found |= compare(emulator, e_body, other, body, name, _provider_names(name))
    return found


def documented() -> dict[Drift, str]:
    """The "Known drift" table of docs/api-decisions.md: ``| against | `location` | drift | why |``."""
    text = DECISIONS.read_text()
    assert TABLE_HEADING in text, f"{DECISIONS.name} has no {TABLE_HEADING!r} section"
    rows: dict[Drift, str] = {}
    for line in text.split(TABLE_HEADING, 1)[1].splitlines():
        cells = [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", line)[1:-1]]
        if len(cells) == 4 and cells[0] in ("contract", "provider"):
            drift = Drift(cells[0], cells[1].strip("`"), cells[2])
            assert drift not in rows, f"listed twice: {line}"
            rows[drift] = cells[3]
        elif line.startswith("#"):
            break
    return rows


# -- the checks ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def emulator_doc() -> dict[str, Any]:
    return emulator_openapi()


def test_every_difference_is_a_documented_decision(emulator_doc: dict[str, Any]) -> None:
    found = contract_drift(emulator_doc, load_contract()) | provider_drift(emulator_doc, load_pulumi_schema())
    listed = documented()
    new = [d.row("WHY?") for d in sorted(found - listed.keys())]
    gone = [d.row(listed[d]) for d in sorted(listed.keys() - found)]
    assert not new and not gone, (
        "docs/api-decisions.md, Known drift: add these rows with their reason (or fix the drift):\n"
        + "\n".join(new)
        + "\nremove these rows (no longer found):\n"
        + "\n".join(gone)
    )
    assert all(listed.values()), "every listed difference needs its reason"


# -- the check catches what it should --------------------------------------------------------------


class _FakePresenter(Presenter):
    type: Literal["talk", "clip", "expressive", "hologram"]  # type: ignore[assignment]


class _FakeAgentCreate(AgentCreate):
    presenter: _FakePresenter  # type: ignore[assignment]
    fake_field: str | None = None
    user_data: str | None = Field(default=None, min_length=1, max_length=999)


def _faked_emulator() -> dict[str, Any]:
    app = FastAPI()

    @app.post("/agents")
    def create(body: _FakeAgentCreate) -> None:
        """Stands in for the emulator's create, with drift added on purpose."""

    return emulator_openapi(app)


@pytest.mark.parametrize(
    "drift",
    [
        Drift("contract", "AgentCreateDto.fake_field", "field: emulator only"),
        Drift("contract", "PresenterConfig.type", "enum: emulator also hologram"),
        Drift("contract", "AgentCreateDto.user_data", "maxLength: emulator 999, contract 1000"),
        Drift("contract", "GET /agents/{id}", "operation: contract only"),
        Drift("provider", "Agent.fake_field", "field: emulator only"),
        Drift("provider", "Presenter.type", "enum: emulator also hologram"),
    ],
    ids=lambda d: f"{d.against}:{d.location}:{d.what}",
)
def test_added_drift_is_reported(drift: Drift) -> None:
    faked = _faked_emulator()
    found = contract_drift(faked, load_contract()) | provider_drift(faked, load_pulumi_schema())
    assert drift in found


def test_a_provider_input_the_emulator_lacks_is_reported(emulator_doc: dict[str, Any]) -> None:
    pulumi = load_pulumi_schema()
    agent = pulumi["resources"]["didagents:index:Agent"]
    agent["inputProperties"]["colour"] = {"type": "string"}
    agent["requiredInputs"].append("embed")
    presenter = pulumi["types"]["didagents:index:Presenter"]["properties"]["type"]
    presenter["description"] = presenter["description"].replace("`talk`, ", "")
    found = provider_drift(emulator_doc, pulumi) - provider_drift(emulator_doc, load_pulumi_schema())
    assert found == {
        Drift("provider", "Agent.colour", "field: provider only"),
        Drift("provider", "Agent.embed", "required: provider only"),
        Drift("provider", "Presenter.type", "enum: emulator also talk"),
    }


def test_the_table_is_read_from_the_decisions_page() -> None:
    listed = documented()
    assert Drift("provider", "Agent.adoptId", "field: provider only") in listed
    assert {d.against for d in listed} == {"contract", "provider"}
