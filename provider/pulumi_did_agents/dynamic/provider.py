"""The ``pulumi.dynamic.ResourceProvider`` adapters: engine calls → the shared core.

A provider instance is pickled into every resource's state (``__provider``). It therefore holds no
client and no credential: ``__getstate__`` returns an empty dict and the class is pickled by
reference (it lives in this installed package), so the blob is a short class reference with
nothing secret in it and ``serialize_as_secret_always`` can be ``False``. Credentials arrive
through ``configure()`` in the provider process.

Everything else a call needs arrives through the SDK's contract: the resource's URN (for ownership
markers and status text) as the hidden input ``__urn`` that ``DidResource`` adds, kept out of what
the core sees. Diffs are the SDK's ``DiffResult`` (changed or not, replaced keys); per-property
diffs and ``stables`` are the native provider's.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from pulumi.dynamic import (
    CheckFailure,
    CheckResult,
    ConfigureRequest,
    CreateResult,
    DiffResult,
    ReadResult,
    ResourceProvider,
    UpdateResult,
)
from pulumi.output import Unknown

from ..core.base import is_get, missing_on_get
from ..core.shapes import UNKNOWN
from ..errors import ProviderError
from ..spec import RESOURCES, ResourceSpec
from . import host

if TYPE_CHECKING:
    from ..core import ProviderSettings, ResourceCore, Session

__all__ = [
    "AgentProvider",
    "ClientKeyProvider",
    "ConversationTestProvider",
    "DocumentProvider",
    "DynamicProvider",
    "KnowledgeBaseProvider",
]

PROVIDER_KEY = "__provider"
URN_KEY = "__urn"
"""The hidden input with the resource's URN. Keys starting with ``__`` are the engine's internal
ones: it never displays them, in diffs or elsewhere, and policy packs do not see them."""
_HIDDEN = frozenset({PROVIDER_KEY, URN_KEY})

F = TypeVar("F", bound=Callable[..., Any])

_sessions: dict[ProviderSettings, Session] = {}
_sessions_lock = threading.Lock()


def shared_session(settings: ProviderSettings) -> Session:
    """One session per process and settings: the kinds share indexes (a new knowledge base tells
    its documents that there is nothing of theirs to look for) and one connection pool."""
    from ..core import Session

    with _sessions_lock:
        if settings not in _sessions:
            _sessions[settings] = Session(settings, progress=host.report_status, notices=host.report_notice)
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
            shown = host.for_engine(exc)
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
        host.install()

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
        self.core.delete(_id, self._inputs(_props), to_core(_props))


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
