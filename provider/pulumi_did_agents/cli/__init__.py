"""``did-agents``: the command line of pulumi-did-agents, one module per subcommand (``init`` is a
class in ``stacks``), and how a subcommand ends.

Each subcommand module (or class) has ``NAME``, ``HELP``, ``configure(parser)`` and
``run(args) -> int``; adding one is adding its module's name to :data:`SUBCOMMANDS`. A subcommand
returns an exit code or raises :class:`CliError`, which ends it with one line on stderr and exit
code 2 (``DID_AGENTS_DEBUG=1`` adds the traceback); a failed check exits 1. Running the pulumi CLI
for a subcommand is ``stacks.run_pulumi``.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import traceback
from collections.abc import Callable, Sequence
from typing import NoReturn, Protocol, cast

from .._version import __version__
from ..client import DidAgentsError
from ..errors import DEBUG_ENV, debug_enabled

__all__ = [
    "EXIT_FAILED",
    "EXIT_OK",
    "EXIT_USAGE",
    "SUBCOMMANDS",
    "CliError",
    "Subcommand",
    "build_parser",
    "load_subcommand",
    "main",
]

PROG = "did-agents"

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


class Subcommand(Protocol):
    NAME: str
    HELP: str

    def configure(self, parser: argparse.ArgumentParser) -> None: ...

    def run(self, args: argparse.Namespace) -> int: ...


SUBCOMMANDS: tuple[str, ...] = (
    "stacks:Init",
    "test",
    "releases",
    "rollback",
    "orphans",
    "recover",
    "migrate",
)
"""Where each subcommand is, in the order ``--help`` lists them: a module of this package, or
``module:Class`` for a subcommand that shares a module (the class has the same four names)."""


def load_subcommand(where: str) -> Subcommand:
    module, _, name = where.partition(":")
    loaded = importlib.import_module(f"{__name__}.{module}")
    return cast(Subcommand, getattr(loaded, name) if name else loaded)


class _Parser(argparse.ArgumentParser):
    """Usage errors as one line (argparse prints the whole usage first), exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description="Work with D-ID agents deployed by pulumi-did-agents.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True, parser_class=_Parser)
    for command in map(load_subcommand, SUBCOMMANDS):
        sub = commands.add_parser(command.NAME, help=command.HELP, description=command.HELP)
        command.configure(sub)
        sub.set_defaults(handler=command.run)
    return parser


def _fail(message: str, code: int) -> int:
    if debug_enabled():
        traceback.print_exc()
    sys.stderr.write(f"{PROG}: error: {message}\n")
    return code


def main(argv: Sequence[str] | None = None) -> int:
    """Run one subcommand and return its exit code (``[project.scripts]`` passes it to ``sys.exit``)."""
    args = build_parser().parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except CliError as exc:
        return _fail(str(exc), exc.exit_code)
    except DidAgentsError as exc:  # configuration (no API key) or an API error outside a case
        return _fail(str(exc), EXIT_USAGE)
    except KeyboardInterrupt:
        return _fail("interrupted", 130)
    except Exception as exc:  # noqa: BLE001 - one line instead of a traceback, as promised
        return _fail(
            f"unexpected {type(exc).__name__}: {exc} (set {DEBUG_ENV}=1 for the traceback)", EXIT_USAGE
        )
