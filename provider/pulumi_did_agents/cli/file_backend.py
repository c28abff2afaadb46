"""Repairs a ``file://`` backend's checkpoint that a SIGKILL left unreadable.

The ``file://`` backend (gocloud's fileblob) saves a checkpoint in three moves: the new state to
``<stack>.json.<random>.tmp``, its metadata to the ``<stack>.json.attrs`` sidecar (truncated, then
written in place), then a rename of the temporary file over ``<stack>.json``. A kill between the
truncation and the write leaves an empty sidecar, and every later command fails with ``failed to
load checkpoint: EOF``. ``<stack>.json`` is then still the previous, complete checkpoint; a
missing sidecar is read as "no metadata". So removing the broken sidecar restores the last
complete state, one step behind at most: what that step made carries its ownership marker and is
adopted by the next ``pulumi up``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ._errors import CliError
from ._pulumi import run_pulumi

__all__ = ["repair_checkpoint"]

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
