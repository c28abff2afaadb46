"""The SDK the browser test loads is byte for byte the one npm published, at the pinned versions."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import tarfile

import pytest

from .sdk_package import BUILDS, SDK_DIR, SdkBuild, cached_tarball


@pytest.mark.parametrize("build", BUILDS.values(), ids=BUILDS)
def test_served_sdk_is_the_published_tarball(build: SdkBuild) -> None:
    """sha512 of npm's tarball = package-lock's ``integrity``; every file of ``dist`` is identical."""
    dist = build.require_installed()
    entry = build.lock_entry()
    assert entry["version"] == build.version
    tarball = cached_tarball(entry["integrity"]).read_bytes()
    digest = base64.b64encode(hashlib.sha512(tarball).digest()).decode()
    assert f"sha512-{digest}" == entry["integrity"]

    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
        published = {
            member.name.removeprefix("package/dist/"): archive.extractfile(member).read()  # type: ignore[union-attr]
            for member in archive.getmembers()
            if member.isfile() and member.name.startswith("package/dist/")
        }
    installed = {str(path.relative_to(dist)): path.read_bytes() for path in dist.rglob("*") if path.is_file()}
    assert installed.keys() == published.keys()
    changed = sorted(name for name in published if installed[name] != published[name])
    assert changed == [], f"files differ from the published {build.version} tarball: {changed}"


def test_versions_are_pinned_exactly() -> None:
    """No ranges in package.json: the lock and the manifest name the same two versions."""
    manifest = json.loads((SDK_DIR / "package.json").read_text())
    assert manifest["dependencies"] == {
        "@d-id/client-sdk": "2.0.10",
        "client-sdk-1": "npm:@d-id/client-sdk@1.2.10",
    }
    assert {build.version for build in BUILDS.values()} == {"2.0.10", "1.2.10"}
