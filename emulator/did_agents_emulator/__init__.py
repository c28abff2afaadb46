"""Local emulator of the D-ID Agents API (agents, knowledge, documents, chat, ratings, exports,
stream signalling, sessions, client keys).

Its reference is the real API, as D-ID's official SDK and docs show it (``docs/api-decisions.md``);
how to run it is in ``docs/emulator.md``.
"""

__all__ = ["__version__"]

__version__ = "0.1.0"
