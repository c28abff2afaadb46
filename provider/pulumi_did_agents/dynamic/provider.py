"""The dynamic front end's runtime: the ``pulumi.dynamic.ResourceProvider`` adapters (engine calls →
the shared core) and ``DidResource``, the behaviour of the generated ``Resource`` classes.

One module for both halves of the SDK's dynamic-provider contract: ``DidResource`` (program side)
turns args into the props the engine sends, adding the hidden input ``__urn``; the adapters
(provider process) read and keep it. The adapters live here for good: pickled state names
``pulumi_did_agents.dynamic.provider.<Class>``.

A provider instance is pickled into every resource's state (``__provider``). It therefore holds no
client and no credential: ``__getstate__`` returns an empty dict and the class is pickled by
reference (it lives in this installed package), so the blob is a short class reference with
nothing secret in it and ``serialize_as_secret_always`` can be ``False``. Credentials arrive
through ``configure()`` in the provider process.

Everything else a call needs arrives through the SDK's contract: the resource's URN (for ownership
markers and status text) as the hidden input ``__urn`` that ``DidResource`` adds, kept out of what
the core sees. Diffs are the SDK's ``DiffResult`` (changed or not, replaced keys); per-property
diffs and ``stables`` are the native provider's.

The provider process (``python -m pulumi.dynamic``): the provider keeps to the documented
dynamic-provider contract: what it needs arrives as inputs or config (the resource's URN as the
hidden input ``__urn``, see :class:`DidResource`; the stack instance's owner id as
``didagents:owner``), and it answers with the SDK's result classes and exceptions. The servicer's
module is never touched. When a provider is made in that process (never in the program's),
:func:`install` adds only what documented interfaces allow:

- one-line errors: the servicer reports a failed call as ``traceback.format_exc()``. With Python's
  ``sys.tracebacklimit = 0`` that is just the exception's last line, and :func:`for_engine` makes
  that line ``pulumi-did-agents: <message>`` (``DID_AGENTS_DEBUG=1`` keeps full tracebacks). The
  limit holds for the whole process, so other dynamic providers in the same program lose their
  tracebacks too;
- status text beside a resource ("waiting for agent … (12s)") and notices, sent to the engine's
  ``Log`` service at the address the engine passes every plugin;
- a watchdog that exits the process once the engine that started it has died, so a killed
  ``pulumi up`` stops acting on the API.
"""

from __future__ import annotations

import asyncio
import functools
import sys
import threading
from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

import pulumi
from pulumi.dynamic import (
    CheckFailure,
    CheckResult,
    ConfigureRequest,
    CreateResult,
    DiffResult,
    ReadResult,
    Resource,
    ResourceProvider,
    UpdateResult,
)
from pulumi.output import Unknown

from .._args import merge_args
from ..core.base import is_get, missing_on_get
from ..core.session import exit_with_engine
from ..core.settings import NAMESPACE, config_problems
from ..core.shapes import UNKNOWN
from ..errors import ProviderError, debug_enabled
from ..grpc_support import EngineLog, engine_address, one_line
from ..program import read_options, with_secret_outputs
from ..spec import RESOURCES, Prop, ResourceSpec

if TYPE_CHECKING:
    from ..core import ProviderSettings, ResourceCore, Session

__all__ = [
    "AgentProvider",
    "ClientKeyProvider",
    "ConversationTestProvider",
    "DidResource",
    "DocumentProvider",
    "DynamicProvider",
    "KnowledgeBaseProvider",
    "engine_urn",
]

PROVIDER_KEY = "__provider"
URN_KEY = "__urn"
"""The hidden input with the resource's URN. Keys starting with ``__`` are the engine's internal
ones: it never displays them, in diffs or elsewhere, and policy packs do not see them."""
_HIDDEN = frozenset({PROVIDER_KEY, URN_KEY})

F = TypeVar("F", bound=Callable[..., Any])


# The provider process.

_SERVER_MODULE = "pulumi.dynamic.__main__"
_engine_log: EngineLog | None = None
_installed = False


class EngineError(Exception):
    """A failed engine call as the servicer shows it: with no traceback, ``format_exc()`` prints
    ``<module>.<qualname>: <message>``, and Python leaves out the module ``builtins``."""


EngineError.__module__ = "builtins"
EngineError.__qualname__ = "pulumi-did-agents"


def for_engine(exc: Exception) -> Exception:
    """What to raise to the servicer for ``exc``: one line in this process (unless debugging), else
    ``exc`` itself. Raise it ``from None``, so that no chained exception is printed either."""
    if not _installed or debug_enabled():
        return exc
    return EngineError(one_line(exc))


def _in_server_process() -> bool:
    """Whether this process is the SDK's dynamic provider server (``python -m`` records the module
    it ran as ``__main__.__spec__``); in a program's process, providers are only declared."""
    spec = getattr(sys.modules.get("__main__"), "__spec__", None)
    return getattr(spec, "name", None) == _SERVER_MODULE


def installed() -> bool:
    return _installed


def install() -> bool:
    """Set up this ``python -m pulumi.dynamic`` process, once; False (and nothing done) elsewhere."""
    global _engine_log, _installed
    if _installed:
        return True
    if not _in_server_process():
        return False
    if not debug_enabled():
        sys.tracebacklimit = 0
    address = engine_address()
    _engine_log = EngineLog(address)
    exit_with_engine(address, "the dynamic provider")
    _installed = True
    return True


def report_status(urn: str, message: str) -> None:
    if _engine_log is not None:
        _engine_log.status(urn, message)


def report_notice(urn: str, message: str) -> None:
    if _engine_log is not None:
        _engine_log.notice(urn, message)


# The adapters.

_sessions: dict[ProviderSettings, Session] = {}
_sessions_lock = threading.Lock()


def shared_session(settings: ProviderSettings) -> Session:
    """One session per process and settings: the kinds share indexes (a new knowledge base tells
    its documents that there is nothing of theirs to look for) and one connection pool."""
    from ..core import Session

    with _sessions_lock:
        if settings not in _sessions:
            _sessions[settings] = Session(settings, progress=report_status, notices=report_notice)
        return _sessions[settings]


def to_core(value: Any) -> Any:
    """Engine values → core values (``pulumi.output.Unknown`` → ``UNKNOWN``), ``__provider`` and
    ``__urn`` dropped."""
    if isinstance(value, Unknown):
        return UNKNOWN
    if isinstance(value, Mapping):
        return {k: to_core(v) for k, v in value.items() if k not in _HIDDEN}
    if isinstance(value, list | tuple):
        return [to_core(v) for v in value]
    return value


def from_core(value: Any) -> Any:
    if value is UNKNOWN:
        return Unknown()  # type: ignore[no-untyped-call]
    if isinstance(value, Mapping):
        return {k: from_core(v) for k, v in value.items()}
    if isinstance(value, list):
        return [from_core(v) for v in value]
    return value


def _hidden(props: Mapping[str, Any]) -> dict[str, Any]:
    """The ``__urn`` among ``props``, to carry into what is returned (state keeps it)."""
    return {URN_KEY: props[URN_KEY]} if isinstance(props.get(URN_KEY), str) else {}


def engine_call(method: F) -> F:
    """An engine call: in the provider process, its errors reach the engine as one line."""

    @functools.wraps(method)
    def call(*args: Any, **kwargs: Any) -> Any:
        try:
            return method(*args, **kwargs)
        except Exception as exc:
            shown = for_engine(exc)
            if shown is exc:
                raise
            raise shown from None

    return cast(F, call)


class DynamicProvider(ResourceProvider):
    """Base of the providers: each names its resource kind; the core is loaded when it first acts,
    so a program that only declares resources never imports the HTTP client."""

    serialize_as_secret_always = False
    kind: ClassVar[str]

    def __init__(self) -> None:
        super().__init__()
        self._settings: ProviderSettings | None = None
        self._session: Session | None = None
        install()

    def __getstate__(self) -> dict[str, Any]:
        return {}  # no settings, no credentials, no client: only the class reference is stored

    def __setstate__(self, state: Mapping[str, Any]) -> None:
        DynamicProvider.__init__(self)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(configured={self._settings is not None})"

    @engine_call
    def configure(self, req: ConfigureRequest) -> None:
        """``didagents:*`` from the stack config (else ``DID_*`` environment variables)."""
        from ..core import ProviderSettings

        self._settings = ProviderSettings.resolve(req.config.get)

    def use_session(self, session: Session) -> None:
        """Run against a given session (tests inject transports and clocks this way)."""
        self._session = session

    @property
    def spec(self) -> ResourceSpec:
        return next(spec for spec in RESOURCES if spec.name == self.kind)

    @property
    def core(self) -> ResourceCore[Any]:
        from ..core import CORES, ProviderSettings

        if self._session is None:
            self._session = shared_session(self._settings or ProviderSettings.resolve())
        return CORES[self.kind](self._session)

    def _inputs(self, props: Mapping[str, Any]) -> dict[str, Any]:
        """The declared inputs among ``props``: state and engine calls mix inputs and outputs."""
        names = {p.name for p in self.spec.inputs}
        return {k: v for k, v in to_core(props).items() if k in names}

    @staticmethod
    def _urn(props: Mapping[str, Any], action: str) -> str:
        """The resource's URN, from the hidden input ``DidResource`` adds."""
        urn = props.get(URN_KEY)
        if not isinstance(urn, str) or not urn:
            raise ProviderError(
                f"cannot {action}: the resource's URN is unknown (its {URN_KEY} input is missing; declare "
                "resources with the pulumi_did_agents classes)"
            )
        return urn

    # --- engine calls ---------------------------------------------------------------------------

    @engine_call
    def check(self, _olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        outputs = {p.name for p in self.spec.outputs}
        props = {k: v for k, v in to_core(news).items() if k not in outputs or v not in (None, UNKNOWN)}
        result = self.core.check(self._inputs(_olds), props)
        # No property on the failure: the engine would print that property's whole value beside it.
        failures = [CheckFailure("", str(f)) for f in result.failures]
        return CheckResult({**from_core(result.inputs), **_hidden(news)}, failures)

    @engine_call
    def diff(self, _id: str, _olds: dict[str, Any], _news: dict[str, Any]) -> DiffResult:
        """Changed or not and the keys that replace; the engine shows the changed keys from the old
        and new inputs (the SDK sends no per-property diff)."""
        urn = (_hidden(_news) or _hidden(_olds)).get(URN_KEY)
        plan = self.core.diff(to_core(_olds), self._inputs(_news), urn=urn)
        return DiffResult(
            changes=plan.changes,
            replaces=list(plan.replaces),
            stables=list(plan.stables),
            delete_before_replace=plan.delete_before_replace if plan.replaces else None,
        )

    @engine_call
    def create(self, props: dict[str, Any]) -> CreateResult:
        inputs, core, urn = self._inputs(props), self.core, self._urn(props, "create")
        try:
            created = core.create(inputs, urn=urn)
        finally:
            core.session.finished(urn)
        return CreateResult(created.id, {**inputs, **created.outputs, **_hidden(props)})

    @engine_call
    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        """Refresh: a deleted object leaves the stack; an edited one re-baselines its inputs."""
        result = self.core.read(id_, self._inputs(props), to_core(props))
        if result is None:
            if is_get(self.spec, props):  # a get: nothing in state to drop, the id is wrong
                raise missing_on_get(self.spec, id_)
            return ReadResult("", {})
        inputs = {**result.inputs, **_hidden(props)}
        return ReadResult(result.id, {**inputs, **result.outputs}, inputs)

    @engine_call
    def update(self, _id: str, _olds: dict[str, Any], _news: dict[str, Any]) -> UpdateResult:
        inputs, core, urn = self._inputs(_news), self.core, self._urn(_news, "update")
        try:
            outputs = core.update(_id, to_core(_olds), inputs, urn=urn)
        finally:
            core.session.finished(urn)
        return UpdateResult({**inputs, **outputs, **_hidden(_news)})

    @engine_call
    def delete(self, _id: str, _props: dict[str, Any]) -> None:
        self.core.delete(_id, self._inputs(_props), to_core(_props), urn=_hidden(_props).get(URN_KEY))


class AgentProvider(DynamicProvider):
    kind = "Agent"


class KnowledgeBaseProvider(DynamicProvider):
    kind = "KnowledgeBase"


class DocumentProvider(DynamicProvider):
    kind = "Document"


class ClientKeyProvider(DynamicProvider):
    kind = "ClientKey"


class ConversationTestProvider(DynamicProvider):
    kind = "ConversationTest"


# The program side: what the generated ``Resource`` classes do.

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
        super().__init__(self._did_provider, resource_name, props, with_secret_outputs(spec, opts))

    read_options = staticmethod(read_options)
