"""``did-agents orphans``: objects in the D-ID account that none of the given stacks owns.

Owned means "its id is in a stack's state". Objects whose ownership marker names an interrupted
create of a given stack are not orphans: the next ``pulumi up`` adopts them. Everything else is
listed, with how it came to be (a pulumi-did-agents marker, or made by hand) and the ``pulumi
import`` line that would adopt it instead. ``--delete`` removes the orphans that carry one of our
markers; objects made by hand only with ``--include-unmarked`` too, since they may be someone's.
"""

from __future__ import annotations

import argparse
import json
import re
import shlex
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .._tokens import MODULE
from ..client import Client, NotFoundError
from ..conversations.report import align_rows
from ..core.client_keys import fingerprint
from ..core.markers import marker_in_text, marker_in_url, strip_text, strip_url
from ..core.settings import ProviderSettings
from ._errors import EXIT_FAILED, EXIT_OK, CliError
from ._pulumi import add_cwd_argument, project_dir, run_pulumi
from .stack_state import StackState, load_state_file, read_stack

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


@dataclass(frozen=True)
class Orphan:
    obj: AccountObject
    origin: str

    @property
    def marked(self) -> bool:
        return self.obj.marker is not None

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
    parser.add_argument("--delete", action="store_true", help="delete the orphans made by pulumi-did-agents")
    parser.add_argument(
        "--include-unmarked", action="store_true", help="with --delete, also delete objects made by hand"
    )
    parser.epilog = (
        "The API key comes from the first stack's didagents:apiKey, else $DID_API_KEY. Exit codes: "
        "0 no orphans (or all deleted), 1 orphans found, 2 error."
    )


def _settings(args: argparse.Namespace, cwd: Path | None) -> ProviderSettings:
    """As the provider resolves them (stack config, else environment); ``--api-url`` wins."""
    config: dict[str, object] = {}
    if args.stack:
        done = run_pulumi(["config", "--json", "--show-secrets", "--stack", args.stack[0]], cwd=cwd)
        try:
            config = {k: v.get("value") for k, v in json.loads(done.stdout or "{}").items()}
        except (json.JSONDecodeError, AttributeError):
            raise CliError(f"pulumi config --stack {args.stack[0]} printed no JSON object") from None
    if args.api_url:
        config["didagents:apiUrl"] = args.api_url
    return ProviderSettings.resolve(config.get)


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
    by_marker = {r.marker: f"{s.source} {r.kind} {r.name}" for s in states for r in s.resources}
    pending = {op.marker for s in states for op in s.pending_creates}
    orphans: list[Orphan] = []
    awaiting = 0
    for obj in objects:
        if obj.id in owned:
            continue
        if obj.marker in pending:
            awaiting += 1
        elif obj.marker in by_marker:
            orphans.append(Orphan(obj, f"duplicate of {by_marker[obj.marker]} (interrupted run)"))
        elif obj.marker:
            orphans.append(
                Orphan(obj, f"pulumi-did-agents (marker {obj.marker}, no resource of these stacks)")
            )
        else:
            orphans.append(Orphan(obj, "by hand (no ownership marker)"))
    return orphans, awaiting


def _print(orphans: list[Orphan], url: str, states: list[StackState], awaiting: int) -> None:
    out = sys.stdout
    sources = ", ".join(s.source for s in states) or "no stack"
    if awaiting:
        out.write(f"{awaiting} object(s) of interrupted creates await adoption by the next `pulumi up`\n")
    if not orphans:
        out.write(f"no orphans in the account at {url} (owners: {sources})\n")
        return
    rows = [("KIND", "ID", "NAME", "ORIGIN")] + [
        (o.obj.kind, o.obj.id, o.obj.name, o.origin) for o in orphans
    ]
    out.write("\n".join(align_rows(rows)) + "\n")
    marked = sum(o.marked for o in orphans)
    out.write(
        f"\n{len(orphans)} orphan(s) in the account at {url} ({marked} made by pulumi-did-agents, "
        f"{len(orphans) - marked} by hand), owners read: {sources}\n"
        "Adopt one instead of deleting it (native provider; dynamic resources take adopt_id=<id>):\n"
    )
    for orphan in orphans:
        out.write(f"  {orphan.import_line()}\n")


def _delete(client: Client, orphans: list[Orphan], protected: set[str], include_unmarked: bool) -> int:
    """Children before containers (keys, documents, agents, knowledge bases); returns how many are kept."""
    order = {"ClientKey": 0, "Document": 1, "Agent": 2, "KnowledgeBase": 3}
    kept = 0
    for orphan in sorted(orphans, key=lambda o: order[o.obj.kind]):
        obj = orphan.obj
        if not (orphan.marked or include_unmarked):
            sys.stdout.write(f"kept {obj.kind} {obj.id}: made by hand (add --include-unmarked)\n")
        elif obj.id in protected or obj.container in protected:
            sys.stdout.write(f"kept {obj.kind} {obj.id}: an agent of the stacks uses its knowledge base\n")
        else:
            try:
                obj.delete(client)
            except NotFoundError:
                pass  # gone with its container, or by another hand: what --delete wanted
            sys.stdout.write(f"deleted {obj.kind} {obj.id} ({obj.name})\n")
            continue
        kept += 1
    return kept


def _in_use(account: list[AccountObject], owned: set[str]) -> set[str]:
    """Knowledge bases that owned agents answer from."""
    return {o.knowledge_id for o in account if o.kind == "Agent" and o.id in owned and o.knowledge_id}


def run(args: argparse.Namespace) -> int:
    cwd = project_dir(args)
    if not (args.stack or args.state):
        raise CliError("name the owners: --stack NAME (in --cwd) or --state FILE, each repeatable")
    if args.include_unmarked and not args.delete:
        raise CliError("--include-unmarked only applies with --delete")
    states = [read_stack(stack, cwd=cwd) for stack in args.stack]
    states += [load_state_file(Path(path)) for path in args.state]
    settings = _settings(args, cwd)
    with Client(base_url=settings.api_url, api_key=settings.api_key) as client:
        account = list_account(client)
        orphans, awaiting = find_orphans(account, states)
        _print(orphans, settings.api_url, states, awaiting)
        if not args.delete or not orphans:
            return EXIT_FAILED if orphans else EXIT_OK
        kept = _delete(client, orphans, _in_use(account, _owned(states)), args.include_unmarked)
    return EXIT_FAILED if kept else EXIT_OK


def _owned(states: list[StackState]) -> set[str]:
    owned: set[str] = set()
    for state in states:
        owned |= state.ids
    return owned
