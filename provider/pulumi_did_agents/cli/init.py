"""``did-agents init``: give a stack instance its own owner id (``didagents:owner``).

Every object a stack creates carries its owner id, and a create adopts only objects carrying its
own; so two stacks with the same project and stack names on different backends never claim each
other's objects, as long as each has its own id. Run once per stack instance, before its first
``pulumi up``. ``--new`` replaces an id that was copied from another stack instance (a committed
``Pulumi.<stack>.yaml`` shared by two backends): objects the stack already holds stay its own.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from ..core.markers import new_owner_id
from . import EXIT_OK, CliError
from .stacks import add_cwd_argument, project_dir, run_pulumi, stack_config

NAME = "init"
HELP = "give a stack instance its own owner id (didagents:owner) before its first `pulumi up`"

OWNER_KEY = "didagents:owner"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--stack", required=True, metavar="NAME", help="the stack (it must exist)")
    add_cwd_argument(parser)
    parser.add_argument(
        "--new", action="store_true", help="replace an owner id that is already set (copied from elsewhere)"
    )


def project_name(cwd: Path | None) -> str:
    path = (cwd or Path()) / "Pulumi.yaml"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        raise CliError(f"{path}: no Pulumi project here (use --cwd)") from None
    match = re.search(r"^name:\s*['\"]?([^'\"\s#]+)", text, re.MULTILINE)
    if match is None:
        raise CliError(f"{path}: has no project name")
    return match.group(1)


def run(args: argparse.Namespace) -> int:
    cwd = project_dir(args)
    project = project_name(cwd)
    current = stack_config(args.stack, cwd=cwd).get(OWNER_KEY)
    if current and not args.new:
        sys.stdout.write(f"stack {args.stack}: owner id {current} (already set; --new replaces it)\n")
        return EXIT_OK
    owner = new_owner_id(project, args.stack)
    run_pulumi(["config", "set", OWNER_KEY, owner, "--stack", args.stack], cwd=cwd)
    was = f" (was {current})" if current else ""
    sys.stdout.write(f"stack {args.stack}: owner id {owner}{was}\n")
    return EXIT_OK
