"""Running the pulumi CLI for a subcommand (non-interactive, output captured, failures as one line),
and how a subcommand ends: its exit codes and the error that ends it with one line on stderr."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

__all__ = [
    "EXIT_FAILED",
    "EXIT_OK",
    "EXIT_USAGE",
    "PULUMI_TIMEOUT",
    "CliError",
    "add_cwd_argument",
    "last_line",
    "project_dir",
    "run_pulumi",
]

EXIT_OK = 0
EXIT_FAILED = 1
"""The command ran and found a problem (e.g. a conversation case failed)."""
EXIT_USAGE = 2
"""The command could not run: bad arguments, configuration, an unreadable file, an unusable agent."""


class CliError(Exception):
    """Stops a command: ``main`` prints ``did-agents: error: <message>`` and exits with ``exit_code``."""

    def __init__(self, message: str, *, exit_code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.exit_code = exit_code


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
