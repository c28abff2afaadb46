"""tools/nodejs/build-sdk.sh makes the generated TypeScript SDK an installable package folder, once
per schema: the package programs depend on with ``file:`` (examples/typescript-fleet)."""

from __future__ import annotations

import json
import subprocess

import pytest

from tests.tools.cli import ROOT

pytestmark = pytest.mark.engine  # Go (or the cached sdkgen) and npm, as tests/tools/test_sdkgen.py

PACKAGE = ROOT / ".tools" / "sdk" / "nodejs"


def build() -> str:
    result = subprocess.run(
        ["bash", "tools/nodejs/build-sdk.sh"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )
    assert result.returncode == 0, f"build-sdk.sh failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def test_the_sdk_package_is_built_from_schema_json_and_then_reused() -> None:
    schema = json.loads((ROOT / "schema.json").read_text())
    build()
    manifest = json.loads((PACKAGE / "package.json").read_text())
    assert manifest["name"] == schema["language"]["nodejs"]["packageName"]
    assert manifest["pulumi"]["name"] == schema["name"]
    # Compiled, at the package root: `require` finds index.js, TypeScript index.d.ts, and the SDK's
    # utilities read the version from ./package.json beside them.
    assert (PACKAGE / "index.js").is_file() and (PACKAGE / "index.d.ts").is_file()
    sources = [p.name for p in PACKAGE.rglob("*.ts") if not p.name.endswith(".d.ts")]
    assert (PACKAGE / "utilities.js").is_file() and sources == []
    stamp = (PACKAGE / ".key").stat().st_mtime_ns

    assert build() == ""  # nothing changed: nothing rebuilt, nothing said
    assert (PACKAGE / ".key").stat().st_mtime_ns == stamp
