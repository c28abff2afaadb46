"""Rules of the ``did-agents-guardrails`` policy pack.

Only rules live here; the ``PolicyPack`` is built in ``__main__.py``, because constructing one starts a
gRPC server and blocks forever, which would hang any test that imports this module.

Conventions:

* One typed validator per rule; each first guards on the resource kind (:func:`kind_of`), which both
  front ends share: the dynamic resources (``pulumi-python:dynamic/didagents:Agent``) and the native
  provider's (``didagents:index:Agent``, from YAML programs, imports and other languages).
* Rules name properties as the dynamic resources do (``knowledge_id``, ``llm.instructions``);
  :func:`field` reads them in the spelling of the resource's front end (``knowledgeId`` for native
  resources, as in schema.json), and messages name them that way too (:func:`key`).
* **Unknown values are never a violation.** During ``pulumi preview`` a property that comes from a
  resource not created yet (``knowledge_id=kb.id``) is unknown. pulumi-policy hands the validator a
  proxy that raises ``UnknownValueError`` on access, which it would turn into an advisory "can't run
  policy during preview" line. The rules read properties through :func:`prop` instead, which returns
  :data:`UNKNOWN`, and each rule decides what that means (usually: cannot judge yet, so pass; the
  rule runs again with real values on ``pulumi up``).
* Production stacks are recognised from the stack segment of the resource URN
  (``urn:pulumi:<stack>::<project>::<type>::<name>``), which is present in every validate call and in
  unit tests alike; ``pulumi.get_stack()`` is only a fallback (see :func:`stack_name`).
"""

from __future__ import annotations

import fnmatch
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any, Final

import pack_settings as settings
import pulumi
from pulumi_policy import (
    Policy,
    PolicyConfigSchema,
    PolicyResource,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    Severity,
    StackValidationArgs,
    StackValidationPolicy,
)
from pulumi_policy.proxy import (
    UNKNOWN_ARCHIVE_VALUE,
    UNKNOWN_ARRAY_VALUE,
    UNKNOWN_ASSET_VALUE,
    UNKNOWN_BOOLEAN_VALUE,
    UNKNOWN_NUMBER_VALUE,
    UNKNOWN_OBJECT_VALUE,
    UNKNOWN_STRING_VALUE,
    UnknownValueError,
)

# The provider's type tokens (those of the dynamic front end re-exported for tests and rule authors):
# the pack's interpreter needs pulumi_did_agents installed.
from pulumi_did_agents import AGENT_TYPE as AGENT_TYPE
from pulumi_did_agents import DOCUMENT_TYPE as DOCUMENT_TYPE
from pulumi_did_agents import KNOWLEDGE_BASE_TYPE as KNOWLEDGE_BASE_TYPE
from pulumi_did_agents import (
    NATIVE_AGENT_TYPE,
    NATIVE_DOCUMENT_TYPE,
    NATIVE_KNOWLEDGE_BASE_TYPE,
)
from pulumi_did_agents._tokens import kind_of
from pulumi_did_agents.spec import RESOURCES

AGENT: Final = "Agent"
KNOWLEDGE_BASE: Final = "KnowledgeBase"
DOCUMENT: Final = "Document"
_NATIVE: Final = frozenset({NATIVE_AGENT_TYPE, NATIVE_KNOWLEDGE_BASE_TYPE, NATIVE_DOCUMENT_TYPE})
_SPECS: Final = {spec.name: spec for spec in RESOURCES}


def path_of(resource_type: str, *names: str) -> tuple[str, ...]:
    """A property path as resources of this type spell it: ``knowledge_id`` or, natively, the
    field's own schema name (``knowledgeId``)."""
    if resource_type not in _NATIVE:
        return names
    return _SPECS[kind_of(resource_type) or ""].schema_path(*names)


def key(resource_type: str, name: str) -> str:
    """A top-level property's name as resources of this type spell it."""
    return path_of(resource_type, name)[0]


# --------------------------------------------------------------------------------------------------
# Reading properties


class _Unknown:
    """Type of :data:`UNKNOWN`."""

    _instance: _Unknown | None = None

    def __new__(cls) -> _Unknown:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNKNOWN"

    def __bool__(self) -> bool:
        # An unknown is neither truthy nor falsy for a rule; make accidental `if value:` loud.
        raise TypeError("UNKNOWN has no truth value; compare with `is UNKNOWN`")


UNKNOWN: Final = _Unknown()
"""A property whose value is not known yet (preview, output of a resource still to be created)."""

_UNKNOWN_SENTINELS: Final = frozenset(
    {
        UNKNOWN_BOOLEAN_VALUE,
        UNKNOWN_NUMBER_VALUE,
        UNKNOWN_STRING_VALUE,
        UNKNOWN_ARRAY_VALUE,
        UNKNOWN_ASSET_VALUE,
        UNKNOWN_ARCHIVE_VALUE,
        UNKNOWN_OBJECT_VALUE,
    }
)


def prop(props: Mapping[str, Any], *path: str) -> Any:
    """Return ``props[path[0]][path[1]]...``; ``None`` if absent, :data:`UNKNOWN` if not known yet.

    Works on the unknown-checking proxies pulumi-policy passes in (which raise on access) and on the
    raw sentinel strings the engine uses for unknowns (which a plain dict would carry).
    """
    current: Any = props
    for key in path:
        if not isinstance(current, Mapping):
            return None
        try:
            current = current[key]
        except KeyError:
            return None
        except UnknownValueError:
            return UNKNOWN
        if isinstance(current, str) and current in _UNKNOWN_SENTINELS:
            return UNKNOWN
    return current


def field(resource_type: str, props: Mapping[str, Any], *path: str) -> Any:
    """:func:`prop` with the path given in snake_case and read in the resource's own spelling."""
    return prop(props, *path_of(resource_type, *path))


def stack_name(urn: str) -> str | None:
    """The stack a resource belongs to.

    The URN (``urn:pulumi:<stack>::<project>::<type>::<name>``) carries it on every validate call.
    ``pulumi.get_stack()`` also works inside the policy process when the engine sets
    ``PULUMI_STACK`` (pulumi-policy configures the runtime from it before each analysis), but it
    silently answers ``"stack"`` when that variable is missing, so it is only a fallback.
    """
    prefix = "urn:pulumi:"
    if urn.startswith(prefix):
        stack = urn[len(prefix) :].split("::", 1)[0]
        if stack:
            return stack
    runtime_stack = pulumi.get_stack()
    if runtime_stack and runtime_stack != "stack":
        return runtime_stack
    return None


def is_production(urn: str, config: Mapping[str, Any]) -> bool:
    """Whether the resource's stack matches one of the configured ``productionStacks``."""
    stack = stack_name(urn)
    if stack is None:
        return False
    patterns = settings.string_list(config, "productionStacks", settings.DEFAULT_PRODUCTION_STACKS)
    return any(fnmatch.fnmatchcase(stack.lower(), pattern.lower()) for pattern in patterns)


def _blank(value: Any) -> bool:
    """``None``, a non-string, or a string of only whitespace (caller has ruled out UNKNOWN)."""
    return not isinstance(value, str) or not value.strip()


_PRODUCTION_STACKS_SCHEMA: Final[dict[str, Any]] = {
    "type": "array",
    "items": {"type": "string"},
    "default": list(settings.DEFAULT_PRODUCTION_STACKS),
    "description": "Stack names (fnmatch globs allowed, e.g. 'prod-*') treated as production.",
}


def _name_pattern_schema(kind: str) -> PolicyConfigSchema:
    return PolicyConfigSchema(
        properties={
            "pattern": {
                "type": "string",
                "default": settings.DEFAULT_NAME_PATTERN,
                "description": f"Regular expression the whole {kind} name must match.",
            },
        },
    )


# --------------------------------------------------------------------------------------------------
# agent-requires-knowledge-base-in-production


def agent_requires_knowledge_base_validator(
    args: ResourceValidationArgs, report_violation: ReportViolation
) -> None:
    if kind_of(args.resource_type) != AGENT:
        return
    if not is_production(args.urn, args.get_config()):
        return
    knowledge_id = field(args.resource_type, args.props, "knowledge_id")
    if knowledge_id is UNKNOWN:
        # Set from a KnowledgeBase that is still to be created: it will have a value.
        return
    if field(args.resource_type, args.props, "release") is not None:
        return  # a release owns the agent's knowledge bases
    if _blank(knowledge_id):
        report_violation(
            f"Agent '{args.name}' has no {key(args.resource_type, 'knowledge_id')}. Production agents must "
            "answer from a knowledge base: pass knowledge_id=<KnowledgeBase>.id, or a release.",
            None,
        )


agent_requires_knowledge_base_in_production = ResourceValidationPolicy(
    name="agent-requires-knowledge-base-in-production",
    description="Agents in production stacks must be grounded on a knowledge base (knowledge_id).",
    validate=agent_requires_knowledge_base_validator,
    config_schema=PolicyConfigSchema(properties={"productionStacks": _PRODUCTION_STACKS_SCHEMA}),
    severity=Severity.HIGH,
    remediation_steps="Create a didagents.KnowledgeBase and pass knowledge_id=kb.id to the Agent.",
)


# --------------------------------------------------------------------------------------------------
# agent-instructions-not-empty


def agent_instructions_validator(args: ResourceValidationArgs, report_violation: ReportViolation) -> None:
    if kind_of(args.resource_type) != AGENT:
        return
    instructions = field(args.resource_type, args.props, "llm", "instructions")
    if instructions is UNKNOWN:
        return
    if _blank(instructions):
        report_violation(
            f"Agent '{args.name}' has no llm.instructions. Without them the agent runs on the model's "
            "defaults; say what it is for and what it must not do.",
            None,
        )


agent_instructions_not_empty = ResourceValidationPolicy(
    name="agent-instructions-not-empty",
    description="Agents must set non-blank llm.instructions.",
    validate=agent_instructions_validator,
    severity=Severity.MEDIUM,
    remediation_steps="Pass llm=didagents.LlmArgs(..., instructions='...') to the Agent.",
)


# --------------------------------------------------------------------------------------------------
# knowledge-base-max-documents


def _document_group(document: PolicyResource) -> str | None:
    """Key under which a Document counts against a knowledge base, or ``None`` if not knowable.

    1. The KnowledgeBase resource that flowed into ``knowledge_id`` (``knowledge_id=kb.id``): its URN.
       Available in preview (when the id itself is still unknown) and after ``up`` alike.
    2. Otherwise a literal ``knowledge_id`` (a knowledge base managed elsewhere): the id itself.
    3. Otherwise, if ``knowledge_id`` is unknown, the single KnowledgeBase among the document's
       dependencies (``depends_on``/``parent``), if there is exactly one.
    """
    from_property = [
        dependency
        for dependency in document.property_dependencies.get(key(document.resource_type, "knowledge_id"), [])
        if kind_of(dependency.resource_type) == KNOWLEDGE_BASE
    ]
    if len(from_property) == 1:
        return from_property[0].urn
    knowledge_id = field(document.resource_type, document.props, "knowledge_id")
    if isinstance(knowledge_id, str) and knowledge_id.strip():
        return f"knowledge_id:{knowledge_id}"
    if knowledge_id is UNKNOWN:
        depended_on = {
            dependency.urn
            for dependency in document.dependencies
            if kind_of(dependency.resource_type) == KNOWLEDGE_BASE
        }
        if len(depended_on) == 1:
            return depended_on.pop()
    return None


def knowledge_base_max_documents_validator(
    args: StackValidationArgs, report_violation: ReportViolation
) -> None:
    limit = settings.integer(args.get_config(), "maxDocuments", settings.DEFAULT_MAX_DOCUMENTS, minimum=1)
    by_urn = {resource.urn: resource for resource in args.resources}
    groups: dict[str, list[PolicyResource]] = defaultdict(list)
    for resource in args.resources:
        if kind_of(resource.resource_type) != DOCUMENT:
            continue
        group = _document_group(resource)
        if group is not None:  # None: cannot tell which knowledge base yet, so not counted
            groups[group].append(resource)
    for group, documents in sorted(groups.items()):
        if len(documents) <= limit:
            continue
        names = ", ".join(sorted(document.name for document in documents))
        knowledge_base = by_urn.get(group)
        if knowledge_base is not None:
            where = f"Knowledge base '{knowledge_base.name}'"
            urn: str | None = knowledge_base.urn
        else:
            where = f"Knowledge base {group.removeprefix('knowledge_id:')}"
            urn = None
        report_violation(
            f"{where} has {len(documents)} documents ({names}); at most {limit} are allowed. "
            "Split them across knowledge bases or merge documents.",
            urn,
        )


knowledge_base_max_documents = StackValidationPolicy(
    name="knowledge-base-max-documents",
    description="A knowledge base may hold at most maxDocuments documents (D-ID rejects the 6th).",
    validate=knowledge_base_max_documents_validator,
    config_schema=PolicyConfigSchema(
        properties={
            "maxDocuments": {
                "type": "integer",
                "minimum": 1,
                "default": settings.DEFAULT_MAX_DOCUMENTS,
                "description": "Most Document resources allowed per knowledge base in this stack.",
            },
        },
    ),
    severity=Severity.MEDIUM,
)


# --------------------------------------------------------------------------------------------------
# documents-https-in-production


def documents_https_validator(args: ResourceValidationArgs, report_violation: ReportViolation) -> None:
    """A Document's ``source_url``, and those of an Agent's release documents."""
    kind = kind_of(args.resource_type)
    if kind not in (DOCUMENT, AGENT) or not is_production(args.urn, args.get_config()):
        return
    if kind == DOCUMENT:
        sources = [
            (
                f"Document '{args.name}'",
                key(args.resource_type, "source_url"),
                field(args.resource_type, args.props, "source_url"),
            )
        ]
    else:
        documents = field(args.resource_type, args.props, "release", "documents")
        name = path_of(args.resource_type, "release", "documents", "source_url")[-1]
        sources = [
            (f"Agent '{args.name}'", f"release.documents[{i}].{name}", prop(doc, name))
            for i, doc in enumerate(
                documents if isinstance(documents, Sequence) and not isinstance(documents, str) else []
            )
            if isinstance(doc, Mapping)
        ]
    for owner, path, source_url in sources:
        if source_url is UNKNOWN:
            continue
        if not isinstance(source_url, str) or not source_url.strip().lower().startswith("https://"):
            report_violation(
                f"{owner} has {path} {source_url!r}; production documents must be fetched over "
                "https:// (no http://, file:// or local paths).",
                None,
            )


documents_https_in_production = ResourceValidationPolicy(
    name="documents-https-in-production",
    description="Documents in production stacks must have an https:// source_url.",
    validate=documents_https_validator,
    config_schema=PolicyConfigSchema(properties={"productionStacks": _PRODUCTION_STACKS_SCHEMA}),
    severity=Severity.HIGH,
)


# --------------------------------------------------------------------------------------------------
# embedding-only-where-allowed


def embedding_validator(args: ResourceValidationArgs, report_violation: ReportViolation) -> None:
    if kind_of(args.resource_type) != AGENT:
        return
    embed = field(args.resource_type, args.props, "embed")
    if embed is not True:  # False, absent or UNKNOWN
        return
    if not settings.boolean(args.get_config(), "allowEmbed", settings.DEFAULT_ALLOW_EMBED):
        report_violation(
            f"Agent '{args.name}' sets embed=True, but embedding is not allowed in this stack "
            "(policy config allowEmbed=false).",
            None,
        )


embedding_only_where_allowed = ResourceValidationPolicy(
    name="embedding-only-where-allowed",
    description="Agents may set embed=True only where the policy config sets allowEmbed.",
    validate=embedding_validator,
    config_schema=PolicyConfigSchema(
        properties={
            "allowEmbed": {
                "type": "boolean",
                "default": settings.DEFAULT_ALLOW_EMBED,
                "description": "Allow agents that can be embedded in web pages.",
            },
        },
    ),
    severity=Severity.MEDIUM,
)


# --------------------------------------------------------------------------------------------------
# agent-name-pattern, knowledge-base-name-pattern


def _check_name(args: ResourceValidationArgs, report_violation: ReportViolation, kind: str) -> None:
    name = prop(args.props, "name")
    if name is UNKNOWN or name is None:
        return
    pattern = settings.string(args.get_config(), "pattern", settings.DEFAULT_NAME_PATTERN)
    try:
        compiled = re.compile(pattern)
    except re.error as error:
        report_violation(f"policy config 'pattern' is not a valid regular expression ({error}).", None)
        return
    if not isinstance(name, str) or compiled.fullmatch(name) is None:
        report_violation(f"{kind} '{args.name}' has name {name!r}, which does not match {pattern}.", None)


def agent_name_validator(args: ResourceValidationArgs, report_violation: ReportViolation) -> None:
    if kind_of(args.resource_type) != AGENT:
        return
    _check_name(args, report_violation, "Agent")


def knowledge_base_name_validator(args: ResourceValidationArgs, report_violation: ReportViolation) -> None:
    if kind_of(args.resource_type) != KNOWLEDGE_BASE:
        return
    _check_name(args, report_violation, "Knowledge base")


agent_name_pattern = ResourceValidationPolicy(
    name="agent-name-pattern",
    description="Agent names must match the configured pattern (default: lower-case slug, 3-63 chars).",
    validate=agent_name_validator,
    config_schema=_name_pattern_schema("agent"),
    severity=Severity.LOW,
)

knowledge_base_name_pattern = ResourceValidationPolicy(
    name="knowledge-base-name-pattern",
    description="Knowledge base names must match the configured pattern (default: lower-case slug).",
    validate=knowledge_base_name_validator,
    config_schema=_name_pattern_schema("knowledge base"),
    severity=Severity.LOW,
)


POLICIES: Final[list[Policy]] = [
    agent_requires_knowledge_base_in_production,
    agent_instructions_not_empty,
    knowledge_base_max_documents,
    documents_https_in_production,
    embedding_only_where_allowed,
    agent_name_pattern,
    knowledge_base_name_pattern,
]
"""Every rule of the pack, in the order the CLI lists them."""
