"""Alias for state written by earlier versions: their pickled provider names this module."""

from ..dynamic.provider import AgentProvider

__all__ = ["AgentProvider"]
