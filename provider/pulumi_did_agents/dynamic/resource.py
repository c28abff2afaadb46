"""Behaviour of the generated ``Resource`` classes: turning args into the props the engine sends."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Awaitable, Mapping
from typing import Any, ClassVar

import pulumi
from pulumi.dynamic import Resource

from .._args import merge_args
from ..core.settings import NAMESPACE, config_problems
from ..spec import Prop, ResourceSpec
from .provider import URN_KEY, DynamicProvider

__all__ = ["DidResource", "engine_urn"]

ROOT_STACK_TYPE = "pulumi:pulumi:Stack"


def _secrets(props: tuple[Prop, ...], values: Any) -> Any:
    """Wrap declared secret inputs (``llm.custom.key``) in ``Output.secret``, as generated SDKs do."""
    if not isinstance(values, dict):
        return values
    out = dict(values)
    for prop in props:
        if prop.name not in out:
            continue
        if prop.secret:
            out[prop.name] = pulumi.Output.secret(out[prop.name])
        elif prop.shape is not None:
            out[prop.name] = _secrets(prop.shape.props, out[prop.name])
    return out


def _detached(output: pulumi.Output[str]) -> Awaitable[str]:
    """``output``'s value without its resources: an input made from it depends on nothing.

    An input built from ``parent.urn`` would make the resource depend on its parent, and on a
    component parent the SDK expands that to all the component's children: the resource itself
    and its siblings, a cycle the SDK refuses.
    """
    settled: asyncio.Future[str] = asyncio.get_event_loop().create_future()

    def settle(value: Any) -> str:
        if not settled.done():
            if isinstance(value, str) and value:
                settled.set_result(value)
            else:
                settled.set_exception(RuntimeError("the parent resource's URN is unknown"))
        return ""

    def fail(exc: Exception) -> str:
        if not settled.done():
            settled.set_exception(exc)
        return ""

    applied = output.apply(settle, run_with_unknowns=True)
    # A parent that fails to register fails its children (``recover``: pulumi >= 3.247; the class is
    # asked, since an Output lifts any attribute of its value).
    if hasattr(pulumi.Output, "recover"):
        applied.recover(fail)
    return settled


def _is_root_stack(urn: str) -> bool:
    """``urn:pulumi:<stack>::<project>::<qualified type>::<name>``: the stack resource's type is not
    part of its children's URNs."""
    parts = urn.split("::", 3)
    return len(parts) == 4 and parts[2] == ROOT_STACK_TYPE


def engine_urn(name: str, type_: str, parent: pulumi.Resource | None) -> pulumi.Output[str]:
    """The URN the engine gives the resource ``name`` of ``type_`` under ``parent``, computed with the
    SDK's documented ``create_urn``, as an output that adds no dependency."""
    if parent is None:
        return pulumi.create_urn(name, type_)
    parent_urn: pulumi.Input[str] = _detached(parent.urn)
    return pulumi.Output.from_input(parent_urn).apply(
        lambda urn: pulumi.create_urn(name, type_, None if _is_root_stack(urn) else urn)
    )


@functools.cache
def check_program_config() -> None:
    """Strict ``didagents:`` config, checked once in the program process: only here does the SDK
    tell which values were set with ``--secret`` (the provider process receives them unwrapped).

    Reads the config the language host hands the program (``PULUMI_CONFIG``); an inline Automation
    API program has none there and is not checked.
    """
    prefix = f"{NAMESPACE}:"
    names = [key.removeprefix(prefix) for key in pulumi.runtime.get_config_env() if key.startswith(prefix)]
    problems = config_problems(names, lambda name: pulumi.runtime.is_config_secret(prefix + name))
    if problems:
        raise pulumi.RunError("; ".join(problems))


class DidResource(Resource):
    """Base of ``Agent``, ``KnowledgeBase``, ``Document`` and ``ClientKey``."""

    _did_spec: ClassVar[ResourceSpec]
    _did_provider: ClassVar[DynamicProvider]

    def __init__(
        self,
        resource_name: str,
        args: Any,
        opts: pulumi.ResourceOptions | None,
        kwargs: Mapping[str, Any],
    ) -> None:
        check_program_config()
        spec = self._did_spec
        props: dict[str, Any] = {p.name: None for p in (*spec.inputs, *spec.outputs)}
        props.update(_secrets(spec.inputs, merge_args(args, kwargs, spec.name)))
        if URN_KEY in props:
            raise TypeError(f"{spec.name}: {URN_KEY} is not an argument (the provider sets it)")
        # The URN reaches the provider as an input: the SDK's dynamic-provider contract passes it
        # nothing else about the resource. Markers and status text need it.
        parent = opts.parent if opts is not None else None
        props[URN_KEY] = engine_urn(resource_name, f"pulumi-python:{self._resource_type_name}", parent)
        secret_outputs = list(spec.secret_outputs())
        if secret_outputs:
            opts = pulumi.ResourceOptions.merge(
                pulumi.ResourceOptions(additional_secret_outputs=secret_outputs), opts
            )
        super().__init__(self._did_provider, resource_name, props, opts)

    @staticmethod
    def read_options(id: pulumi.Input[str], opts: pulumi.ResourceOptions | None) -> pulumi.ResourceOptions:
        return pulumi.ResourceOptions.merge(opts, pulumi.ResourceOptions(id=id))
