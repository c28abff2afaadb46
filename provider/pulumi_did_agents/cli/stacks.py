"""What a stack's state says it owns: our resources' ids and URNs, and its pending operations.

Read with ``pulumi stack export`` (no lock taken, secrets stay encrypted) or from a file that
command wrote; a backend's checkpoint file (``.pulumi/stacks/<project>/<stack>.json``) works too.
Both front ends count: ``pulumi-python:dynamic/didagents:Agent`` and ``didagents:index:Agent``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from .._tokens import kind_of
from ..core.markers import marker_for, owner_of
from ._errors import CliError
from ._pulumi import run_pulumi

__all__ = [
    "PendingOperation",
    "StackState",
    "StateResource",
    "load_state_file",
    "read_stack",
]


class _FromUrn:
    """What a resource's URN says: its ownership marker (given the owner id) and its name."""

    urn: str

    def marker_of(self, owner: str) -> str:
        return marker_for(owner, self.urn)

    @property
    def name(self) -> str:
        return self.urn.rsplit("::", 1)[-1]


@dataclass(frozen=True)
class StateResource(_FromUrn):
    urn: str
    kind: str
    id: str


@dataclass(frozen=True)
class PendingOperation(_FromUrn):
    """An operation the engine began and never saw finish (``creating``, ``updating``, ``deleting`` …)."""

    type: str
    urn: str
    kind: str | None


class _Marked(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def marker(self) -> str | None: ...


@dataclass
class StackState:
    source: str
    resources: list[StateResource] = field(default_factory=list)
    pending: list[PendingOperation] = field(default_factory=list)
    owner: str | None = None
    """The stack's owner id (``didagents:owner``), when read with its config."""

    def owners(self, objects: Iterable[_Marked]) -> set[str]:
        """Owner ids this state speaks for: its configured one, else those of the objects it holds
        (a state file read without its config). Markers without an owner id are never claimed."""
        if self.owner is not None:
            return {self.owner}
        ids = self.ids
        return {owner for o in objects if o.id in ids and (owner := owner_of(o.marker)) is not None}

    @property
    def ids(self) -> set[str]:
        return {r.id for r in self.resources}

    @property
    def pending_creates(self) -> list[PendingOperation]:
        return [op for op in self.pending if op.type == "creating"]


def parse_state(data: Any, source: str) -> StackState:
    """An export (``{"deployment": …}``) or a checkpoint (``{"checkpoint": {"latest": …}}``)."""
    if not isinstance(data, dict):
        raise CliError(f"{source}: not a Pulumi state (expected a JSON object)")
    deployment = data.get("deployment")
    if deployment is None and isinstance(data.get("checkpoint"), dict):
        deployment = data["checkpoint"].get("latest")
    if deployment is None:
        deployment = {}  # a stack that never deployed exports no deployment
    if not isinstance(deployment, dict):
        raise CliError(f"{source}: not a Pulumi state (no deployment)")
    state = StackState(source)
    for res in deployment.get("resources") or []:
        kind = kind_of(str(res.get("type", "")))
        if kind and res.get("id") and not res.get("delete"):
            state.resources.append(StateResource(str(res["urn"]), kind, str(res["id"])))
    for op in deployment.get("pending_operations") or []:
        res = op.get("resource") or {}
        state.pending.append(
            PendingOperation(
                str(op.get("type", "")), str(res.get("urn", "")), kind_of(str(res.get("type", "")))
            )
        )
    return state


def read_stack(stack: str, *, cwd: Path | None) -> StackState:
    done = run_pulumi(["stack", "export", "--stack", stack], cwd=cwd)
    try:
        data = json.loads(done.stdout or "{}")
    except json.JSONDecodeError:
        raise CliError(f"pulumi stack export --stack {stack} printed no JSON") from None
    return parse_state(data, f"stack {stack}")


def load_state_file(path: Path) -> StackState:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CliError(f"--state {path}: cannot be read: {exc.strerror or exc}") from None
    except json.JSONDecodeError as exc:
        raise CliError(f"--state {path}: not JSON ({exc.msg}, line {exc.lineno})") from None
    return parse_state(data, str(path))
