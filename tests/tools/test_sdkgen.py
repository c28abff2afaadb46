"""A TypeScript SDK generated from the repo's schema.json (tools/sdkgen) compiles with tsc.

The schema is read when the test runs (it is regenerated as the provider changes), so every
resource it declares is checked, whatever they are at the time. Go (or the cached sdkgen) and npm
are needed; the scripts fail with a clear message without them.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.tools.cli import ROOT

pytestmark = pytest.mark.engine

SCHEMA = ROOT / "schema.json"


def script(*args: str) -> str:
    result = subprocess.run(
        ["bash", *args], cwd=ROOT, capture_output=True, text=True, check=False, timeout=900
    )
    assert result.returncode == 0, (
        f"{' '.join(args)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
    )
    return result.stdout


def test_the_typescript_sdk_of_schema_json_compiles(tmp_path: Path) -> None:
    schema = json.loads(SCHEMA.read_text())
    sdk = tmp_path / "nodejs"

    script("tools/sdkgen/gen-sdk.sh", "nodejs", str(sdk), str(SCHEMA))

    package = json.loads((sdk / "package.json").read_text())
    assert package["pulumi"]["name"] == schema["name"]
    sources = "\n".join(p.read_text() for p in sdk.rglob("*.ts"))
    for token in schema.get("resources", {}):
        assert f"__pulumiType = '{token}'" in sources, f"no class for {token}"

    script("tools/sdkgen/typecheck-sdk.sh", str(sdk))

    assert (sdk / "bin" / "index.js").is_file()
    assert (sdk / "bin" / "index.d.ts").is_file()
