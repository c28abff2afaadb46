"""Where the pinned builds of D-ID's client SDK live, and how to prove they are the published bytes.

``make sdk-deps`` runs ``npm ci`` in tests/sdk: npm checks each tarball against the sha512 ``integrity``
in the committed package-lock.json and keeps the tarball in its content-addressed cache. The tests
serve ``node_modules/<package>/dist`` as it is; ``test_sdk_package.py`` compares it with that tarball.
"""

from __future__ import annotations

import base64
import json
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest

SDK_DIR = Path(__file__).resolve().parent
LOCK_FILE = SDK_DIR / "package-lock.json"
INSTALL_HINT = "run `make sdk-deps` (npm ci in tests/sdk)"


@dataclass(frozen=True)
class SdkBuild:
    """One pinned version of ``@d-id/client-sdk`` as npm installed it."""

    version: str
    install_path: str
    """Key in package-lock.json and folder under tests/sdk (the 1.x build is installed under an npm alias)."""

    @property
    def dist(self) -> Path:
        return SDK_DIR / self.install_path / "dist"

    def lock_entry(self) -> dict[str, Any]:
        entry: dict[str, Any] = _lock()["packages"][self.install_path]
        return entry

    def require_installed(self) -> Path:
        """The dist folder, or a test failure that says how to install it."""
        if not (self.dist / "index.js").is_file():
            pytest.fail(f"@d-id/client-sdk {self.version} is not installed in {self.dist}: {INSTALL_HINT}")
        return self.dist


V2 = SdkBuild("2.0.10", "node_modules/@d-id/client-sdk")
V1 = SdkBuild("1.2.10", "node_modules/client-sdk-1")
BUILDS = {build.version: build for build in (V2, V1)}


@cache
def _lock() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(LOCK_FILE.read_text())
    return data


def cached_tarball(integrity: str) -> Path:
    """The tarball npm fetched for ``integrity`` (``sha512-<base64>``), from npm's content-addressed cache."""
    algorithm, _, digest = integrity.partition("-")
    hex_digest = base64.b64decode(digest).hex()
    npm_cache = subprocess.run(
        ["npm", "config", "get", "cache"], capture_output=True, text=True, check=True, cwd=SDK_DIR
    ).stdout.strip()
    path = Path(
        npm_cache, "_cacache", "content-v2", algorithm, hex_digest[:2], hex_digest[2:4], hex_digest[4:]
    )
    if not path.is_file():
        pytest.fail(
            f"npm's cache has no tarball for {integrity} ({path}): {INSTALL_HINT} after `npm cache verify`"
        )
    return path
