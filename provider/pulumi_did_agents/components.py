"""Component resources built from the resources (program-side, Python programs).

``KnowledgeFolder``: a folder (or glob) of files, one ``Document`` per file.

Each document is named after its file's path in the folder, so adding, editing and removing files
maps to creating, replacing and deleting exactly those documents, and nothing else changes. A file's
content hash is part of its document's inputs (the provider computes it), which is what makes an
edit a replacement. The API's limit of five documents per knowledge base is checked when the
program runs, so a preview fails before anything is created, naming the files.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pulumi

from ._tokens import MODULE
from .dynamic import Document
from .spec.knowledge import MAX_DOCUMENTS_PER_KNOWLEDGE

__all__ = ["KnowledgeFolder", "folder_files"]


def _default_title(relative: Path) -> str:
    return relative.stem.replace("-", " ").replace("_", " ").strip().capitalize() or relative.name


def folder_files(folder: Path, patterns: Sequence[str]) -> list[Path]:
    """Regular, non-hidden files under ``folder`` matching any pattern, sorted by path."""
    found: set[Path] = set()
    for pattern in patterns:
        for path in folder.glob(pattern):
            relative = path.relative_to(folder)
            if path.is_file() and not any(part.startswith(".") for part in relative.parts):
                found.add(path)
    return sorted(found)


class KnowledgeFolder(pulumi.ComponentResource):
    """Keep a knowledge base's documents equal to the files of a folder.

    >>> docs = KnowledgeFolder("handbook", knowledge_id=kb.knowledge_id, path="docs", patterns=["*.md"])
    >>> agent = Agent(..., opts=pulumi.ResourceOptions(depends_on=[docs]))

    ``title`` turns a file's path (relative to the folder) into its document's title; by default
    ``returns-policy.md`` becomes "Returns policy". ``max_documents`` is the API's limit per
    knowledge base; lower it if the knowledge base holds other documents too.
    """

    documents: dict[str, Document]
    """Documents by the file's path relative to the folder (``guides/returns.md``)."""

    def __init__(
        self,
        resource_name: str,
        *,
        knowledge_id: pulumi.Input[str],
        path: str | Path,
        patterns: Sequence[str] = ("*",),
        title: Callable[[Path], str] = _default_title,
        max_documents: int = MAX_DOCUMENTS_PER_KNOWLEDGE,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(f"{MODULE}:index:KnowledgeFolder", resource_name, None, opts)
        folder = Path(path).resolve()
        if not folder.is_dir():
            raise pulumi.RunError(f"KnowledgeFolder {resource_name}: {folder} is not a folder")
        files = folder_files(folder, patterns)
        if not files:
            raise pulumi.RunError(
                f"KnowledgeFolder {resource_name}: no file in {folder} matches {', '.join(patterns)}"
            )
        if len(files) > max_documents:
            names = ", ".join(str(f.relative_to(folder)) for f in files)
            raise pulumi.RunError(
                f"KnowledgeFolder {resource_name}: {len(files)} files match in {folder}, but a knowledge "
                f"base holds at most {max_documents} documents: {names}"
            )
        child = pulumi.ResourceOptions(parent=self)
        self.documents = {}
        for file in files:
            relative = file.relative_to(folder)
            self.documents[relative.as_posix()] = Document(
                f"{resource_name}/{relative.as_posix()}",
                knowledge_id=knowledge_id,
                source_url=file.as_uri(),
                title=title(relative),
                opts=child,
            )
        self.document_ids = pulumi.Output.from_input({name: doc.id for name, doc in self.documents.items()})
        self.register_outputs({"document_ids": self.document_ids})
