"""Exit codes of ``did-agents`` and the error that ends a command with one line on stderr."""

from __future__ import annotations

__all__ = ["EXIT_FAILED", "EXIT_OK", "EXIT_USAGE", "CliError"]

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
