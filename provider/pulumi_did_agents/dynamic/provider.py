"""The ``pulumi.dynamic.ResourceProvider`` adapters: engine calls → the shared core.

A provider instance is pickled into every resource's state (``__provider``). It therefore holds no
client and no credential: ``__getstate__`` returns an empty dict and the class is pickled by
reference (it lives in this installed package), so the blob is a short class reference with
nothing secret in it and ``serialize_as_secret_always`` can be ``False``. Credentials arrive
through ``configure()`` in the provider process.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar

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

from ..core.diff import DiffPlan
from ..core.reads import is_get, missing_on_get
from ..core.values import UNKNOWN
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
    "PlannedDiff",
]

PROVIDER_KEY = "__provider"

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
    """Engine values → core values (``pulumi.output.Unknown`` → ``UNKNOWN``), ``__provider`` dropped."""
    if isinstance(value, Unknown):
        return UNKNOWN
    if isinstance(value, Mapping):
        return {k: to_core(v) for k, v in value.items() if k != PROVIDER_KEY}
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


class PlannedDiff(DiffResult):
    """A ``DiffResult`` that also carries the core's plan, which the host sends as a detailed diff."""

    def __init__(self, plan: DiffPlan) -> None:
        super().__init__(
            changes=plan.changes,
            replaces=plan.replaces,
            stables=list(plan.stables),
            delete_before_replace=plan.delete_before_replace if plan.replaces else None,
        )
        self.plan = plan


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
    def core(self) -> ResourceCore:
        from ..core import CORES, ProviderSettings

        if self._session is None:
            self._session = shared_session(self._settings or ProviderSettings.resolve())
        return CORES[self.kind](self._session)

    def _inputs(self, props: Mapping[str, Any]) -> dict[str, Any]:
        """The declared inputs among ``props``: state and engine calls mix inputs and outputs."""
        names = {p.name for p in self.spec.inputs}
        return {k: v for k, v in to_core(props).items() if k in names}

    @staticmethod
    def _urn(action: str) -> str:
        urn = host.current_urn()
        if not urn:
            raise ProviderError(
                f"cannot {action}: the resource's URN is unknown (pulumi-did-agents could not extend this "
                "pulumi SDK's dynamic provider host; use the pinned pulumi version or the native provider)"
            )
        return urn

    # --- engine calls ---------------------------------------------------------------------------

    def check(self, _olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        outputs = {p.name for p in self.spec.outputs}
        props = {k: v for k, v in to_core(news).items() if k not in outputs or v not in (None, UNKNOWN)}
        result = self.core.check(self._inputs(_olds), props)
        # No property on the failure: the engine would print that property's whole value beside it.
        failures = [CheckFailure("", str(f)) for f in result.failures]
        return CheckResult(from_core(result.inputs), failures)

    def diff(self, _id: str, _olds: dict[str, Any], _news: dict[str, Any]) -> DiffResult:
        plan = self.core.diff(to_core(_olds), self._inputs(_news), urn=host.current_urn())
        host.plan_for_response(plan)
        return PlannedDiff(plan)

    def create(self, props: dict[str, Any]) -> CreateResult:
        inputs, core, urn = self._inputs(props), self.core, self._urn("create")
        try:
            created = core.create(inputs, urn=urn)
        finally:
            core.session.finished(urn)
        return CreateResult(created.id, {**inputs, **created.outputs})

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        """Refresh: a deleted object leaves the stack; an edited one re-baselines its inputs."""
        result = self.core.read(id_, self._inputs(props), to_core(props))
        if result is None:
            if is_get(self.spec, props):  # a get: nothing in state to drop, the id is wrong
                raise missing_on_get(self.spec, id_)
            return ReadResult("", {})
        return ReadResult(result.id, {**result.inputs, **result.outputs}, result.inputs)

    def update(self, _id: str, _olds: dict[str, Any], _news: dict[str, Any]) -> UpdateResult:
        inputs, core, urn = self._inputs(_news), self.core, self._urn("update")
        try:
            outputs = core.update(_id, to_core(_olds), inputs, urn=urn)
        finally:
            core.session.finished(urn)
        return UpdateResult({**inputs, **outputs})

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
