"""``did-agents rollback``: switch an agent back to a kept release in one PATCH, and pin it there.

The switch is the same ``PATCH /agents/{id}`` with ``knowledge: {id}`` that a release ends with;
nothing is re-ingested. So that the next ``pulumi up`` does not silently switch forward again, the
release is then pinned in the stack's config (``didagents:releasePins.<agent>``), which the
provider reads: ``up`` reports the pin and ships nothing else to that agent until
``pulumi config rm --path didagents:releasePins.<agent>`` removes it.
"""

from __future__ import annotations

import argparse
import sys
import time

from ..client import Client
from . import EXIT_OK, CliError
from .releases import released_agents
from .stacks import StateResource, add_cwd_argument, project_dir, resolve_settings, run_pulumi

NAME = "rollback"
HELP = "switch an agent back to a kept release (no re-ingest) and pin it in the stack's config"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("stack", help="the stack (in --cwd)")
    parser.add_argument("--agent", help="the Agent's resource name (needed when the stack has several)")
    parser.add_argument("--to", metavar="RELEASE", help="the release to go back to (default: the one before)")
    add_cwd_argument(parser)


def _target(agent: StateResource, wanted: str | None) -> dict[str, object]:
    kept = agent.releases
    ids = [str(entry.get("id")) for entry in kept]
    if wanted is not None:
        if wanted not in ids:
            raise CliError(f"agent {agent.name} keeps no release {wanted} (kept: {', '.join(ids)})")
        return kept[ids.index(wanted)]
    live = ids.index(agent.live_release) if agent.live_release in ids else len(ids)
    if live == 0:
        raise CliError(f"agent {agent.name} keeps no release before {agent.live_release}")
    return kept[live - 1]


def run(args: argparse.Namespace) -> int:
    cwd = project_dir(args)
    agents = released_agents(args.stack, cwd, args.agent)
    if len(agents) != 1:
        names = ", ".join(a.name for a in agents) or "none"
        raise CliError(f"name the agent with --agent (agents with releases: {names})")
    agent = agents[0]
    target = _target(agent, args.to)
    settings = resolve_settings(args.stack, cwd=cwd)
    started = time.monotonic()
    with Client(base_url=settings.api_url, api_key=settings.api_key) as client:
        client.agents.update(agent.id, {"knowledge": {"id": str(target["knowledge_id"])}})
    switched = time.monotonic() - started
    key = f"didagents:releasePins.{agent.name}"
    run_pulumi(["config", "set", "--path", "--stack", args.stack, key, str(target["id"])], cwd=cwd)
    sys.stdout.write(
        f"agent {agent.name} ({agent.id}) answers from release {target['id']} again "
        f"(was {agent.live_release}; switched in {switched:.2f}s)\n"
        f"pinned with {key}: `pulumi up` keeps it until "
        f"`pulumi config rm --path {key} --stack {args.stack}`\n"
    )
    return EXIT_OK
