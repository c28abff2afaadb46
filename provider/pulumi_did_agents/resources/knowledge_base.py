"""The ``KnowledgeBase`` dynamic resource and its provider."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Unpack

import pulumi
from pulumi.dynamic import CreateResult, ReadResult, Resource, UpdateResult

from .._tokens import MODULE
from ..client import KnowledgeBase as ApiKnowledgeBase
from ..client import NotFoundError
from ._args import KnowledgeBaseArgs, KnowledgeBaseArgsDict, merge_args
from ._provider import DidResourceProvider, ProvisioningError
from ._schemas import KnowledgeBaseInputs
from ._values import outputs_of, without_provider

__all__ = [
    "KNOWLEDGE_BASE_INPUT_KEYS",
    "KNOWLEDGE_BASE_OUTPUT_KEYS",
    "KnowledgeBase",
    "KnowledgeBaseProvider",
]

KNOWLEDGE_BASE_INPUT_KEYS = ("name", "description", "adopt_id")
KNOWLEDGE_BASE_OUTPUT_KEYS = ("knowledge_id", "status", "created_at", "modified_at")


def _outputs(inputs: Mapping[str, Any], kb: ApiKnowledgeBase) -> dict[str, Any]:
    return outputs_of(
        inputs, knowledge_id=kb.id, status=kb.status, created_at=kb.created_at, modified_at=kb.modified_at
    )


class KnowledgeBaseProvider(DidResourceProvider):
    """CRUD for knowledge bases; ``name`` and ``description`` update in place."""

    inputs_model = KnowledgeBaseInputs
    input_keys = KNOWLEDGE_BASE_INPUT_KEYS

    def create(self, props: dict[str, Any]) -> CreateResult:
        inputs = self.normalize(without_provider(props))
        body = {"name": inputs["name"], "description": inputs["description"]}
        adopt_id = inputs.get("adopt_id")
        with self.client() as client:
            if adopt_id:
                try:
                    client.knowledge.get(adopt_id)
                except NotFoundError:
                    raise ProvisioningError(
                        f"cannot adopt knowledge base {adopt_id}: it does not exist"
                    ) from None
                kb = client.knowledge.update(adopt_id, body)
            else:
                kb = client.knowledge.create(body)
        return CreateResult(kb.id, _outputs(inputs, kb))

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        with self.client() as client:
            try:
                kb = client.knowledge.get(id_)
            except NotFoundError:
                return ReadResult("", {})
        prior = self.pick_inputs(props)
        inputs = self.normalize(
            {"name": kb.name, "description": kb.description, "adopt_id": prior.get("adopt_id")}
        )
        return ReadResult(id_, _outputs(inputs, kb), inputs)

    def update(self, _id: str, _olds: dict[str, Any], _news: dict[str, Any]) -> UpdateResult:
        inputs = self.normalize(without_provider(_news))
        with self.client() as client:
            kb = client.knowledge.update(_id, {"name": inputs["name"], "description": inputs["description"]})
        return UpdateResult(_outputs(inputs, kb))

    def delete(self, _id: str, _props: dict[str, Any]) -> None:
        """Delete the knowledge base (the API deletes its documents with it); gone counts as deleted."""
        with self.client() as client:
            try:
                client.knowledge.delete(_id)
            except NotFoundError:
                pass


_PROVIDER = KnowledgeBaseProvider()


class KnowledgeBase(Resource, module=MODULE, name="KnowledgeBase"):
    """A D-ID knowledge base: up to five :class:`Document` objects an agent answers from.

    Deleting it deletes its documents server-side; agents that point at it keep a dangling id, so
    let Pulumi order it (pass ``kb.knowledge_id`` to the agent and the documents).

    Adopt an existing one with ``adopt_id="knl_…"`` (its name and description are PATCHed to the
    declared values); read one without managing it with ``KnowledgeBase.get(name, "knl_…")``.
    """

    knowledge_id: pulumi.Output[str]
    status: pulumi.Output[str]
    created_at: pulumi.Output[str]
    modified_at: pulumi.Output[str]
    name: pulumi.Output[str]
    description: pulumi.Output[str]
    adopt_id: pulumi.Output[str | None]

    def __init__(
        self,
        resource_name: str,
        args: KnowledgeBaseArgs | KnowledgeBaseArgsDict | None = None,
        opts: pulumi.ResourceOptions | None = None,
        **kwargs: Unpack[KnowledgeBaseArgsDict],
    ) -> None:
        props: dict[str, Any] = {
            key: None for key in (*KNOWLEDGE_BASE_INPUT_KEYS, *KNOWLEDGE_BASE_OUTPUT_KEYS)
        }
        props.update(merge_args(args, kwargs, "KnowledgeBase"))
        super().__init__(_PROVIDER, resource_name, props, opts)

    @staticmethod
    def get(
        resource_name: str, id: pulumi.Input[str], opts: pulumi.ResourceOptions | None = None
    ) -> KnowledgeBase:
        """Read an existing knowledge base by id into the program (not managed)."""
        return KnowledgeBase(
            resource_name, opts=pulumi.ResourceOptions.merge(opts, pulumi.ResourceOptions(id=id))
        )
