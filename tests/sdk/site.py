"""The customer's website on a loopback port: the page, the pinned SDK builds and the handbook document.

Files are served byte for byte from their folders (the SDK from ``node_modules/.../dist``); nothing is
rewritten or bundled. The same server answers as ``http://127.0.0.1:PORT`` and ``http://localhost:PORT``,
two different origins, which the client-key origin test relies on.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import unquote, urlencode, urlsplit

from .sdk_package import BUILDS, SDK_DIR

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",  # module scripts need a JavaScript MIME type
    ".md": "text/markdown; charset=utf-8",
}


def default_mounts() -> dict[str, Path]:
    """URL prefix → folder: the page at ``/``, each SDK build at ``/sdk/<version>/``, documents at
    ``/docs/``."""
    mounts = {f"/sdk/{version}/": build.dist for version, build in BUILDS.items()}
    mounts["/docs/"] = SDK_DIR / "docs"
    mounts["/"] = SDK_DIR / "page"
    return mounts


class StaticSite:
    """A read-only static file server in a daemon thread; a context manager."""

    def __init__(self, mounts: Mapping[str, Path] | None = None) -> None:
        self.mounts = dict(mounts or default_mounts())
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self.mounts))
        self.port: int = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, name="sdk-site", daemon=True)

    def origin(self, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}"

    def page_url(self, *, host: str = "127.0.0.1", **params: str) -> str:
        return f"{self.origin(host)}/index.html?{urlencode(params)}"

    def __enter__(self) -> StaticSite:
        self._thread.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


def _resolve(mounts: Mapping[str, Path], url_path: str) -> Path | None:
    """The file for a URL path, never outside its mount (longest prefix wins)."""
    for prefix in sorted(mounts, key=len, reverse=True):
        if url_path.startswith(prefix):
            root = mounts[prefix].resolve()
            candidate = (root / unquote(url_path[len(prefix) :])).resolve()
            if candidate.is_relative_to(root) and candidate.is_file():
                return candidate
            return None
    return None


def _handler(mounts: Mapping[str, Path]) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            path = _resolve(mounts, urlsplit(self.path).path)
            if path is None:
                self.send_error(HTTPStatus.NOT_FOUND)
                return
            body = path.read_bytes()
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", CONTENT_TYPES.get(path.suffix, "application/octet-stream"))
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - overrides the stdlib
            """Quiet: pytest shows failures, not every file served."""

    return Handler
