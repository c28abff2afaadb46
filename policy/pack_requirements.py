"""What the pack needs in the Python that runs it, checked before anything else is imported.

Standard library only: this runs in whichever interpreter ``PulumiPolicy.yaml`` led the CLI to, which
may lack everything else. A missing requirement ends the pack with one message saying what is
missing, which interpreter lacked it, and how to point the pack at a virtualenv that has it.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from typing import Any

__all__ = ["REQUIREMENTS", "exit_unless_installed", "missing_requirements"]

REQUIREMENTS = {
    "pulumi": "pulumi",
    "pulumi_policy": "pulumi-policy",
    "pulumi_did_agents": "pulumi-did-agents (this repository: pip install <repository root>)",
}
"""Importable module → what to install for it."""


def missing_requirements(find_spec: Callable[[str], Any] = importlib.util.find_spec) -> list[str]:
    """What to install, one entry per module this interpreter cannot import."""
    missing = []
    for module, package in REQUIREMENTS.items():
        try:
            found = find_spec(module)
        except (ImportError, ValueError):
            found = None
        if found is None:
            missing.append(package)
    return missing


def message(missing: list[str], executable: str) -> str:
    return (
        f"did-agents-guardrails: the Python running this policy pack ({executable}) lacks "
        f"{', '.join(missing)}. Point `runtime.options.virtualenv` in PulumiPolicy.yaml at a "
        "virtualenv that has them (an absolute path, or relative to the pack's directory), e.g.: "
        "python3 -m venv .venv && .venv/bin/pip install -r requirements.txt <path to pulumi-did-agents> "
        "and set `virtualenv: .venv` (see README.md, 'Using the pack outside this repository')."
    )


def exit_unless_installed() -> None:
    missing = missing_requirements()
    if missing:
        sys.stderr.write(message(missing, sys.executable) + "\n")
        raise SystemExit(1)
