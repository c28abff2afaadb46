"""Python resources backed by the native plugin (``didagents:index:*``) instead of the dynamic provider.

The same keyword arguments as ``pulumi_did_agents.Agent`` & co (snake_case, dicts or the args
classes), sent to the engine in schema.json's camelCase; outputs come back as snake_case attributes
(``agent.agent_id``). Nested output values keep the engine's camelCase keys, except keys that are
also top-level property names, which the SDK's output translation renames (as in generated SDKs).
The program's project must let the engine find
``pulumi-resource-didagents`` (on ``PATH`` or via ``plugins: providers:`` in ``Pulumi.yaml``).

>>> from pulumi_did_agents.native.sdk import KnowledgeBase
>>> kb = KnowledgeBase("kb", name="docs", description="Product docs")
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar

import pulumi

from .._args import merge_args
from ..spec import AGENT, CLIENT_KEY, DOCUMENT, KNOWLEDGE_BASE, RESOURCES, Prop, ResourceSpec
from .marshal import from_core

__all__ = ["Agent", "ClientKey", "Document", "KnowledgeBase", "NativeResource"]


def _engine_value(spec: ResourceSpec, prop: Prop, value: Any) -> Any:
    """A top-level input in the engine's names; nested dicts inside Outputs are renamed once known.

    Renamed against ``spec.inputs``, the long-lived tuple whose lookup table names.py caches."""
    if isinstance(value, pulumi.Output):
        return value.apply(lambda known: _engine_value(spec, prop, known))
    return from_core(spec.inputs, {prop.name: value})[prop.schema_key]


class NativeResource(pulumi.CustomResource):
    """Base of the four resources: the spec supplies the token, the names and the secret outputs."""

    _spec: ClassVar[ResourceSpec]

    def __init__(
        self, resource_name: str, args: Any = None, opts: pulumi.ResourceOptions | None = None, **kwargs: Any
    ) -> None:
        spec = self._spec
        given = merge_args(args, kwargs, spec.name)
        declared = {p.name: p for p in spec.inputs}
        unknown = sorted(set(given) - set(declared))
        if unknown:
            raise TypeError(f"{spec.name}: unknown argument(s) {', '.join(unknown)}")
        props: dict[str, Any] = {p.name: None for p in spec.outputs}
        props.update({name: _engine_value(spec, declared[name], value) for name, value in given.items()})
        secret = list(spec.secret_outputs())
        if secret:
            opts = pulumi.ResourceOptions.merge(
                pulumi.ResourceOptions(additional_secret_outputs=secret), opts
            )
        super().__init__(spec.token, resource_name, props, opts)

    if TYPE_CHECKING:

        def __getattr__(self, name: str) -> pulumi.Output[Any]:
            """Outputs are set per declared property at run time (``agent.agent_id``)."""

    def translate_input_property(self, prop: str) -> str:
        return _TO_ENGINE.get(prop, prop)

    def translate_output_property(self, prop: str) -> str:
        return _FROM_ENGINE.get(prop, prop)


_ALL_PROPS: tuple[Prop, ...] = tuple(p for spec in RESOURCES for p in (*spec.inputs, *spec.outputs))
_TO_ENGINE: Mapping[str, str] = {p.name: p.schema_key for p in _ALL_PROPS}
_FROM_ENGINE: Mapping[str, str] = {p.schema_key: p.name for p in _ALL_PROPS}


class Agent(NativeResource):
    __doc__ = AGENT.doc
    _spec = AGENT


class KnowledgeBase(NativeResource):
    __doc__ = KNOWLEDGE_BASE.doc
    _spec = KNOWLEDGE_BASE


class Document(NativeResource):
    __doc__ = DOCUMENT.doc
    _spec = DOCUMENT


class ClientKey(NativeResource):
    __doc__ = CLIENT_KEY.doc
    _spec = CLIENT_KEY
