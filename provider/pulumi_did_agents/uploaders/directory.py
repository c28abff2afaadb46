"""``DirectoryUploader``: publish into a folder that a web server serves (or as ``file://`` URLs).

Useful with the emulator and for static hosting; the real D-ID API needs an http(s) URL it can reach.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from urllib.parse import quote

from .base import UploaderError, content_key, file_digest

__all__ = ["DirectoryUploader"]


class DirectoryUploader:
    """Copy files to ``root/{prefix}{sha256}/{name}``; URLs are ``base_url/key``, else ``file://``."""

    def __init__(
        self, root: str | os.PathLike[str], *, base_url: str | None = None, prefix: str = ""
    ) -> None:
        self.root = Path(root)
        self.base_url = base_url.rstrip("/") if base_url else None
        self.prefix = prefix

    def __repr__(self) -> str:
        return (
            f"DirectoryUploader(root={str(self.root)!r}, base_url={self.base_url!r}, prefix={self.prefix!r})"
        )

    def publish(self, path: str | os.PathLike[str], *, content_type: str | None = None) -> str:
        """Copy ``path`` unless the same content is already there; ``content_type`` is up to the server."""
        digest, size = file_digest(path)
        key = content_key(path, digest, prefix=self.prefix)
        target = self.root / key
        try:
            if not (target.is_file() and target.stat().st_size == size):
                target.parent.mkdir(parents=True, exist_ok=True)
                # Copy then rename, so a reader never sees half a file under the final name.
                with tempfile.NamedTemporaryFile(dir=target.parent, delete=False) as handle:
                    with open(path, "rb") as source:
                        shutil.copyfileobj(source, handle)
                os.replace(handle.name, target)
        except OSError as exc:
            raise UploaderError(
                f"publishing {os.fspath(path)} to {target} failed: {exc.strerror or exc}"
            ) from None
        if self.base_url is None:
            return target.resolve().as_uri()
        return f"{self.base_url}/{quote(key)}"
