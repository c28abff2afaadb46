"""Agent ids from a Pulumi stack's outputs, read with ``pulumi stack output --json`` (no secrets shown)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ._errors import CliError
from ._pulumi import run_pulumi

__all__ = [
    "AGENT_ID_PREFIX",
    "agent_ids_from_outputs",
    "is_agent_id",
    "read_stack_outputs",
    "resolve_agent_ids",
]

AGENT_ID_PREFIX = "agt_"
_TIMEOUT = 120.0


def is_agent_id(target: str) -> bool:
    return target.startswith(AGENT_ID_PREFIX)


def read_stack_outputs(stack: str, *, cwd: Path | None = None) -> dict[str, Any]:
    """The stack's outputs as JSON, from the Pulumi project in ``cwd`` (default: the current directory)."""
    done = run_pulumi(["stack", "output", "--json", "--stack", stack], cwd=cwd, timeout=_TIMEOUT)
    try:
        outputs = json.loads(done.stdout or "{}")
    except json.JSONDecodeError:
        raise CliError(f"pulumi stack output --stack {stack} printed no JSON") from None
    if not isinstance(outputs, dict):
        raise CliError(f"pulumi stack output --stack {stack} printed no JSON object")
    return outputs


def agent_ids_from_outputs(outputs: dict[str, Any], name: str, *, stack: str) -> list[str]:
    """The agent ids in output ``name``: a string, a list of strings or a map of them (its values)."""
    if name not in outputs:
        known = ", ".join(sorted(outputs)) or "none"
        raise CliError(f"stack {stack!r} has no output {name!r} (outputs: {known}); choose one with --output")
    value = outputs[name]
    if isinstance(value, dict):
        value = list(value.values())
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list) or not values or not all(isinstance(v, str) and v for v in values):
        raise CliError(
            f"output {name!r} of stack {stack!r} is not an agent id, nor a list or map of agent ids"
        )
    if "[secret]" in values:
        raise CliError(f"output {name!r} of stack {stack!r} is a secret; export the agent id as plain output")
    return list(dict.fromkeys(values))


def resolve_agent_ids(target: str, *, output: str = "agent_id", cwd: Path | None = None) -> list[str]:
    """``agt_…`` is itself; anything else is a stack name whose ``output`` holds the id(s)."""
    if is_agent_id(target):
        return [target]
    return agent_ids_from_outputs(read_stack_outputs(target, cwd=cwd), output, stack=target)
