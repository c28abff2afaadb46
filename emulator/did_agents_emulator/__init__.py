"""Local emulator of the D-ID Agents API (agents, knowledge, documents, chat, sessions, client keys).

Written against the contract and ``docs/api-decisions.md`` so the provider's tests can run offline.
"""

__all__ = ["__version__"]

__version__ = "0.1.0"
