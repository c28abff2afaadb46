"""Move a stack's dynamic resources under the native provider, keeping every object and its id.

A resource's type and provider cannot change in place (aliases do not carry a provider change), so
the objects are handed over: the dynamic resources are dropped from the stack's state (nothing is
deleted in D-ID) and the same ids are imported as ``didagents:index:*`` resources under the same
names. Import rebuilds inputs from the live objects; inputs the API never returns (write-only
``userData``, ``llm.custom.key``; provider-only ``version``, ``contentHash`` of a remote source) are
then copied from the old state, secrets kept secret, so a program declaring the same resources
natively previews with no changes. The state before migration is saved beside the project.

Run ``did-agents migrate --cwd <project> --stack <stack>``, then switch the
program to native resources (YAML, or ``pulumi_did_agents.native.sdk``) and ``pulumi preview``.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .._tokens import MODULE
from ..native.marshal import SECRET_SIG, SIG_KEY, from_core
from ..spec import RESOURCES, Prop, ResourceSpec
from . import EXIT_OK, CliError
from .stacks import run_pulumi

__all__ = ["HELP", "NAME", "Handover", "configure", "fill_unreadable", "main", "migrate", "plan", "run"]

NAME = "migrate"
HELP = "move a stack's dynamic resources to the native provider (no object is touched)"

_DYNAMIC = {f"pulumi-python:dynamic/{MODULE}:{spec.name}": spec for spec in RESOURCES}
_PYTHON_PROVIDER = "pulumi:providers:pulumi-python"


@dataclass
class Handover:
    """What migrating one stack does: the state without the dynamic resources, and what to import."""

    state: dict[str, Any]
    imports: list[dict[str, Any]] = field(default_factory=list)
    """``pulumi import --file`` entries: the native type, the same name, the same id."""
    parents: dict[str, str] = field(default_factory=dict)
    """The import file's ``nameTable``: parents other than the stack, by the alias the entries use."""
    carried: dict[str, dict[str, Any]] = field(default_factory=dict)
    """New URN → the old inputs (engine names) that import cannot read back."""


def _native_urn(urn: str, spec: ResourceSpec) -> str:
    head, _, name = urn.rpartition("::")
    prefix, _, qualified = head.rpartition("::")
    parents, sep, _ = qualified.rpartition("$")
    return f"{prefix}::{parents}{sep}{spec.token}::{name}"


def _reveal(value: Any) -> tuple[Any, bool]:
    """A value of ``stack export --show-secrets`` in clear, and whether it was secret."""
    if isinstance(value, Mapping) and value.get(SIG_KEY) == SECRET_SIG and "plaintext" in value:
        return json.loads(value["plaintext"]), True
    return value, False


def _secret(value: Any) -> dict[str, Any]:
    return {SIG_KEY: SECRET_SIG, "plaintext": json.dumps(value)}


def _unreadable(props: Sequence[Prop], old: Mapping[str, Any], secret: bool = False) -> dict[str, Any]:
    """The inputs among engine-named ``old`` that no read of the object can return, secrets wrapped."""
    out: dict[str, Any] = {}
    for prop in props:
        raw = old.get(prop.schema_key)
        if raw is None:
            continue
        value, was_secret = _reveal(raw)
        hidden = secret or was_secret or prop.secret
        if prop.write_only or prop.api_name is None:
            out[prop.schema_key] = _secret(value) if hidden else value
        elif prop.kind == "object" and prop.shape is not None and isinstance(value, Mapping):
            inner = _unreadable(prop.shape.props, value, hidden)
            if inner:
                out[prop.schema_key] = inner
    return out


def plan(deployment: Mapping[str, Any]) -> Handover:
    """Split an exported deployment (``stack export --show-secrets``) into what stays and what moves."""
    resources: list[dict[str, Any]] = list(deployment.get("resources") or [])
    handover = Handover(state={**deployment, "resources": []})
    roots = {r["urn"] for r in resources if r.get("type") == "pulumi:pulumi:Stack"}
    kept = []
    for resource in resources:
        spec = _DYNAMIC.get(resource.get("type", ""))
        if spec is None:
            kept.append(resource)
            continue
        parent = resource.get("parent")
        entry: dict[str, Any] = {
            "type": spec.token,
            "name": resource["urn"].rpartition("::")[2],
            "id": resource["id"],
        }
        if parent and parent not in roots:
            entry["parent"] = f"parent{len(handover.parents)}"
            handover.parents[entry["parent"]] = parent
        handover.imports.append(entry)
        old = from_core(
            spec.inputs, {k: v for k, v in (resource.get("inputs") or {}).items() if k != "__provider"}
        )
        carried = _unreadable(spec.inputs, old)
        if carried:
            handover.carried[_native_urn(resource["urn"], spec)] = carried
    used = {r.get("provider", "").rpartition("::")[0] for r in kept}
    handover.state["resources"] = [r for r in kept if r.get("type") != _PYTHON_PROVIDER or r["urn"] in used]
    return handover


def import_file(handover: Handover) -> dict[str, Any]:
    """``pulumi import --file`` content."""
    content: dict[str, Any] = {"resources": handover.imports}
    if handover.parents:
        content["nameTable"] = handover.parents
    return content


def _merge(target: dict[str, Any], extra: Mapping[str, Any]) -> None:
    for key, value in extra.items():
        current = target.get(key)
        if isinstance(value, Mapping) and SIG_KEY not in value and isinstance(current, dict):
            _merge(current, value)
        elif current is None:
            target[key] = value


def fill_unreadable(
    deployment: Mapping[str, Any], carried: Mapping[str, Mapping[str, Any]]
) -> dict[str, Any]:
    """The deployment after import, with the carried inputs set in each resource's inputs and outputs."""
    resources = []
    for resource in deployment.get("resources") or []:
        extra = carried.get(resource.get("urn", ""))
        if extra:
            resource = {**resource}
            for part in ("inputs", "outputs"):
                values = json.loads(json.dumps(resource.get(part) or {}))
                _merge(values, extra)
                resource[part] = values
        resources.append(resource)
    return {**deployment, "resources": resources}


class _Pulumi:
    """The ``pulumi`` CLI on one project and stack. States in clear travel through pipes, never files."""

    def __init__(self, cwd: Path, stack: str | None, binary: str = "pulumi") -> None:
        self.cwd, self.stack, self.binary = cwd, stack, binary

    def __call__(self, *args: str, stdin: str | None = None) -> str:
        # pulumi's --cwd, not the process's: a relative --pulumi path names a file where we were started.
        # No timeout: killing a migration half-way would leave the objects out of the state.
        where = ["--cwd", str(self.cwd), *(["--stack", self.stack] if self.stack else [])]
        return run_pulumi([*args, *where], cwd=None, timeout=None, input=stdin, pulumi=self.binary).stdout

    def export(self, *, show_secrets: bool = True) -> dict[str, Any]:
        exported: dict[str, Any] = json.loads(
            self("stack", "export", *(["--show-secrets"] if show_secrets else []))
        )
        return exported

    def import_state(self, exported: Mapping[str, Any]) -> None:
        self("stack", "import", stdin=json.dumps(exported))


def migrate(
    cwd: Path, stack: str | None, *, pulumi: str = "pulumi", out: Path | None = None
) -> list[dict[str, Any]]:
    """Migrate; returns the import entries (an empty list when there was nothing to migrate).

    The state as it was is saved first (secrets encrypted, as the backend keeps them) to
    ``.did-agents-migrate-<stack>-<time>.json`` in the project: ``pulumi stack import --file`` restores it.
    """
    cli = _Pulumi(cwd, stack, pulumi)
    exported = cli.export()
    handover = plan(exported.get("deployment") or {})
    if not handover.imports:
        return []
    backup = cwd / f".did-agents-migrate-{stack or 'stack'}-{int(time.time())}.json"
    backup.write_text(json.dumps(cli.export(show_secrets=False)))
    cli.import_state({**exported, "deployment": handover.state})
    with tempfile.TemporaryDirectory(prefix="did-agents-migrate-") as tmp:
        spec_file = Path(tmp) / "import.json"  # ids and names only
        spec_file.write_text(json.dumps(import_file(handover)))
        code = ["--out", str(out)] if out is not None else ["--generate-code=false"]
        cli("import", "--file", str(spec_file), "--yes", "--protect=false", "--skip-preview", *code)
    if handover.carried:
        imported = cli.export()
        cli.import_state(
            {**imported, "deployment": fill_unreadable(imported["deployment"], handover.carried)}
        )
    return handover.imports


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--cwd", type=Path, default=Path.cwd(), help="the Pulumi project (default: here)")
    parser.add_argument("--stack", help="the stack (default: the selected one)")
    parser.add_argument(
        "--out", type=Path, help="write the imported resources as program code (YAML projects)"
    )
    parser.add_argument("--pulumi", default="pulumi", help="the pulumi executable")


def run(args: argparse.Namespace) -> int:
    moved = migrate(args.cwd.resolve(), args.stack, pulumi=args.pulumi, out=args.out)
    if not moved:
        sys.stdout.write("nothing to migrate: the stack has no dynamic didagents resources\n")
        return EXIT_OK
    for entry in moved:
        sys.stdout.write(f"{entry['type']} {entry['name']} {entry['id']}\n")
    sys.stdout.write(
        f"migrated {len(moved)} resource(s). Declare them with the native resources under the same names, "
        "then `pulumi preview` should show no changes.\n"
    )
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="did-agents migrate", description=HELP)
    configure(parser)
    try:
        return run(parser.parse_args(argv))
    except CliError as exc:
        sys.stderr.write(f"migrate: error: {exc}\n")
        return exc.exit_code


if __name__ == "__main__":
    raise SystemExit(main())
