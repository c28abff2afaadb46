"""Alias for state written by earlier versions: their pickled provider names this module."""

from ..dynamic.provider import KnowledgeBaseProvider

__all__ = ["KnowledgeBaseProvider"]
