"""The ``ResourceProvider`` gRPC service of ``pulumi-resource-didagents``: engine calls → the shared core.

Written on the generated ``ResourceProviderServicer`` rather than the SDK's experimental provider
layer, which mishandles unknowns and ``DiffConfig`` (see docs/migrating-to-native.md). Each call
decodes its property bags (``marshal``), renames camelCase ↔ snake_case (``names``), runs the core
and sends back state (inputs and outputs merged, as the dynamic front end stores it) with secrets
marked (``secrets``). Calls run concurrently on the server's thread pool; the core's session is
thread-safe.

Besides the servicer, the two things only it uses:

Configuration: the provider's own ``didagents:apiUrl``, ``didagents:apiKey`` (secret) and the
timeouts. The engine hands them over as the provider resource's inputs (for the default provider:
the stack's ``didagents:*`` config), keyed by the short name (``apiUrl``). They are resolved by the
same ``ProviderSettings.resolve`` as the dynamic front end's, with the same ``DID_*`` environment
fallbacks, so a mistake fails the preview with one line naming the key. ``apiKey`` is always sent
back secret, so the provider resource's state never holds it in clear.

Failures: every failed call is answered ``UNKNOWN: <one line>`` (tracebacks only with
``DID_AGENTS_DEBUG=1``). A create that made its object but could not see it become ready
(``IncompleteCreate``) is answered as the engine's partial failure, ``ErrorResourceInitFailed`` with
the id and properties in the gRPC status details, so the engine records the object (and its next
``up`` finishes or replaces it) instead of forgetting it.
"""

from __future__ import annotations

import collections
import functools
import json
import logging
import re
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path as PathType
from typing import TYPE_CHECKING, Any, TypeVar, cast

import grpc
from google.protobuf import any_pb2, empty_pb2, struct_pb2

from .._version import __version__
from ..core import (
    CONFIG_KEYS,
    CORES,
    UNKNOWN,
    ConfigError,
    IncompleteCreate,
    ProviderError,
    ProviderSettings,
    ResourceCore,
    Session,
)
from ..core.base import is_get, missing_on_get
from ..core.session import Notice, Progress
from ..core.settings import NAMESPACE, config_problems
from ..core.shapes import ChangeKind, DiffPlan, PropertyChange, contains_unknown, prune_none
from ..grpc_support import load, one_line
from ..spec import RESOURCES, Failure, Prop, ResourceSpec
from .marshal import Bag, Path, decode, encode, engine_path, from_core, secret_paths, to_core

if TYPE_CHECKING:
    from pulumi.runtime.proto import plugin_pb2, provider_pb2
    from pulumi.runtime.proto.provider_pb2_grpc import ResourceProviderServicer
else:
    plugin_pb2, provider_pb2 = load("plugin_pb2"), load("provider_pb2")
    ResourceProviderServicer = load("provider_pb2_grpc").ResourceProviderServicer

__all__ = ["DidAgentsProvider"]

log = logging.getLogger("pulumi_did_agents.native")

# --- configuration (``didagents:*``) --------------------------------------------------------------

SECRET_KEYS: frozenset[Path] = frozenset((key.name,) for key in CONFIG_KEYS if key.secret)


def _short(key: str) -> str:
    """``didagents:apiUrl`` or ``didagents:config:apiUrl`` (the engine's variables) → ``apiUrl``."""
    return key.rsplit(":", 1)[-1]


def settings_from(args: Mapping[str, Any], variables: Mapping[str, str] | None = None) -> ProviderSettings:
    """Settings from the provider's inputs (else the older ``variables`` map), else the environment.

    A value still unknown (a preview of a provider configured from another resource's output) counts
    as unset.
    """
    values = {_short(key): value for key, value in (variables or {}).items()}
    values.update(args)

    def get(key: str) -> Any:
        value = values.get(key.removeprefix(f"{NAMESPACE}:"))
        return None if value is None or contains_unknown(value) else value

    return ProviderSettings.resolve(get)


def check_config(news: Mapping[str, Any], *, is_secret: Callable[[str], bool] = bool) -> list[Failure]:
    """Problems of the new configuration; each names its key (e.g. ``didagents:apiUrl``).

    The engine sends secret config in clear here, so whether a value was set with ``--secret`` is
    ``is_secret(name)`` (:func:`plaintext_in_stack_file`); an unknown key fails with a did-you-mean.
    """
    failures = [Failure("", problem) for problem in config_problems(news, is_secret)]
    try:
        settings_from(news)
    except ConfigError as exc:
        failures.append(Failure("", str(exc)))
    return failures


def plaintext_in_stack_file(urn: str, project_dir: PathType | None = None) -> set[str]:
    """``didagents:`` keys stored in plain text in the stack's ``Pulumi.<stack>.yaml`` (short names).

    The engine strips the secret marks from ``CheckConfig``'s inputs, so the stack's config file,
    beside the project (the plugin's working directory), is where a committed plain-text key is seen.
    A stack whose config lives elsewhere (``--config-file``, ``stackConfigDir``) is not checked.
    """
    stack = urn.split("::", 1)[0].rpartition(":")[2] if urn.startswith("urn:pulumi:") else ""
    path = (project_dir or PathType.cwd()) / f"Pulumi.{stack}.yaml"
    if not stack or not path.is_file():
        return set()
    import yaml  # a dependency of the Pulumi SDK; only a provider check reads it

    try:
        config = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("config") or {}
    except (OSError, yaml.YAMLError, AttributeError):
        return set()
    prefix = f"{NAMESPACE}:"
    return {
        key.removeprefix(prefix)
        for key, value in config.items()
        if isinstance(key, str) and key.startswith(prefix) and not isinstance(value, dict)
    }


def diff_config(olds: Mapping[str, Any], news: Mapping[str, Any]) -> DiffPlan:
    """Changed settings update the provider in place: no setting replaces the resources it manages."""
    keys = {key.name for key in CONFIG_KEYS} & (set(olds) | set(news))
    detailed: dict[str, PropertyChange] = {}
    for key in sorted(keys):
        old, new = olds.get(key), news.get(key)
        if contains_unknown(new) or prune_none(old) != prune_none(new):
            kind: ChangeKind = "add" if old is None else "delete" if new is None else "update"
            detailed[key] = PropertyChange(kind, replace=False)
    return DiffPlan(detailed=detailed)


# --- failures -----------------------------------------------------------------------------------

R = TypeVar("R")
_DETAILS_KEY = "grpc-status-details-bin"


class PartialCreate(Exception):
    """The object exists but is not ready: report it to the engine with its id and properties."""

    def __init__(self, message: str, id_: str, properties: struct_pb2.Struct, inputs: struct_pb2.Struct):
        super().__init__(message)
        self.detail = provider_pb2.ErrorResourceInitFailed(
            id=id_, properties=properties, inputs=inputs, reasons=[message]
        )


class _Status(
    collections.namedtuple("_Status", ("code", "details", "trailing_metadata")),
    grpc.Status,  # type: ignore[misc]
):
    """What ``ServicerContext.abort_with_status`` takes (as ``grpc_status.rpc_status`` builds it)."""


def _abort_partial(context: grpc.ServicerContext, failure: PartialCreate) -> None:
    message = one_line(failure)
    detail = any_pb2.Any()
    detail.Pack(failure.detail)
    # The SDK's copy of google.rpc.Status: googleapis' google.rpc.status_pb2 declares the same message
    # in another file, and the two cannot share a process with the SDK's Construct machinery.
    rich = load("status_pb2").Status(code=grpc.StatusCode.UNKNOWN.value[0], message=message, details=[detail])
    context.abort_with_status(
        _Status(grpc.StatusCode.UNKNOWN, message, ((_DETAILS_KEY, rich.SerializeToString()),))
    )


def served(
    method: Callable[[Any, Any, grpc.ServicerContext], R],
) -> Callable[[Any, Any, grpc.ServicerContext], R]:
    """Answer any exception of an engine call as one line (a partial create with its details)."""

    @functools.wraps(method)
    def call(self: Any, request: Any, context: grpc.ServicerContext) -> R:
        try:
            return method(self, request, context)
        except PartialCreate as failure:
            _abort_partial(context, failure)
            raise  # abort_with_status raises; this line is never reached
        except Exception as exc:  # noqa: BLE001 - every failure goes to the engine, as one line
            log.debug("%s failed", method.__name__, exc_info=True)
            context.abort(grpc.StatusCode.UNKNOWN, one_line(exc))
            raise  # context.abort raises; this line is never reached

    return call


_MESSAGE = re.compile(r"^(?P<what>\w+ \w+): (?P<path>[a-z][a-z0-9_]*(?:[.\[][\w.\[\]/-]*)?): ")


def engine_message(props: Sequence[Prop], message: str) -> str:
    """The core's ``Agent create: starter_messages: …`` with the input named as the program names it."""
    match = _MESSAGE.match(message)
    if match is None:
        return message
    renamed = engine_path(props, match["path"])
    return f"{match['what']}: {renamed}: {message[match.end() :]}"


# --- the servicer -------------------------------------------------------------------------------

_DIFF_KINDS = {
    ("add", False): provider_pb2.PropertyDiff.ADD,
    ("add", True): provider_pb2.PropertyDiff.ADD_REPLACE,
    ("delete", False): provider_pb2.PropertyDiff.DELETE,
    ("delete", True): provider_pb2.PropertyDiff.DELETE_REPLACE,
    ("update", False): provider_pb2.PropertyDiff.UPDATE,
    ("update", True): provider_pb2.PropertyDiff.UPDATE_REPLACE,
}
_SOME, _NONE = provider_pb2.DiffResponse.DIFF_SOME, provider_pb2.DiffResponse.DIFF_NONE


def _diff_kind(change: PropertyChange) -> Any:
    return _DIFF_KINDS[(change.kind, change.replace)]


def diff_response_fields(plan: DiffPlan, rename: Callable[[str], str] = lambda path: path) -> dict[str, Any]:
    """``changes``, ``replaces``, ``stables``, ``deleteBeforeReplace`` and the detailed diff.

    ``rename`` maps core property paths to the front end's (snake_case or camelCase).
    """
    fields: dict[str, Any] = {
        "changes": _SOME if plan.changes else _NONE,
        "replaces": [rename(key) for key in plan.replaces],
        "stables": [rename(key) for key in plan.stables],
        "deleteBeforeReplace": plan.delete_before_replace,
        "diffs": [rename(key) for key in plan.changed_keys],
        "detailedDiff": {
            rename(path): provider_pb2.PropertyDiff(kind=_diff_kind(change), inputDiff=True)
            for path, change in plan.detailed.items()
        },
        "hasDetailedDiff": True,
    }
    return fields


_PATHS_KEPT = 1024


@dataclass(frozen=True)
class _Kind:
    """One resource type: its declarations and its core."""

    spec: ResourceSpec
    core_class: type[ResourceCore[Any]]

    @functools.cached_property
    def state_props(self) -> tuple[Prop, ...]:
        """What state holds: the inputs and the outputs (names never collide)."""
        return (*self.spec.inputs, *self.spec.outputs)

    @functools.cached_property
    def _engine_paths(self) -> dict[str, str]:
        return {}

    def engine_path(self, path: str) -> str:
        """``engine_path`` of a state path, remembered: every ``Diff`` renames the same keys (its
        ``stables`` list every unchanged input), and the engine calls ``Diff`` once per resource, one
        resource at a time, so a preview waits for each renaming."""
        renamed = self._engine_paths.get(path)
        if renamed is None:
            renamed = engine_path(self.state_props, path)
            if len(self._engine_paths) < _PATHS_KEPT:  # paths below maps or lists are the user's data
                self._engine_paths[path] = renamed
        return renamed

    def inputs_of(self, bag: Bag) -> dict[str, Any]:
        return to_core(self.spec.inputs, bag.values)[0]

    def state_of(self, bag: Bag) -> dict[str, Any]:
        return to_core(self.state_props, bag.values)[0]

    def encode_state(self, state: Mapping[str, Any], *received: set[Path]) -> struct_pb2.Struct:
        values = from_core(self.state_props, state)
        return encode(values, secret_paths(self.state_props, values, *received))

    def encode_inputs(self, inputs: Mapping[str, Any], *received: set[Path]) -> struct_pb2.Struct:
        values = from_core(self.spec.inputs, inputs)
        return encode(values, secret_paths(self.spec.inputs, values, *received))

    def failure(self, failure: Failure) -> provider_pb2.CheckFailure:
        # No ``property``: the engine would print that property's whole value beside the reason.
        where = f"{engine_path(self.state_props, failure.path)}: " if failure.path else ""
        return provider_pb2.CheckFailure(property="", reason=f"{where}{failure.reason}")


_KINDS = {spec.token: _Kind(spec, CORES[spec.name]) for spec in RESOURCES if spec.name in CORES}
"""Every declared resource the core implements."""


def _kind(type_token: str, urn: str) -> _Kind:
    """The resource type of a call (``type`` from newer engines, else the URN's type segment)."""
    token = type_token
    if not token and urn.count("::") >= 3:
        token = urn.split("::", 3)[2].rsplit("$", 1)[-1]  # urn:pulumi:stack::project::parent$type::name
    kind = _KINDS.get(token)
    if kind is None:
        raise ProviderError(f"unknown resource type {token!r} (this provider serves {', '.join(_KINDS)})")
    return kind


@contextmanager
def _in_engine_names(kind: _Kind) -> Iterator[None]:
    """The core's errors name inputs in snake_case; the program names them as schema.json does."""
    try:
        yield
    except IncompleteCreate:
        raise
    except ProviderError as exc:
        raise ProviderError(engine_message(kind.state_props, str(exc))) from None


@functools.cache
def _schema() -> str:
    from ..codegen import build_schema  # imports the SDK (for codegen), which serving never needs

    return json.dumps(build_schema(), ensure_ascii=False)


class DidAgentsProvider(ResourceProviderServicer):  # type: ignore[misc]
    """One provider instance (one process per provider resource of the stack)."""

    def __init__(
        self, progress: Progress | None = None, notices: Notice | None = None, engine: str | None = None
    ) -> None:
        self._engine = engine
        """The engine's address, for the SDK's machinery of ``Construct``."""
        self._progress = progress
        self._notices = notices
        self._ready: Session | None = None
        """A session whose credential check started at ``CheckConfig``, for ``Configure`` to take."""
        self._lock = threading.Lock()
        self._session: Session | None = None
        self._warmed = False

    # --- provider configuration -----------------------------------------------------------------

    def _use(self, settings: ProviderSettings) -> None:
        with self._lock:
            ready, self._ready = self._ready, None
            session = (
                ready if ready is not None and ready.settings == settings else self._new_session(settings)
            )
            previous, self._session = self._session, session
            self._warmed = False
        if previous is not None:
            previous.close()

    def _new_session(self, settings: ProviderSettings) -> Session:
        return Session(settings, progress=self._progress, notices=self._notices)

    def _prepare(self, settings: ProviderSettings) -> None:
        """A preview or an update checks the provider's configuration first (a refresh or a destroy
        does not): start its credential check now, in the background, so that the first resource's
        check finds it done instead of waiting for the round trip (and the client's import)."""
        session = self._new_session(settings)
        with self._lock:
            self._ready = session
        threading.Thread(
            target=session.credentials_failure, name="didagents-credentials", daemon=True
        ).start()

    def session(self) -> Session:
        """The configured session; before ``Configure``, settings from the environment."""
        with self._lock:
            if self._session is None:
                self._session = self._new_session(ProviderSettings.resolve())
            return self._session

    @served
    def GetPluginInfo(self, request: empty_pb2.Empty, context: grpc.ServicerContext) -> plugin_pb2.PluginInfo:
        return plugin_pb2.PluginInfo(version=__version__)

    @served
    def GetSchema(
        self, request: provider_pb2.GetSchemaRequest, context: grpc.ServicerContext
    ) -> provider_pb2.GetSchemaResponse:
        return provider_pb2.GetSchemaResponse(schema=_schema())

    @served
    def CheckConfig(
        self, request: provider_pb2.CheckRequest, context: grpc.ServicerContext
    ) -> provider_pb2.CheckResponse:
        news = decode(request.news)
        plain = plaintext_in_stack_file(request.urn)
        failures = [
            provider_pb2.CheckFailure(property="", reason=f.reason)
            for f in check_config(news.values, is_secret=lambda name: name not in plain)
        ]
        if not failures:
            self._prepare(settings_from(news.values))
        return provider_pb2.CheckResponse(
            inputs=encode(news.values, news.secrets | SECRET_KEYS), failures=failures
        )

    @served
    def DiffConfig(
        self, request: provider_pb2.DiffRequest, context: grpc.ServicerContext
    ) -> provider_pb2.DiffResponse:
        olds = decode(request.old_inputs if request.HasField("old_inputs") else request.olds)
        plan = diff_config(olds.values, decode(request.news).values)
        return provider_pb2.DiffResponse(**diff_response_fields(plan))

    @served
    def Configure(
        self, request: provider_pb2.ConfigureRequest, context: grpc.ServicerContext
    ) -> provider_pb2.ConfigureResponse:
        self._use(settings_from(decode(request.args).values, dict(request.variables)))
        # supportsPreview: previews of creates and updates come here, so outputs an update cannot change
        # stay known and dependents do not preview as replacements that would not happen.
        return provider_pb2.ConfigureResponse(
            acceptSecrets=True, supportsPreview=True, acceptResources=False, acceptOutputs=False
        )

    # --- resources --------------------------------------------------------------------------------

    def _core(self, kind: _Kind) -> ResourceCore[Any]:
        return kind.core_class(self.session())

    @contextmanager
    def _finishing(self, urn: str) -> Iterator[None]:
        """A finished create or update keeps no stale status text ("waiting for …") on its line."""
        try:
            yield
        finally:
            self.session().finished(urn)

    def _warm(self) -> None:
        """At a deployment's first create, start every kind's ownership listing at once, so the first
        create of a later kind (agents after knowledge bases) finds it loaded. Previews create nothing,
        so they still make no call."""
        with self._lock:
            if self._warmed:
                return
            self._warmed = True
        session = self.session()
        for kind in _KINDS.values():
            kind.core_class(session).warm()

    @served
    def Check(
        self, request: provider_pb2.CheckRequest, context: grpc.ServicerContext
    ) -> provider_pb2.CheckResponse:
        kind = _kind(request.type, request.urn)
        news, olds = decode(request.news), decode(request.olds)
        new_inputs, unknown_keys = to_core(kind.spec.inputs, news.values)
        with _in_engine_names(kind):
            result = self._core(kind).check(kind.inputs_of(olds), new_inputs)
        failures = [provider_pb2.CheckFailure(property="", reason=str(f)) for f in unknown_keys]
        failures += [kind.failure(f) for f in result.failures]
        return provider_pb2.CheckResponse(
            inputs=kind.encode_inputs(result.inputs, news.secrets), failures=failures
        )

    @served
    def Diff(
        self, request: provider_pb2.DiffRequest, context: grpc.ServicerContext
    ) -> provider_pb2.DiffResponse:
        kind = _kind(request.type, request.urn)
        state = kind.state_of(decode(request.olds))  # outputs too: the marker the object carries
        olds = decode(request.old_inputs) if request.HasField("old_inputs") else None
        old_inputs = {**state, **kind.state_of(olds)} if olds is not None else state
        plan = self._core(kind).diff(old_inputs, kind.inputs_of(decode(request.news)), urn=request.urn)
        return provider_pb2.DiffResponse(**diff_response_fields(plan, kind.engine_path))

    @served
    def Create(
        self, request: provider_pb2.CreateRequest, context: grpc.ServicerContext
    ) -> provider_pb2.CreateResponse:
        kind = _kind(request.type, request.urn)
        props = decode(request.properties)
        inputs = kind.inputs_of(props)
        if request.preview:
            outputs = dict.fromkeys((p.name for p in kind.spec.outputs), UNKNOWN)
            return provider_pb2.CreateResponse(
                properties=kind.encode_state({**inputs, **outputs}, props.secrets)
            )
        self._warm()
        try:
            with _in_engine_names(kind), self._finishing(request.urn):
                created = self._core(kind).create(inputs, urn=request.urn)
        except IncompleteCreate as exc:
            made = exc.created
            raise PartialCreate(
                engine_message(kind.state_props, str(exc)),
                made.id,
                kind.encode_state({**inputs, **made.outputs}, props.secrets),
                kind.encode_inputs(inputs, props.secrets),
            ) from None
        state = kind.encode_state({**inputs, **created.outputs}, props.secrets)
        return provider_pb2.CreateResponse(id=created.id, properties=state)

    @served
    def Read(
        self, request: provider_pb2.ReadRequest, context: grpc.ServicerContext
    ) -> provider_pb2.ReadResponse:
        """Refresh, or import when the engine knows nothing but the id (inputs rebuilt from the object)."""
        kind = _kind(request.type, request.urn)
        props, ins = decode(request.properties), decode(request.inputs)
        with _in_engine_names(kind):
            result = self._core(kind).read(request.id, kind.inputs_of(ins), kind.state_of(props))
        if result is None:
            if is_get(kind.spec, kind.state_of(props)):  # a get or an import: nothing to drop
                raise missing_on_get(kind.spec, request.id)
            return provider_pb2.ReadResponse(id="")
        received = props.secrets | ins.secrets
        return provider_pb2.ReadResponse(
            id=result.id,
            properties=kind.encode_state({**result.inputs, **result.outputs}, received),
            inputs=kind.encode_inputs(result.inputs, received),
        )

    @served
    def Update(
        self, request: provider_pb2.UpdateRequest, context: grpc.ServicerContext
    ) -> provider_pb2.UpdateResponse:
        kind = _kind(request.type, request.urn)
        news = decode(request.news)
        inputs, olds = kind.inputs_of(news), kind.state_of(decode(request.olds))
        if request.preview:  # outputs an update cannot change stay known; the others are computed later
            outputs = {
                p.name: olds.get(p.name, UNKNOWN) if p.name in kind.spec.stable_outputs else UNKNOWN
                for p in kind.spec.outputs
            }
        else:
            with _in_engine_names(kind), self._finishing(request.urn):
                outputs = self._core(kind).update(request.id, olds, inputs, urn=request.urn)
        return provider_pb2.UpdateResponse(properties=kind.encode_state({**inputs, **outputs}, news.secrets))

    @served
    def Delete(self, request: provider_pb2.DeleteRequest, context: grpc.ServicerContext) -> empty_pb2.Empty:
        kind = _kind(request.type, request.urn)
        state = kind.state_of(decode(request.properties))
        inputs = {p.name: state[p.name] for p in kind.spec.inputs if p.name in state}
        with _in_engine_names(kind):
            self._core(kind).delete(request.id, inputs, state, urn=request.urn)
        return empty_pb2.Empty()

    @served
    def Construct(
        self, request: provider_pb2.ConstructRequest, context: grpc.ServicerContext
    ) -> provider_pb2.ConstructResponse:
        """A component (``KnowledgeFolder``): its children are registered through the engine, and the
        engine sends them back here as ordinary resources."""
        from ._resource import construct  # the Pulumi SDK: loaded by the first component only

        return cast("provider_pb2.ConstructResponse", construct(request, context, self._engine))

    def Cancel(self, request: empty_pb2.Empty, context: grpc.ServicerContext) -> empty_pb2.Empty:
        """The engine is stopping (Ctrl-C): calls waiting to retry, or for readiness, stop now."""
        with self._lock:
            session = self._session
        if session is not None:
            session.cancel()
        return empty_pb2.Empty()
