"""The CRUD contract every resource kind implements, and the behaviour they share.

Front ends (``dynamic/`` and ``native/``) translate the engine's calls into these methods on plain
dicts of snake_case inputs and outputs, so the rules live once: validation at preview, explicit
diffs, crash-safe creates, 404 on read meaning "gone", 404 on delete meaning "done".

Reads that are not refreshes are told apart here too. A refresh reads an object recorded in state:
when it is gone, the read answers "nothing" and the engine drops it from the stack. A ``get``
(``Agent.get("ro", "agt_…")``) has nothing in state: the engine sends the resource's own (empty)
properties, no outputs, and an empty answer would let a typo pass preview and ``up``;
:func:`is_get` and :func:`missing_on_get` tell the two apart and word the one-line failure.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Protocol, TypeVar

from ..client import (
    APIConnectionError,
    APIStatusError,
    ConfigurationError,
    DidAgentsError,
    NotFoundError,
    ResourceFailedError,
)
from ..errors import ProviderError
from ..spec import OWNER_MARKER, Failure, Prop, ResourceSpec
from .markers import marker_for, marker_in_text, owner_of, strip_text, with_text_marker
from .session import MarkerIndex, Session
from .settings import OWNER_MISSING
from .shapes import DiffPlan, PropertyChange, from_wire, normalize, plan_diff, to_wire, validate

if TYPE_CHECKING:
    from ..client import Agent, Client, KnowledgeBase

__all__ = [
    "CheckResult",
    "Created",
    "Group",
    "IncompleteCreate",
    "MissingOnGetError",
    "ReadResult",
    "Reference",
    "ResourceCore",
    "TextMarkedCore",
    "gone_is_done",
    "is_get",
    "missing_on_get",
    "or_none",
]

log = logging.getLogger("pulumi_did_agents.core")

T = TypeVar("T")
In = TypeVar("In", bound=Mapping[str, Any])
"""A kind's checked inputs (``AgentInputs`` …, generated from its declaration)."""


@dataclass
class CheckResult:
    inputs: dict[str, Any]
    failures: list[Failure] = field(default_factory=list)


@dataclass
class Created:
    id: str
    outputs: dict[str, Any]


@dataclass
class ReadResult:
    id: str
    inputs: dict[str, Any]
    outputs: dict[str, Any]


class IncompleteCreate(ProviderError):
    """The object exists but is not ready (the wait timed out or the API became unreachable).

    It is left in place: a native front end records it with the error (the next ``up`` finishes
    it); otherwise the next ``up`` finds it by its ownership marker and adopts it.
    """

    def __init__(self, message: str, *, created: Created) -> None:
        super().__init__(message)
        self.created = created


@dataclass(frozen=True)
class Reference:
    """A literal id among the inputs that the API must know, checked at preview with one GET."""

    path: str
    exists: Callable[[Client, str], bool]
    what: str


class ResourceCore(Generic[In]):
    """Base of the per-kind cores. Subclasses set ``spec`` and implement the five API operations on
    their typed inputs (``In``); the front ends hand over the dicts that :meth:`check` returned."""

    spec: ClassVar[ResourceSpec]

    def __init__(self, session: Session) -> None:
        self.session = session

    # --- check --------------------------------------------------------------------------------

    def defaults(self, inputs: dict[str, Any]) -> dict[str, Any]:
        """Kind-specific defaults, before validation; must tolerate any value (and unknowns)."""
        return inputs

    def prepare(self, inputs: dict[str, Any], failures: list[Failure]) -> dict[str, Any]:
        """Kind-specific derivation on valid inputs (content hashes); may add failures."""
        return inputs

    def references(self) -> tuple[Reference, ...]:
        return ()

    def check(self, olds: Mapping[str, Any], news: Mapping[str, Any]) -> CheckResult:
        """Validate and normalise new inputs; literal ids that changed are checked with the API."""
        spec = self.spec
        if self.session.settings.owner is None:
            return CheckResult(dict(news), [Failure("", OWNER_MISSING)])
        if (problem := self.session.credentials_failure()) is not None:
            return CheckResult(dict(news), [Failure("", problem)])
        inputs = self.defaults(normalize(spec.inputs, news))
        failures = validate(spec.inputs, spec.rules, inputs)
        if failures:
            return CheckResult(inputs, failures)
        inputs = self.prepare(inputs, failures)
        if not failures:
            failures += self._check_references(olds, inputs)
        return CheckResult(inputs, failures)

    def _check_references(self, olds: Mapping[str, Any], inputs: Mapping[str, Any]) -> list[Failure]:
        pending = [
            ref
            for ref in self.references()
            if isinstance(value := inputs.get(ref.path), str)
            and value != olds.get(ref.path)
            and not self.session.made_here(value)
        ]
        if not pending or self.session.settings.api_key is None or self.session.settings.offline:
            return []
        failures: list[Failure] = []
        with self.session.client() as client:
            for ref in pending:
                value = inputs[ref.path]
                try:
                    if not ref.exists(client, value):
                        failures.append(Failure(ref.path, f"{ref.what} {value} does not exist"))
                except (ConfigurationError, APIConnectionError, APIStatusError) as exc:
                    log.debug("could not check %s %s at preview: %s", ref.what, value, exc)
        return failures

    # --- diff ---------------------------------------------------------------------------------

    def diff(
        self, old_inputs: Mapping[str, Any], new_inputs: Mapping[str, Any], *, urn: str | None = None
    ) -> DiffPlan:
        """The planned change; with the resource's ``urn`` and ``old_inputs`` holding its state, an
        object marked by another stack instance plans an update of ``owner_marker`` (re-marking)."""
        plan = plan_diff(self.spec, self.known_inputs(old_inputs), self.known_inputs(new_inputs))
        if urn is not None and self.remark(old_inputs, urn):
            detailed = {**plan.detailed, OWNER_MARKER: PropertyChange("update", replace=False)}
            stables = tuple(name for name in plan.stables if name != OWNER_MARKER)
            plan = DiffPlan(detailed, stables, plan.delete_before_replace)
        return plan

    def remark(self, state: Mapping[str, Any], urn: str) -> bool:
        """Whether the object must be re-marked as this stack instance's (kinds that can)."""
        return False

    def known_inputs(self, props: Mapping[str, Any]) -> dict[str, Any]:
        """The declared inputs among ``props`` (state mixes inputs and outputs), with defaults."""
        names = {p.name for p in self.spec.inputs}
        return self.defaults(normalize(self.spec.inputs, {k: v for k, v in props.items() if k in names}))

    # --- CRUD (subclasses) ----------------------------------------------------------------------

    def warm(self) -> None:
        """Start loading, in the background, what this kind's creates look up (none by default)."""

    def create(self, inputs: In, *, urn: str) -> Created:
        raise NotImplementedError

    def read(self, id_: str, inputs: In, outputs: Mapping[str, Any]) -> ReadResult | None:
        raise NotImplementedError

    def update(self, id_: str, old_inputs: Mapping[str, Any], new_inputs: In, *, urn: str) -> dict[str, Any]:
        raise NotImplementedError

    def delete(self, id_: str, inputs: In, outputs: Mapping[str, Any], *, urn: str | None = None) -> None:
        raise NotImplementedError

    # --- shared behaviour ---------------------------------------------------------------------

    @contextmanager
    def api(self, action: str, urn: str | None = None) -> Iterator[Client]:
        """A client; any API error leaving the block is reworded as one line for the user. With
        ``urn``, the client's retries are shown beside that resource while they wait."""
        try:
            with self.session.client(urn) as client:
                yield client
        except ProviderError:
            raise
        except DidAgentsError as exc:
            raise explain(self.spec, action, exc) from None

    def marker(self, urn: str) -> str:
        """This resource's ownership marker: the stack instance's owner id and the URN's digest."""
        return marker_for(self.session.settings.require_owner(), urn)

    def index(
        self,
        scope: tuple[str, ...],
        load: Callable[[Client], Iterable[T]],
        marker_of: Callable[[T], str | None],
        id_of: Callable[[T], str],
    ) -> MarkerIndex[T]:
        """The ownership index of ``scope``; each (re)load lists with a client of its own."""

        def fetch() -> Iterable[T]:
            with self.session.client() as client:
                return list(load(client))

        return self.session.index(scope, lambda empty: MarkerIndex(fetch, marker_of, id_of, empty=empty))

    def find_or_create(
        self,
        client: Client,
        *,
        index: MarkerIndex[T],
        urn: str,
        post: Callable[[], T],
        confirm: Callable[[T], T | None],
        discard: Callable[[T], None],
    ) -> tuple[T, bool]:
        """Return our earlier attempt at this object if the API has one, else create it once.

        ``confirm`` re-reads a candidate (``None`` when it is gone); extra candidates with the same
        marker are duplicates from earlier interrupted runs and are discarded. An ambiguous POST
        failure (5xx, a connection lost after sending) is resolved by looking again, never by
        blindly posting twice. Adopting says so, beside the resource: only this stack instance's
        own marker matches, so what is adopted was made by an earlier, interrupted run of it.
        Returns ``(object, found)``.
        """
        marker = self.marker(urn)
        found = self._adopt_candidate(index, marker, confirm, discard)
        if found is not None:
            self._announce(urn, index, found, "left by an interrupted run of this stack")
            return found, True
        deadline = client.clock() + self.session.settings.retry_timeout
        attempt = 0
        while True:
            self.session.ensure_engine_alive(f"creating this {self.spec.name}")
            try:
                return post(), False
            except (APIStatusError, APIConnectionError) as exc:
                if not _ambiguous(exc):
                    raise
                log.info("%s create failed ambiguously (%s); looking for what it made", self.spec.name, exc)
                index.reload()
                found = self._adopt_candidate(index, marker, confirm, discard)
                if found is not None:
                    self._announce(urn, index, found, "made by this create before its answer was lost")
                    return found, True
                from ..client import backoff_delay

                delay = backoff_delay(attempt)
                if client.clock() + delay > deadline:
                    raise
                client.sleep(delay)
                attempt += 1

    def _announce(self, urn: str, index: MarkerIndex[T], found: T, origin: str) -> None:
        message = f"adopted {self.spec.name} {index.id_of(found)} {origin}"
        log.debug("%s (%s)", message, urn)  # the notice is the user's line; a warning would repeat it
        self.session.notice(urn, message)

    def _adopt_candidate(
        self,
        index: MarkerIndex[T],
        marker: str,
        confirm: Callable[[T], T | None],
        discard: Callable[[T], None],
    ) -> T | None:
        chosen: T | None = None
        for candidate in index.candidates(marker):
            live = confirm(candidate)
            if live is None:
                continue
            if chosen is None:
                chosen = live
            else:
                log.warning("deleting a duplicate %s from an interrupted run", self.spec.name)
                discard(live)
        return chosen

    def wait_or_leave(self, wait: Callable[[], T], *, created: Created, remove: Callable[[], None]) -> T:
        """Wait until the new object is ready.

        A definite failure (``error``/``rejected``) removes it: it can never become usable. Anything
        else (timeout, API unreachable) leaves it in place for the next run to adopt, because it
        may well be fine: deleting an object that was in fact ready is worse than waiting.
        """
        try:
            return wait()
        except ResourceFailedError as exc:
            try:
                remove()
                fate = "it was deleted"
            except NotFoundError:
                fate = "it was already gone"
            except DidAgentsError as cleanup:
                fate = f"it could not be deleted ({cleanup}); `did-agents orphans --delete` removes it"
            raise ProviderError(
                f"{self.spec.name} create: {created.id} failed: {exc.reason}; {fate}"
            ) from None
        except DidAgentsError as exc:
            raise IncompleteCreate(
                f"{self.spec.name} create: {created.id} is not ready ({exc}); it is left in place and "
                "the next `pulumi up` adopts it",
                created=created,
            ) from None


# --- kinds whose ownership marker rides in a text field the API stores (agents, knowledge bases) ---

Obj = TypeVar("Obj", bound="Agent | KnowledgeBase")


class Group(Protocol[Obj]):
    """A kind's client namespace (``client.agents``, ``client.knowledge``)."""

    def get(self, id_: str, /) -> Obj: ...
    def list(self) -> list[Obj]: ...
    def create(self, body: Mapping[str, Any], /) -> Obj: ...
    def update(self, id_: str, body: Mapping[str, Any], /) -> Obj: ...
    def delete(self, id_: str, /) -> None: ...


class TextMarkedCore(ResourceCore[In], Generic[Obj, In]):
    """What agents and knowledge bases share: flat CRUD under one client group, and the ownership
    marker appended to the declared ``description`` where the API stores it. Subclasses set
    ``marker_field`` (that API field), ``scope`` (of the ownership index) and ``group``."""

    marker_field: ClassVar[str]
    scope: ClassVar[tuple[str, ...]]

    def group(self, client: Client) -> Group[Obj]:
        raise NotImplementedError

    # --- wire ---------------------------------------------------------------------------------

    def _body(self, inputs: In, urn: str) -> dict[str, Any]:
        body = to_wire(self.spec.inputs, inputs)
        body[self.marker_field] = with_text_marker(inputs.get("description"), self.marker(urn))
        return body

    def _outputs(self, obj: Obj) -> dict[str, Any]:
        outputs = from_wire(self.spec.outputs, obj.model_dump(mode="json", exclude_none=True))
        marker = marker_in_text(getattr(obj, self.marker_field))
        if marker is not None:
            outputs[OWNER_MARKER] = marker
        return outputs

    def remark(self, state: Mapping[str, Any], urn: str) -> bool:
        """The object carries another stack instance's marker (moved here with ``pulumi state
        move``) or one without an owner id (a version before them): the next update rewrites it.

        Only the owner id counts: a rename or a migration changes the URN but not who owns the
        object, and an unmarked object (imported, adopted) stays as its owner left it."""
        marker, owner = state.get(OWNER_MARKER), self.session.settings.owner
        return isinstance(marker, str) and owner is not None and owner_of(marker) != owner

    def _live_inputs(self, obj: Obj, prior: Mapping[str, Any]) -> dict[str, Any]:
        live = obj.model_dump(mode="json", exclude_none=True)
        live[self.marker_field] = strip_text(live.get(self.marker_field))
        return normalize(self.spec.inputs, from_wire(self.spec.inputs, live, prior))

    def warm(self) -> None:
        self._index().prefetch()

    def _index(self) -> MarkerIndex[Obj]:
        return self.index(
            self.scope,
            lambda client: self.group(client).list(),
            lambda obj: marker_in_text(getattr(obj, self.marker_field)),
            lambda obj: obj.id,
        )

    # --- CRUD ---------------------------------------------------------------------------------

    def _find_or_create(self, client: Client, body: dict[str, Any], inputs: In, urn: str) -> tuple[Obj, bool]:
        """:meth:`find_or_create`; an earlier attempt found at other inputs is updated to ``body``."""
        group = self.group(client)
        obj, found = self.find_or_create(
            client,
            index=self._index(),
            urn=urn,
            post=lambda: group.create(body),
            confirm=lambda candidate: or_none(lambda: group.get(candidate.id)),
            discard=lambda duplicate: group.delete(duplicate.id),
        )
        if found and self._live_inputs(obj, inputs) != normalize(self.spec.inputs, inputs):
            obj = group.update(obj.id, body)
        return obj, found

    def read(self, id_: str, inputs: In, outputs: Mapping[str, Any]) -> ReadResult | None:
        with self.api("read") as client:
            obj = or_none(lambda: self.group(client).get(id_))
        if obj is None:
            return None
        return ReadResult(obj.id, self._live_inputs(obj, inputs), self._outputs(obj))

    def delete(self, id_: str, inputs: In, outputs: Mapping[str, Any], *, urn: str | None = None) -> None:
        with self.api("delete") as client:
            gone_is_done(lambda: self.group(client).delete(id_))
        self.session.forget(self.scope, id_)


def or_none(read: Callable[[], T]) -> T | None:
    """The rule for reads: a 404 means the object is gone (refresh drops it, a create makes it)."""
    try:
        return read()
    except NotFoundError:
        return None


def gone_is_done(delete: Callable[[], object]) -> None:
    """The rule for deletes: a 404 means it is already gone (by hand, or an earlier attempt)."""
    try:
        delete()
    except NotFoundError:
        pass


def _ambiguous(exc: APIStatusError | APIConnectionError) -> bool:
    """Failures after which the POST may or may not have been carried out."""
    if isinstance(exc, APIConnectionError):
        return exc.reached_server
    return exc.status_code >= 500 or exc.status_code == 408


# Reads that are not refreshes: a ``get`` of an id that is not there (see the module docstring).


class MissingOnGetError(ProviderError):
    """``<Kind>.get`` of an id the account does not have."""


def is_get(spec: ResourceSpec, props: Mapping[str, Any]) -> bool:
    """Whether a read's ``props`` come from a ``get`` (or an import), not from state.

    State always holds the outputs of a create (at least the first, the object's id field); the
    props of a ``get`` are the resource's own registration, with no output set.
    """
    return all(props.get(prop.name) in (None, "") for prop in spec.outputs)


def missing_on_get(spec: ResourceSpec, id_: str) -> MissingOnGetError:
    """The one-line failure of ``<Kind>.get`` when the API answers 404 (missing or another account's)."""
    what = re.sub(r"(?<!^)(?=[A-Z])", " ", spec.name).lower()  # KnowledgeBase → knowledge base
    return MissingOnGetError(
        f"{spec.name}.get: {what} {id_} does not exist in this account (the API answers 404 for an id "
        "that is not there and for another account's)"
    )


# --- errors as the user sees them: one line naming the kind, the field and the API's answer ----


def _wire_to_input(props: tuple[Prop, ...], prefix: str = "", wire_prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for prop in props:
        if prop.api_name is None:
            continue
        wire = f"{wire_prefix}{prop.api_name}"
        name = f"{prefix}{prop.name}"
        out[wire] = name
        if prop.shape is not None:
            out.update(_wire_to_input(prop.shape.props, f"{name}.", f"{wire}."))
    return out


def _wire_field(spec: ResourceSpec, description: str) -> str | None:
    """The input a ``"<wire field>: …"`` description is about, in the user's words."""
    head, sep, _ = description.partition(":")
    if not sep or " " in head.strip():
        return None
    return _wire_to_input(spec.inputs).get(head.strip(), head.strip())


def explain(spec: ResourceSpec, action: str, exc: DidAgentsError) -> ProviderError:
    """``exc`` reworded as one line: ``Agent create: llm.model: 400 BadRequestError: … (POST /agents)``."""
    if isinstance(exc, ProviderError):
        return exc
    what = f"{spec.name} {action}"
    if isinstance(exc, APIStatusError):
        field = _wire_field(spec, exc.description)
        about = f"{field}: " if field else ""
        return ProviderError(
            f"{what}: {about}{exc.status_code} {exc.kind}: {exc.description} ({exc.method} {exc.path})"
        )
    if isinstance(exc, APIConnectionError):
        return ProviderError(f"{what}: {exc} (retried up to didagents:retryTimeout)")
    return ProviderError(f"{what}: {exc}")
