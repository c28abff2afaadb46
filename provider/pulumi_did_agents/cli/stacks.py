"""A stack as the subcommands see it through the pulumi CLI: running the CLI, its outputs, its
provider settings, its state, the repair of a ``file://`` backend's checkpoint, and its owner id
(``did-agents init``, :class:`Init`, the one subcommand that is nothing but a stack's config).

Running pulumi: non-interactive, output captured (never shown: secrets may be in it), a failure as
a one-line ``CliError``; ``--cwd`` names the project directory of every such command.

Outputs: agent ids from ``pulumi stack output --json`` (no secrets shown).

Settings: one way to read a stack's provider settings, for every command that talks to the API.
The order is the provider's, with a command-line flag in front: ``--api-url``, then the stack's
``didagents:*`` config (``didagents:apiKey`` as the secret it is), then ``DID_API_URL`` and
``DID_API_KEY``. ``did-agents test``, ``orphans``, ``init``, the pytest plugin (``--did-stack``)
and ``examples/promotion/promote.sh`` (through ``did-agents test``) all resolve through here. The
key has no flag: a flag would show it in process listings.

State: what a stack's state says it owns: our resources' ids and URNs, and its pending operations.
Read with ``pulumi stack export`` (no lock taken, secrets stay encrypted) or from a file that
command wrote; a backend's checkpoint file (``.pulumi/stacks/<project>/<stack>.json``) works too.
Both front ends count: ``pulumi-python:dynamic/didagents:Agent`` and ``didagents:index:Agent``.

Checkpoint repair: the ``file://`` backend (gocloud's fileblob) saves a checkpoint in three moves:
the new state to ``<stack>.json.<random>.tmp``, its metadata to the ``<stack>.json.attrs`` sidecar
(truncated, then written in place), then a rename of the temporary file over ``<stack>.json``. A
kill between the truncation and the write leaves an empty sidecar, and every later command fails
with ``failed to load checkpoint: EOF``. ``<stack>.json`` is then still the previous, complete
checkpoint; a missing sidecar is read as "no metadata". So removing the broken sidecar restores the
last complete state, one step behind at most: what that step made carries its ownership marker and
is adopted by the next ``pulumi up``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import unquote, urlsplit

from .._tokens import kind_of
from ..core.markers import marker_for, new_owner_id, owner_of
from ..core.settings import ProviderSettings
from . import EXIT_OK, CliError

__all__ = [
    "AGENT_ID_PREFIX",
    "OWNER_KEY",
    "PULUMI_TIMEOUT",
    "UNREADABLE",
    "Init",
    "PendingOperation",
    "StackState",
    "StateResource",
    "add_cwd_argument",
    "agent_ids_from_outputs",
    "is_agent_id",
    "last_line",
    "load_state_file",
    "parse_state",
    "project_dir",
    "read_stack",
    "read_stack_outputs",
    "repair_checkpoint",
    "resolve_agent_ids",
    "resolve_settings",
    "run_pulumi",
    "stack_config",
]


# Running pulumi.

PULUMI_TIMEOUT = 900.0
"""A refresh of a large fleet reads every object; the API may be slow."""


def add_cwd_argument(parser: argparse.ArgumentParser, what: str = "the Pulumi project directory") -> None:
    parser.add_argument("--cwd", metavar="DIR", help=f"{what} (default: the current one)")


def project_dir(args: argparse.Namespace) -> Path | None:
    """``--cwd`` as a path (None: the current directory); a missing directory is a ``CliError``."""
    cwd = Path(args.cwd) if args.cwd else None
    if cwd is not None and not cwd.is_dir():
        raise CliError(f"--cwd {cwd}: no such directory")
    return cwd


def run_pulumi(
    args: Sequence[str],
    *,
    cwd: Path | None,
    check: bool = True,
    timeout: float | None = PULUMI_TIMEOUT,
    input: str | None = None,
    pulumi: str = "pulumi",
) -> subprocess.CompletedProcess[str]:
    """``pulumi ARGS --non-interactive`` in ``cwd``; with ``check``, a failure is a one-line ``CliError``.

    Output is captured, never shown: ``pulumi config --show-secrets`` may be among the calls. ``input``
    is piped to its stdin (else it reads none); ``pulumi`` names another executable.
    """
    executable = shutil.which(pulumi)
    if executable is None:
        raise CliError(f"the {pulumi} CLI is not on PATH")
    command = [executable, *args, "--non-interactive"]
    shown = " ".join(a for a in args if a != "--show-secrets")
    try:
        done = subprocess.run(
            command,
            cwd=os.fspath(cwd) if cwd is not None else None,
            input=input,
            stdin=subprocess.DEVNULL if input is None else None,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise CliError(f"pulumi {shown} did not finish in {timeout:g}s") from None
    if check and done.returncode != 0:
        raise CliError(f"pulumi {shown} failed: {last_line(done)}")
    return done


def last_line(done: subprocess.CompletedProcess[str]) -> str:
    """The line that says why pulumi failed: its first ``error:`` line, else its last line."""
    lines = [line.strip() for line in (done.stderr + "\n" + done.stdout).splitlines() if line.strip()]
    errors = [line for line in lines if line.lower().startswith("error:")]
    if errors:
        return errors[0].split(":", 1)[1].strip()
    return lines[-1] if lines else f"exit code {done.returncode}"


# Outputs.

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


# Settings.


def stack_config(stack: str, *, cwd: Path | None) -> dict[str, Any]:
    """The stack's config, secrets decrypted (never printed): ``{"didagents:apiUrl": …}``."""
    done = run_pulumi(["config", "--json", "--show-secrets", "--stack", stack], cwd=cwd)
    try:
        return {k: v.get("value") for k, v in json.loads(done.stdout or "{}").items()}
    except (json.JSONDecodeError, AttributeError):
        raise CliError(f"pulumi config --stack {stack} printed no JSON object") from None


def resolve_settings(stack: str | None, *, cwd: Path | None, api_url: str | None = None) -> ProviderSettings:
    """Settings as the provider of ``stack`` resolves them (no stack: flags and environment only)."""
    config = stack_config(stack, cwd=cwd) if stack else {}
    if api_url:
        config["didagents:apiUrl"] = api_url
    return ProviderSettings.resolve(config.get)


# State.


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
    outputs: dict[str, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)
    """The resource's outputs in the state (never printed: some are secrets)."""

    @property
    def releases(self) -> list[dict[str, Any]]:
        """An Agent's kept releases (``releases`` output, either front end), oldest first."""
        kept = self.outputs.get("releases")
        return [r for r in kept if isinstance(r, dict)] if isinstance(kept, list) else []

    @property
    def live_release(self) -> str | None:
        live = self.outputs.get("live_release", self.outputs.get("liveRelease"))
        return live if isinstance(live, str) else None


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
        """Ids of the objects the state holds: its resources and their releases' knowledge bases."""
        return {r.id for r in self.resources} | self.released

    @property
    def released(self) -> set[str]:
        """Knowledge bases of the Agents' kept releases: they and their documents are owned."""
        return {str(e["knowledge_id"]) for r in self.resources for e in r.releases if e.get("knowledge_id")}

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
            outputs = res.get("outputs") if isinstance(res.get("outputs"), dict) else {}
            state.resources.append(StateResource(str(res["urn"]), kind, str(res["id"]), outputs))
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


# Checkpoint repair.

UNREADABLE = "failed to load checkpoint"


def _backend_root(cwd: Path | None) -> Path | None:
    done = run_pulumi(["whoami", "--json"], cwd=cwd)
    try:
        url = str(json.loads(done.stdout).get("url", ""))
    except (json.JSONDecodeError, AttributeError):
        raise CliError("pulumi whoami --json printed no JSON object") from None
    parts = urlsplit(url)
    return Path(unquote(parts.netloc + parts.path)) if parts.scheme == "file" else None


def _project_name(cwd: Path | None) -> str | None:
    """``name:`` of the project's Pulumi.yaml (its stacks' folder in the backend)."""
    for file in ("Pulumi.yaml", "Pulumi.yml"):
        try:
            text = ((cwd or Path()) / file).read_text(encoding="utf-8")
        except OSError:
            continue
        match = re.search(r"^name:\s*['\"]?([^'\"\s#]+)", text, re.MULTILINE)
        return match.group(1) if match else None
    return None


def _broken(sidecar: Path) -> bool:
    try:
        json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return True
    return False


def repair_checkpoint(stack: str, cwd: Path | None) -> list[Path]:
    """Remove the stack's unreadable checkpoint sidecars on a ``file://`` backend; returns them."""
    root = _backend_root(cwd)
    if root is None:
        return []
    name = stack.rsplit("/", 1)[-1]
    folders = [root / ".pulumi" / "stacks"]
    project = _project_name(cwd)
    if project:
        folders.insert(0, folders[0] / project)
    removed: list[Path] = []
    for folder in folders:
        for checkpoint in (f"{name}.json", f"{name}.json.gz"):
            sidecar = folder / f"{checkpoint}.attrs"
            if (folder / checkpoint).is_file() and sidecar.is_file() and _broken(sidecar):
                sidecar.unlink()
                removed.append(sidecar)
    return removed


# ``did-agents init``.

OWNER_KEY = "didagents:owner"


class Init:
    """``did-agents init``: give a stack instance its own owner id (``didagents:owner``).

    Every object a stack creates carries its owner id, and a create adopts only objects carrying its
    own; so two stacks with the same project and stack names on different backends never claim each
    other's objects, as long as each has its own id. Run once per stack instance, before its first
    ``pulumi up``. ``--new`` replaces an id that was copied from another stack instance (a committed
    ``Pulumi.<stack>.yaml`` shared by two backends): objects the stack already holds stay its own.

    Here, not in a module of its own, because it is one read and one write of the stack's config.
    """

    NAME = "init"
    HELP = "give a stack instance its own owner id (didagents:owner) before its first `pulumi up`"

    @staticmethod
    def configure(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--stack", required=True, metavar="NAME", help="the stack (it must exist)")
        add_cwd_argument(parser)
        parser.add_argument(
            "--new",
            action="store_true",
            help="replace an owner id that is already set (copied from elsewhere)",
        )

    @staticmethod
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

    @staticmethod
    def run(args: argparse.Namespace) -> int:
        cwd = project_dir(args)
        project = Init.project_name(cwd)
        current = stack_config(args.stack, cwd=cwd).get(OWNER_KEY)
        if current and not args.new:
            sys.stdout.write(f"stack {args.stack}: owner id {current} (already set; --new replaces it)\n")
            return EXIT_OK
        owner = new_owner_id(project, args.stack)
        run_pulumi(["config", "set", OWNER_KEY, owner, "--stack", args.stack], cwd=cwd)
        was = f" (was {current})" if current else ""
        sys.stdout.write(f"stack {args.stack}: owner id {owner}{was}\n")
        return EXIT_OK
