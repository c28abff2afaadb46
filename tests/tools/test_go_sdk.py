"""The Go SDK committed in sdk/go is what tools/sdkgen makes of schema.json now, and the Go pieces
agree on one Pulumi Go SDK version.

Why committed: examples/go-fleet (and any Go program of a checkout) imports it through a `replace`
to ../../sdk/go, with no generation step before `pulumi up`; this test keeps it from going stale.
After a schema change: `make generate` (or `tools/sdkgen/gen-sdk.sh go sdk/go`).
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from tests.tools.cli import ROOT

pytestmark = pytest.mark.engine

SCHEMA = ROOT / "schema.json"
GO_SDK = ROOT / "sdk" / "go"
PULUMI_SDK = "github.com/pulumi/pulumi/sdk/v3"


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def required(go_mod: Path, module: str) -> str:
    """The version a go.mod requires of a module (either require form)."""
    match = re.search(rf"^\s*(?:require\s+)?{re.escape(module)}\s+(v\S+)", go_mod.read_text(), re.M)
    assert match, f"{go_mod} does not require {module}"
    return match.group(1)


def test_sdk_go_is_what_sdkgen_makes_of_schema_json(tmp_path: Path) -> None:
    out = tmp_path / "go"
    result = subprocess.run(
        ["bash", "tools/sdkgen/gen-sdk.sh", "go", str(out), str(SCHEMA)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )
    assert result.returncode == 0, f"gen-sdk.sh go failed:\n{result.stdout}\n{result.stderr}"

    generated, committed = tree(out), tree(GO_SDK)
    hint = "sdk/go is stale: run `make generate` (or tools/sdkgen/gen-sdk.sh go sdk/go) and commit it"
    assert sorted(committed) == sorted(generated), hint
    assert [name for name in generated if generated[name] != committed[name]] == [], hint

    schema = json.loads(SCHEMA.read_text())
    sources = b"\n".join(body for name, body in committed.items() if name.endswith(".go")).decode()
    for token in schema["resources"]:
        assert f'"{token}"' in sources and f"func New{token.rpartition(':')[2]}(" in sources, token


def test_go_programs_use_the_pulumi_sdk_the_cli_is_built_from() -> None:
    cli = required(ROOT / "tools" / "pulumi-cli" / "go.mod", PULUMI_SDK)
    assert required(GO_SDK / "go.mod", PULUMI_SDK) == cli
    assert required(ROOT / "examples" / "go-fleet" / "go.mod", PULUMI_SDK) == cli
