"""Behaviour of the generated ``Resource`` classes: turning args into the props the engine sends."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any, ClassVar

import pulumi
from pulumi.dynamic import Resource

from .._args import merge_args
from ..core.settings import NAMESPACE, config_problems
from ..spec import Prop, ResourceSpec
from .provider import DynamicProvider

__all__ = ["DidResource"]


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
        secret_outputs = list(spec.secret_outputs())
        if secret_outputs:
            opts = pulumi.ResourceOptions.merge(
                pulumi.ResourceOptions(additional_secret_outputs=secret_outputs), opts
            )
        super().__init__(self._did_provider, resource_name, props, opts)

    @staticmethod
    def read_options(id: pulumi.Input[str], opts: pulumi.ResourceOptions | None) -> pulumi.ResourceOptions:
        return pulumi.ResourceOptions.merge(opts, pulumi.ResourceOptions(id=id))
