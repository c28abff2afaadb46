"""Component resources built from the four resources (program-side, Python programs)."""

from .knowledge_folder import KnowledgeFolder, folder_files

__all__ = ["KnowledgeFolder", "folder_files"]
