"""``did-agents orphans``: objects in a shared D-ID account that the given stacks left behind.

Owned means "its id is in a stack's state". Everything else is grouped by what its ownership
marker says (docs/interrupted-runs.md): left by one of the given stacks (its owner id is theirs),
owned by another stack instance (another owner id: another stack, project or backend, named by
its owner id), marked by a version before owner ids (``legacy``), or made by hand (no marker).
Objects of an interrupted create of a given stack are not orphans: the next ``pulumi up`` adopts
them. ``--delete`` removes only what the given stacks left; another owner's objects only when
``--delete-owner`` names that owner, and unmarked ones only with ``--include-unmarked``.
"""

from __future__ import annotations

import argparse
import re
import shlex
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .._tokens import MODULE
from ..client import Client, NotFoundError
from ..conversations.scoring import align_rows
from ..core.agents import fingerprint
from ..core.markers import LEGACY_OWNER, marker_in_text, marker_in_url, owner_of, strip_text, strip_url
from . import EXIT_FAILED, EXIT_OK, CliError
from .stacks import StackState, add_cwd_argument, load_state_file, project_dir, read_stack, resolve_settings

NAME = "orphans"
HELP = "list (or --delete) D-ID objects that no Pulumi stack owns"


@dataclass(frozen=True)
class AccountObject:
    kind: str
    id: str
    name: str
    marker: str | None
    container: str | None = None
    """A document's knowledge base, a client key's agent."""
    knowledge_id: str | None = None
    """An agent's knowledge base: an orphan knowledge base an owned agent uses is kept."""
    key: str | None = field(default=None, repr=False)
    """A client key's value, needed to delete it (never printed)."""

    def delete(self, client: Client) -> None:
        if self.kind == "KnowledgeBase":
            client.knowledge.delete(self.id)
        elif self.kind == "Document" and self.container:
            client.documents.delete(self.container, self.id)
        elif self.kind == "Agent":
            client.agents.delete(self.id)
        elif self.kind == "ClientKey" and self.container and self.key:
            client.client_keys.delete(self.container, self.key)


MINE, OTHER, UNMARKED = "mine", "other", "unmarked"


@dataclass(frozen=True)
class Orphan:
    obj: AccountObject
    origin: str
    group: str
    """``mine`` (left by a given stack), ``other`` (another owner, or ``legacy``) or ``unmarked``."""
    owner: str | None = None
    """The owner id its marker names (``legacy`` for markers without one)."""

    def deletable(self, owners: set[str], include_unmarked: bool) -> bool:
        if self.group == MINE:
            return True
        if self.group == OTHER:
            return self.owner in owners
        return include_unmarked

    def import_line(self) -> str:
        name = re.sub(r"[^A-Za-z0-9_-]+", "-", self.obj.name).strip("-") or self.obj.kind.lower()
        return shlex.join(["pulumi", "import", f"{MODULE}:index:{self.obj.kind}", name, self.obj.id])


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--stack", action="append", default=[], metavar="NAME", help="a stack that owns objects (repeatable)"
    )
    add_cwd_argument(parser, "the Pulumi project of the stacks")
    parser.add_argument(
        "--state",
        action="append",
        default=[],
        metavar="FILE",
        help="a state written by `pulumi stack export` (repeatable; for stacks of other projects)",
    )
    parser.add_argument(
        "--api-url",
        metavar="URL",
        help="API base URL (default: the first stack's didagents:apiUrl, $DID_API_URL)",
    )
    parser.add_argument("--delete", action="store_true", help="delete what the given stacks left behind")
    parser.add_argument(
        "--delete-owner",
        action="append",
        default=[],
        metavar="OWNER",
        help="with --delete, also delete the objects of this other owner id (repeatable; `legacy`: "
        "markers of versions before owner ids)",
    )
    parser.add_argument(
        "--include-unmarked", action="store_true", help="with --delete, also delete objects made by hand"
    )
    parser.epilog = (
        "The API key comes from the first stack's didagents:apiKey, else $DID_API_KEY. Exit codes: "
        "0 the given stacks left nothing (or all of it was deleted), 1 they left orphans, 2 error."
    )


def list_account(client: Client) -> list[AccountObject]:
    """Every agent, knowledge base, document and client key of the account."""
    objects: list[AccountObject] = []
    for kb in client.knowledge.list():
        objects.append(AccountObject("KnowledgeBase", kb.id, kb.name or "", marker_in_text(kb.description)))
        for doc in client.documents.list(kb.id):
            name = doc.title or strip_url(doc.source_url or "")
            objects.append(AccountObject("Document", doc.id, name, marker_in_url(doc.source_url), kb.id))
    for agent in client.agents.list():
        marker = marker_in_text(agent.preview_description)
        knowledge_id = agent.knowledge.id if agent.knowledge else None
        objects.append(AccountObject("Agent", agent.id, agent.preview_name or "", marker, None, knowledge_id))
        for key in client.client_keys.list(agent.id):
            key_id = f"{agent.id}/{fingerprint(key.client_key)}"
            name = strip_text(key.name) or "client-key"
            objects.append(
                AccountObject(
                    "ClientKey", key_id, name, marker_in_text(key.name), agent.id, key=key.client_key
                )
            )
    return objects


def find_orphans(objects: list[AccountObject], states: list[StackState]) -> tuple[list[Orphan], int]:
    """The orphans, and how many objects await adoption by an interrupted create's next ``up``."""
    owned = _owned(states)
    mine = {owner: state for state in states for owner in state.owners(objects)}
    by_marker = {
        r.marker_of(owner): f"{state.source} {r.kind} {r.name}"
        for owner, state in mine.items()
        for r in state.resources
    }
    pending = {op.marker_of(owner) for owner, state in mine.items() for op in state.pending_creates}
    orphans: list[Orphan] = []
    awaiting = 0
    released = {kb for state in states for kb in state.released}
    for obj in objects:
        if obj.id in owned or (obj.kind == "Document" and obj.container in released):
            continue
        owner = owner_of(obj.marker) or (LEGACY_OWNER if obj.marker else None)
        if obj.marker in pending:
            awaiting += 1
        elif obj.marker in by_marker:
            origin = f"duplicate of {by_marker[obj.marker]} (interrupted run)"
            orphans.append(Orphan(obj, origin, MINE, owner))
        elif owner in mine:
            orphans.append(Orphan(obj, f"left by {mine[owner].source} (owner {owner})", MINE, owner))
        elif owner == LEGACY_OWNER:
            origin = f"pulumi-did-agents before owner ids (marker {obj.marker}, owner unknown)"
            orphans.append(Orphan(obj, origin, OTHER, owner))
        elif owner is not None:
            orphans.append(Orphan(obj, f"another stack instance (owner {owner})", OTHER, owner))
        else:
            orphans.append(Orphan(obj, "by hand (no ownership marker)", UNMARKED))
    return orphans, awaiting


_HEADINGS = {
    MINE: "Left by the given stacks (--delete removes them):",
    OTHER: "Owned by other stack instances (kept; --delete --delete-owner OWNER removes one owner's):",
    UNMARKED: "Made by hand (kept; --delete --include-unmarked removes them):",
}


def _print(orphans: list[Orphan], url: str, states: list[StackState], awaiting: int) -> None:
    out = sys.stdout
    sources = ", ".join(s.source for s in states) or "no stack"
    if awaiting:
        out.write(f"{awaiting} object(s) of interrupted creates await adoption by the next `pulumi up`\n")
    if not orphans:
        out.write(f"no orphans in the account at {url} (owners: {sources})\n")
        return
    for group, heading in _HEADINGS.items():
        members = [o for o in orphans if o.group == group]
        if not members:
            continue
        rows = [("KIND", "ID", "NAME", "ORIGIN")]
        rows += [(o.obj.kind, o.obj.id, o.obj.name, o.origin) for o in members]
        out.write(f"{heading}\n" + "\n".join(align_rows(rows)) + "\n\n")
    counts = {group: sum(o.group == group for o in orphans) for group in _HEADINGS}
    out.write(
        f"{counts[MINE]} left by {sources}, {counts[OTHER]} of other owners, {counts[UNMARKED]} by hand, "
        f"in the account at {url}\n"
        "Adopt one instead of deleting it (native provider; dynamic resources take adopt_id=<id>):\n"
    )
    for orphan in orphans:
        out.write(f"  {orphan.import_line()}\n")


def _delete(
    client: Client,
    orphans: list[Orphan],
    held: set[str],
    protected: set[str],
    owners: set[str],
    include_unmarked: bool,
) -> int:
    """Children before containers (keys, documents, agents, knowledge bases); returns how many
    of the given stacks' orphans are kept.

    A document or key left by the given stacks is deleted only inside a container that is theirs
    (held, or deleted here too): one inside another stack's agent or knowledge base (moved there
    with ``pulumi state move``) is that stack's now."""
    order = {"ClientKey": 0, "Document": 1, "Agent": 2, "KnowledgeBase": 3}
    ours = held | {o.obj.id for o in orphans if o.deletable(owners, include_unmarked)}
    kept = 0
    for orphan in sorted(orphans, key=lambda o: order[o.obj.kind]):
        obj = orphan.obj
        if not orphan.deletable(owners, include_unmarked):
            why = f"owner {orphan.owner}" if orphan.group == OTHER else "made by hand"
            sys.stdout.write(f"kept {obj.kind} {obj.id}: {why}\n")
            continue
        if orphan.group == MINE and obj.container and obj.container not in ours:
            sys.stdout.write(f"kept {obj.kind} {obj.id}: its container {obj.container} is another's\n")
            kept += 1
            continue
        if obj.id in protected or obj.container in protected:
            sys.stdout.write(f"kept {obj.kind} {obj.id}: an agent of the stacks uses its knowledge base\n")
            kept += orphan.group == MINE
            continue
        try:
            obj.delete(client)
        except NotFoundError:
            pass  # gone with its container, or by another hand: what --delete wanted
        sys.stdout.write(f"deleted {obj.kind} {obj.id} ({obj.name})\n")
    return kept


def _in_use(account: list[AccountObject], owned: set[str]) -> set[str]:
    """Knowledge bases that owned agents answer from."""
    return {o.knowledge_id for o in account if o.kind == "Agent" and o.id in owned and o.knowledge_id}


def run(args: argparse.Namespace) -> int:
    cwd = project_dir(args)
    if not (args.stack or args.state):
        raise CliError("name the owners: --stack NAME (in --cwd) or --state FILE, each repeatable")
    if (args.include_unmarked or args.delete_owner) and not args.delete:
        raise CliError("--include-unmarked and --delete-owner only apply with --delete")
    states = [read_stack(stack, cwd=cwd) for stack in args.stack]
    states += [load_state_file(Path(path)) for path in args.state]
    per_stack = [resolve_settings(stack, cwd=cwd, api_url=args.api_url) for stack in args.stack]
    for state, stack_settings in zip(states, per_stack, strict=False):
        state.owner = stack_settings.owner
    settings = per_stack[0] if per_stack else resolve_settings(None, cwd=cwd, api_url=args.api_url)
    with Client(base_url=settings.api_url, api_key=settings.api_key) as client:
        account = list_account(client)
        orphans, awaiting = find_orphans(account, states)
        _print(orphans, settings.api_url, states, awaiting)
        left = [o for o in orphans if o.group == MINE]
        if not args.delete or not orphans:
            return EXIT_FAILED if left else EXIT_OK
        held = _owned(states)
        kept = _delete(
            client, orphans, held, _in_use(account, held), set(args.delete_owner), args.include_unmarked
        )
    return EXIT_FAILED if kept else EXIT_OK


def _owned(states: list[StackState]) -> set[str]:
    owned: set[str] = set()
    for state in states:
        owned |= state.ids
    return owned
