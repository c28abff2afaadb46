"""Kills in the middle of a release (``Agent.release``): a project of one agent whose knowledge ships
blue/green, the edit that makes the next ``up`` ship a new release, and what a settled release
must look like.

A release ``up`` makes, in order: the release's knowledge base (marker of ``<agent URN>#<release>``),
its documents (``#<release>/<n>``), a candidate agent (``#candidate/<release>``) that the cases
gate, then one ``PATCH`` of the live agent's ``knowledge.id``, the candidate's ``DELETE``, and the
pruning of releases beyond ``keep``. Killed anywhere in there, ``did-agents recover`` and one more
``up`` must leave: no second object of one marker, no candidate, no knowledge base that neither the
state nor the agent's kept releases own, the live agent on the new release, ``did-agents orphans``
clean, and ``destroy`` an empty account.
"""

from __future__ import annotations

import json
import shutil
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ..release_handbook import CASES, EDIT
from .account import Account
from .kill import KillPoint
from .scenario import Check, Emulator, Outcome, interrupted_up
from .stack import Stack

__all__ = [
    "CREATES",
    "Release",
    "edit_release",
    "interrupted_release",
    "settled_on_a_release",
    "write_release_project",
]

PROGRAM = Path(__file__).with_name("release_program.py")

CREATES = r"/(knowledge|agents)(/[^/]+/documents)?/?"
"""Where objects are created (not the gate's chats, which POST under ``/agents/<id>/chat``)."""

DOCUMENTS = (
    "# Handbook\n\nThe R2 has a 37-month warranty.\n",
    "# Charging\n\nA full charge of the R2 takes 140 minutes.\n",
    "# Accessories\n\nThe R2 ships with a USB-C cable.\n",
)


@dataclass(frozen=True)
class Release:
    documents: int = 2
    keep: int = 1
    """Earlier releases kept for a rollback (``0``: the previous release is pruned at the switch)."""

    @property
    def creates(self) -> int:
        """POSTs of objects of one release: its knowledge base, its documents, the candidate agent."""
        return 1 + self.documents + 1


def write_release_project(directory: Path, release: Release, *, name: str = "chaos-release") -> Path:
    """A Pulumi project of one released agent in ``directory``, run with this interpreter's virtualenv."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "Pulumi.yaml").write_text(
        f"name: {name}\nruntime:\n  name: python\n  options:\n    virtualenv: {Path(sys.prefix)}\n"
    )
    shutil.copyfile(PROGRAM, directory / "__main__.py")
    (directory / "release.json").write_text(json.dumps(asdict(release)))
    (directory / "cases.yaml").write_text(CASES)
    docs = directory / "docs"
    docs.mkdir(exist_ok=True)
    for d in range(release.documents):
        (docs / f"doc{d}.md").write_text(DOCUMENTS[d])
    return directory


def edit_release(project: Path) -> None:
    """A document edited: the next ``up`` ships a new release."""
    doc = project / "docs" / "doc0.md"
    doc.write_text(doc.read_text() + EDIT)


def _agents(deployment: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        r
        for r in deployment.get("resources") or []
        if str(r.get("type", "")).endswith("Agent") and r.get("id") and not r.get("delete")
    ]


def settled_on_a_release(previous: str | None) -> Check:
    """The state's agent is live on a release other than ``previous`` (that of the clean run before
    the killed one, if any), the account's agent answers from that release's knowledge base, the
    account has no other agent (no candidate is left), and ``did-agents orphans`` finds nothing."""

    def check(stack: Stack, account: Account, outcome: Outcome) -> None:
        agents = _agents(stack.deployment())
        if len(agents) != 1:
            outcome.errors.append(f"{len(agents)} agent(s) in the state")
            return
        outputs = agents[0].get("outputs") or {}
        live = outputs.get("live_release")
        kept = {str(e.get("id")): e.get("knowledge_id") for e in outputs.get("releases") or ()}
        if not live or live == previous:
            outcome.errors.append(f"the live release is {live!r}, not a new one (before: {previous})")
        elif live not in kept:
            outcome.errors.append(f"the live release {live} is not among the kept ones {sorted(kept)}")
        in_account = account.agents()
        if set(in_account) != {agents[0]["id"]}:
            outcome.errors.append(f"{len(in_account)} agent(s) in the account (a candidate left?)")
        elif live in kept and (answers := in_account[agents[0]["id"]]) != kept[live]:
            outcome.errors.append(f"the live agent answers from {answers}, not release {live} ({kept[live]})")
        orphans = stack.did_agents("orphans", "--stack", stack.name)
        if orphans.returncode != 0 or "no orphans" not in orphans.stdout:
            lines = (orphans.stdout + orphans.stderr).strip().splitlines()
            outcome.errors.append(
                f"did-agents orphans exited {orphans.returncode}: {lines[-1] if lines else ''}"
            )

    return check


def interrupted_release(
    stack: Stack, account: Account, emulator: Emulator, point: KillPoint, *, edit_again: bool = False
) -> Outcome:
    """A clean first ``up``, a document edited, then the release ``up`` killed at ``point``, then
    ``did-agents recover`` (with ``edit_again``, the document edited once more, so the next ``up``
    ships another release and must sweep what the killed one made), one more ``up`` and the checks
    of ``settled_on_a_release``."""
    done = stack.pulumi("up", "--yes", "--skip-preview")
    if done.returncode != 0:
        lines = [line for line in (done.stdout + done.stderr).splitlines() if "error" in line.lower()]
        return Outcome(point.label, str(stack.work / "logs"), errors=[f"setup up failed: {lines[-1:]}"])
    (first,) = [r.get("outputs", {}).get("live_release") for r in _agents(stack.deployment())]
    edit_release(stack.project)
    again = (lambda: edit_release(stack.project)) if edit_again else None
    return interrupted_up(
        stack, account, emulator, point, check=settled_on_a_release(first), after_recover=again
    )
