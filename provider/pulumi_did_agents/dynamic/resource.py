"""Behaviour of the generated ``Resource`` classes: turning args into the props the engine sends."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

import pulumi
from pulumi.dynamic import Resource

from .._args import merge_args
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
