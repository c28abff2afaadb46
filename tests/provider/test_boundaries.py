"""Every value that schema.json and preview accept works at `up`: each declared field of Agent,
KnowledgeBase and ClientKey, at its boundaries (the shortest and longest allowed strings in
unicode, integer and fractional numbers at their limits, empty and full lists, every choice), goes
through check → create → read → diff against the emulator, through the shared core and through
the native plugin's servicer (its names, marshalling and secrets), and comes back unchanged.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from did_agents_emulator.testing import EmulatorServer
from pulumi_did_agents.native.marshal import from_core
from pulumi_did_agents.spec import AGENT, CLIENT_KEY, KNOWLEDGE_BASE, Prop, ResourceSpec
from tests.native.plugin import Plugin, configured_plugin

from .conftest import Cores, agent_inputs, urn

LONGEST_UNBOUNDED = 1000
"""Strings the declarations leave unbounded are tried at this length."""

REFERENCES = {"knowledge_id", "agent_id", "adopt_id"}
"""Ids of other objects: their boundary is "exists", checked elsewhere."""


def _text(length: int) -> str:
    return ("ünïcødé ✓ " * (length // 10 + 1))[:length]


def boundary_values(prop: Prop) -> list[Any]:
    if prop.choices:
        return list(prop.choices)
    if prop.kind == "string":
        if prop.pattern:
            return []
        shortest = max(prop.min_length or 1, 1)
        return [_text(shortest), _text(prop.max_length or LONGEST_UNBOUNDED)]
    if prop.kind in ("integer", "number"):
        low = prop.minimum if prop.minimum is not None else 0
        high = prop.maximum if prop.maximum is not None else low + 1000
        values: list[Any] = [low, high]
        if prop.kind == "number":
            values.append(low + (high - low) / 4 + 0.5 if high - low > 1 else (low + high) / 2)
        return [int(v) if prop.kind == "integer" else v for v in values]
    if prop.kind == "boolean":
        return [True, False]
    if prop.kind == "array" and prop.items is not None and prop.items.kind == "string":
        item = boundary_values(prop.items) or []
        full = [item[-1]] * 3 if item else []
        return ([[]] if not prop.min_items else []) + ([full] if full else [])
    if prop.kind in ("map", "json", "any"):
        return [{}, {"ключ": _text(20)}]
    return []


def variants(
    props: tuple[Prop, ...], base: dict[str, Any], prefix: str = ""
) -> Iterator[tuple[str, dict[str, Any]]]:
    """``(field path, inputs)``: the base inputs with one field at one of its boundaries."""
    for prop in props:
        if prop.name in REFERENCES or prop.secret:
            continue
        if prop.kind == "object" and prop.shape is not None:
            inner = dict(base.get(prop.name) or {})
            for path, value in variants(prop.shape.props, inner, f"{prefix}{prop.name}."):
                yield path, {**base, prop.name: value}
            continue
        for value in boundary_values(prop):
            yield f"{prefix}{prop.name}", {**base, prop.name: value}


KINDS: list[tuple[ResourceSpec, str]] = [(AGENT, "agent"), (KNOWLEDGE_BASE, "kb"), (CLIENT_KEY, "key")]


def base_inputs(spec: ResourceSpec, cores: Cores) -> dict[str, Any]:
    if spec is AGENT:
        return agent_inputs()
    if spec is KNOWLEDGE_BASE:
        return {"name": "Handbook", "description": "Product handbook"}
    agent = cores.agent.create(cores.checked(cores.agent, agent_inputs()), urn=urn("Agent", "keyed"))
    return {"agent_id": agent.id, "allowed_domains": ["https://shop.example"], "name": "website"}


@pytest.fixture
def ready_now(did_emulator: EmulatorServer) -> EmulatorServer:
    did_emulator.configure(agent_ready_delay=0, document_ready_delay=0)
    return did_emulator


@pytest.mark.parametrize(("spec", "attr"), KINDS, ids=[s.name for s, _ in KINDS])
def test_every_accepted_boundary_value_round_trips_through_the_core(
    spec: ResourceSpec, attr: str, cores: Cores, ready_now: EmulatorServer
) -> None:
    core = getattr(cores, attr)
    base = base_inputs(spec, cores)
    accepted = rejected = 0
    for n, (path, news) in enumerate(variants(spec.inputs, base)):
        result = core.check({}, news)
        if result.failures:
            rejected += 1
            continue
        accepted += 1
        created = core.create(result.inputs, urn=urn(spec.name, f"b{n}"))
        read = core.read(created.id, result.inputs, created.outputs)
        assert read is not None, path
        plan = core.diff(result.inputs, read.inputs)
        assert not plan.changes, (path, plan.detailed)
        core.delete(created.id, result.inputs, created.outputs)
    assert accepted >= 4 and accepted > rejected, (accepted, rejected)


@pytest.mark.parametrize(("spec", "attr"), KINDS, ids=[s.name for s, _ in KINDS])
def test_every_accepted_boundary_value_round_trips_through_the_native_plugin(
    spec: ResourceSpec, attr: str, cores: Cores, ready_now: EmulatorServer
) -> None:
    plugin: Plugin = configured_plugin(ready_now)
    base = base_inputs(spec, cores)
    accepted = 0
    for n, (path, news) in enumerate(variants(spec.inputs, base)):
        inputs, failures = plugin.check(spec.name, from_core(spec.inputs, news))
        if failures:
            continue
        accepted += 1
        id_, state = plugin.create(spec.name, f"b{n}", inputs)
        read_id, read_state, read_inputs = plugin.read(spec.name, id_, state, inputs)
        assert read_id == id_, path
        diff = plugin.diff(spec.name, read_inputs, inputs, read_state, name=f"b{n}")
        assert list(diff.diffs) == [] and not diff.replaces, (path, list(diff.diffs))
        plugin.delete(spec.name, id_, read_state)
    assert accepted >= 4, accepted
