"""What every generated resource of the native Python SDK does (``_generated.py`` declares them).

Arguments arrive as keyword arguments, an args object (the SDK's input types, or the dynamic front
end's dataclasses) or a dict, in snake_case. They are registered as the resource's input type, so
Pulumi's SDK names them for the engine from the types' ``pulumi.getter`` metadata, nested objects
included, and names outputs back from the resource's getters (``agent.agent_id``,
``agent.presenter.presenter_id``). The declarations' secret outputs are marked secret.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any, ClassVar

import pulumi
from pulumi import _types as pulumi_types

from .._args import merge_args
from ..program import read_options, with_secret_outputs
from ..spec import ResourceSpec

__all__ = ["NativeResource", "construct"]


class NativeResource(pulumi.CustomResource):
    """Base of the SDK's resources: the spec supplies the token, the inputs and the secret outputs."""

    _spec: ClassVar[ResourceSpec]
    _args_type: ClassVar[type[Any]]

    def __init__(
        self,
        resource_name: str,
        args: Any,
        opts: pulumi.ResourceOptions | None,
        kwargs: Mapping[str, Any],
    ) -> None:
        spec = self._spec
        if args is not None and pulumi_types.is_input_type(type(args)):
            args = dict(vars(args))  # an input type keeps its values by Python name
        given = merge_args(args, kwargs, spec.name)
        declared = {p.name for p in spec.inputs}
        unknown = sorted(set(given) - declared)
        if unknown:
            raise TypeError(f"{spec.name}: unknown argument(s) {', '.join(unknown)}")
        opts = opts if opts is not None else pulumi.ResourceOptions()
        if opts.id is None and opts.urn is None:  # ``get`` and aliases by URN read what exists
            missing = [p.name for p in spec.inputs if p.required and p.name not in given]
            if missing:
                raise TypeError(
                    f"{spec.name} {resource_name}: missing required argument(s) {', '.join(missing)}"
                )
        props = object.__new__(self._args_type)
        for prop in spec.inputs:
            props.__dict__[prop.name] = given.get(prop.name)
        for prop in spec.outputs:
            props.__dict__[prop.name] = None
        super().__init__(spec.token, resource_name, props, with_secret_outputs(spec, opts))

    read_options = staticmethod(read_options)


_CONSTRUCTING = threading.Lock()
"""The SDK's run-time settings (monitor, stack, config) are the process's: one Construct at a time."""


def construct(request: Any, context: Any, engine: str | None) -> Any:
    """The engine's ``Construct`` of a component (``KnowledgeFolder``), served with the Pulumi SDK's own
    machinery, which registers the children with the engine. The server imports this module when the
    first component arrives, so a plugin serving plain resources never loads the SDK."""
    import asyncio

    from pulumi.provider import ConstructResult, Provider
    from pulumi.provider.server import ProviderServicer

    from .._version import __version__
    from ..spec import KNOWLEDGE_FOLDER as folder
    from .sdk import KnowledgeFolder

    class Components(Provider):  # type: ignore[misc]
        def construct(
            self,
            name: str,
            resource_type: str,
            inputs: pulumi.Inputs,
            options: pulumi.ResourceOptions | None = None,
        ) -> ConstructResult:
            if resource_type != folder.token:
                raise ValueError(f"unknown component type {resource_type}")
            given: dict[str, Any] = {p.name: inputs.get(p.schema_key, p.default) for p in folder.inputs}
            if not isinstance(given["path"], str):
                raise ValueError(f"KnowledgeFolder {name}: path must be known when the program runs")
            component = KnowledgeFolder(
                name,
                knowledge_id=given["knowledge_id"],
                path=given["path"],
                patterns=list(given["patterns"]),
                max_documents=int(given["max_documents"]),
                opts=options,
            )
            return ConstructResult(urn=component.urn, state={"documentIds": component.document_ids})

    servicer = ProviderServicer(Components(__version__), [], engine_address=engine or "")
    with _CONSTRUCTING:
        return asyncio.run(servicer.Construct(request, context))
