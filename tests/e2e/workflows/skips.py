"""What the CI runners do not execute, each with its reason. Everything else in the files runs.

Only machine set-up is skipped: the suite already runs on a machine set up the same way
(`make install` builds .venv with the pipelines' pip command, `make cli` the pinned CLI), and
repeating it would need the network and minutes per job.
"""

from __future__ import annotations

from .jobs import Skip

__all__ = ["ACTIONS", "COMMANDS", "drop_setup_commands"]

_CLI = "installs the pinned pulumi CLI; the suite's CLI is built from the same version (the test checks it)"

ACTIONS: dict[str, str] = {
    "actions/checkout": "the runner copies the repository into each job's workspace itself",
    "actions/setup-python": "the suite's own Python 3.11 virtualenv is the checkout's .venv",
    "pulumi/actions": _CLI,
    "actions/upload-artifact": "stores a file on GitHub; the runner keeps it in the job's artifacts folder",
}
"""`uses:` steps (GitHub), by action name without the version. An action not listed fails the run."""

COMMANDS: dict[str, str] = {
    "python -m venv .venv": "the checkout's .venv is the suite's, built by `make install` with this command",
    ".venv/bin/pip install": "the checkout's .venv is the suite's, built by `make install` with this command",
    "apt-get ": "installs curl into the CI image; the runner machine has its tools",
    "curl -fsSL https://get.pulumi.com": _CLI,
}
"""Commands inside `run:` steps and GitLab scripts, by how their line starts."""


def drop_setup_commands(lines: list[str]) -> tuple[list[str], list[tuple[str, Skip]]]:
    """`lines` without the set-up commands of :data:`COMMANDS`, and what was dropped (with why).

    A command is dropped only when it is one whole line: a line continued from the previous one
    (`\\`), or continuing onto the next, is an error rather than half a command.
    """
    kept: list[str] = []
    dropped: list[tuple[str, Skip]] = []
    for index, line in enumerate(lines):
        reason = next((why for start, why in COMMANDS.items() if line.strip().startswith(start)), None)
        if reason is None:
            kept.append(line)
            continue
        continued = index > 0 and lines[index - 1].rstrip().endswith("\\")
        if continued or line.rstrip().endswith("\\"):
            raise ValueError(f"cannot skip a command continued over several lines: {line.strip()!r}")
        dropped.append((line.strip(), Skip(reason)))
    return kept, dropped
