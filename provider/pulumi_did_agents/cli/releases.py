"""``did-agents releases``: each agent's kept releases, from the stack's state.

Releases are an Agent's ``release`` setting (README, *Releases and rollback*): the state's
``releases`` output lists the kept ones and ``live_release`` names the one the live agent answers
from. This command reads them with ``pulumi stack export`` and makes no API call.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..conversations.scoring import align_rows
from . import EXIT_FAILED, EXIT_OK, CliError
from .stacks import StateResource, add_cwd_argument, project_dir, read_stack

NAME = "releases"
HELP = "list each agent's kept releases: when shipped, documents and hashes, gate, which is live"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("stack", help="the stack (in --cwd)")
    parser.add_argument("--agent", help="only this Agent (its resource name)")
    parser.add_argument("--json", action="store_true", help="print the releases as JSON")
    add_cwd_argument(parser)


def released_agents(stack: str, cwd: Path | None, agent: str | None = None) -> list[StateResource]:
    """The stack's Agents that ship releases (only ``agent``, if named)."""
    agents = [r for r in read_stack(stack, cwd=cwd).resources if r.kind == "Agent" and r.releases]
    if agent is not None:
        agents = [r for r in agents if r.name == agent]
        if not agents:
            raise CliError(f"stack {stack} has no Agent named {agent!r} with releases")
    return agents


def _documents(entry: dict[str, object]) -> str:
    documents = entry.get("documents")
    if not isinstance(documents, list):
        return ""
    return ", ".join(
        f"{d.get('title')} {str(d.get('content_hash') or d.get('source_url') or '')[:19]}"
        for d in documents
        if isinstance(d, dict)
    )


def _gate(entry: dict[str, object]) -> str:
    gate = entry.get("gate")
    if not isinstance(gate, dict):
        return "-"
    cases, failed = gate.get("cases"), gate.get("failed")
    total = cases if isinstance(cases, int) else 0
    passed = total - (len(failed) if isinstance(failed, list) else 0)
    return f"{'passed' if gate.get('passed') else 'failed'} {passed}/{total}"


def run(args: argparse.Namespace) -> int:
    agents = released_agents(args.stack, project_dir(args), args.agent)
    if args.json:
        data = {a.name: {"live": a.live_release, "releases": a.releases} for a in agents}
        sys.stdout.write(json.dumps(data, indent=2) + "\n")
        return EXIT_OK if agents else EXIT_FAILED
    if not agents:
        sys.stdout.write(f"stack {args.stack} has no agent with releases\n")
        return EXIT_FAILED
    rows = [["AGENT", "RELEASE", "LIVE", "SHIPPED", "GATE", "KNOWLEDGE", "DOCUMENTS"]]
    for agent in agents:
        for entry in agent.releases:
            live = "*" if entry.get("id") == agent.live_release else ""
            rows.append(
                [
                    agent.name,
                    str(entry.get("id")),
                    live,
                    str(entry.get("shipped_at", "")),
                    _gate(entry),
                    str(entry.get("knowledge_id", "")),
                    _documents(entry),
                ]
            )
    sys.stdout.write("\n".join(align_rows(rows)) + "\n")
    return EXIT_OK
