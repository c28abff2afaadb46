"""The pytest plugin, run as a user runs it: a pytest subprocess on a folder with cases files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import yaml

from did_agents_emulator.testing import EmulatorServer

from .conftest import Kettle

PLUGIN = "pulumi_did_agents.conversations.pytest_plugin"
CASES = {
    "cases": [
        {"name": "warranty", "turns": [{"user": "How long is the warranty?", "facts": ["two years"]}]},
        {
            "name": "descaling",
            "turns": [{"user": "How often should I descale the kettle?", "facts": ["every week"]}],
        },
    ]
}
SHIPPING = {
    "cases": [
        {"name": "delivery", "turns": [{"user": "How long does delivery take?", "citations": ["Shipping"]}]}
    ]
}


def project(tmp_path: Path) -> Path:
    """A folder outside this repository: two cases files, an ordinary test and an ini pinning rootdir."""
    root = tmp_path / "suite"
    root.mkdir()
    (root / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    (root / "conversations.yaml").write_text(yaml.safe_dump(CASES), encoding="utf-8")
    (root / "shipping.conversations.yml").write_text(yaml.safe_dump(SHIPPING), encoding="utf-8")
    (root / "notes.yaml").write_text(yaml.safe_dump(CASES), encoding="utf-8")  # not a cases file name
    (root / "test_plain.py").write_text("def test_plain():\n    assert True\n", encoding="utf-8")
    return root


def pytest_run(root: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DID_", "PYTEST_"))}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", *args],
        cwd=root,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_each_case_is_a_test_item_with_its_reason(
    emulator: EmulatorServer, kettle: Kettle, tmp_path: Path
) -> None:
    root = project(tmp_path)
    junit = tmp_path / "pytest.xml"
    done = pytest_run(
        root,
        "-p",
        PLUGIN,  # the way to enable it where entry points are not loaded
        "--did-agent-id",
        kettle.agent_id,
        "--did-api-url",
        emulator.url,
        f"--junitxml={junit}",
        env={"DID_API_KEY": emulator.api_key, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"},
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert done.stdout.splitlines()[-1].startswith("1 failed, 3 passed")
    said = 'According to "Kettle manual": "Descale the kettle every month with white vinegar."'
    reason = f'score 0.00 < threshold 1.00: turn 1: missing fact "every week"; agent said: {said}'
    assert f"descaling ({kettle.agent_id}): FAIL: {reason}" in done.stdout
    assert '    failed: missing fact "every week"' in done.stdout
    assert emulator.api_key not in done.stdout + done.stderr
    cases = ET.parse(junit).getroot().iter("testcase")  # noqa: S314 - pytest's own output
    outcome = {(c.get("classname"), c.get("name")): [child.tag for child in c] for c in cases}
    assert outcome == {
        ("conversations.yaml", "warranty"): ["properties"],
        ("conversations.yaml", "descaling"): ["properties", "failure"],
        ("shipping.conversations.yml", "delivery"): ["properties"],
        ("test_plain", "test_plain"): [],
    }


def test_agent_from_the_environment_and_selection_by_name(
    emulator: EmulatorServer, kettle: Kettle, tmp_path: Path
) -> None:
    root = project(tmp_path)
    env = {"DID_API_KEY": emulator.api_key, "DID_API_URL": emulator.url, "DID_AGENT_ID": kettle.agent_id}
    # -p as well as the entry point (same name): loading it twice is a no-op.
    done = pytest_run(root, "-p", PLUGIN, "-k", "warranty or delivery", "-m", "conversation", "-rA", env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    passed = sorted(line for line in done.stdout.splitlines() if line.startswith("PASSED"))
    assert passed == [
        "PASSED conversations.yaml::warranty",
        "PASSED shipping.conversations.yml::delivery",
    ]


def test_inert_without_an_agent(tmp_path: Path) -> None:
    done = pytest_run(project(tmp_path), env={})
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[-1].startswith("1 passed")


def test_schema_errors_and_missing_key_are_one_line(emulator: EmulatorServer, tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "conversations.yaml").write_text(
        "cases:\n  - name: c\n    turns: [{usr: hi}]\n", encoding="utf-8"
    )
    env = {"DID_API_KEY": emulator.api_key, "DID_API_URL": emulator.url, "DID_AGENT_ID": "agt_x"}
    done = pytest_run(root, env=env)
    assert done.returncode == 2, done.stdout + done.stderr
    message = (
        f"{root / 'conversations.yaml'}: case 'c': turns[0].usr: unknown field (did you mean 'user'?) "
        "(and 1 more problem)"
    )
    assert f"\n{message}\n" in done.stdout
    assert "Traceback" not in done.stdout
    done = pytest_run(root, env={"DID_AGENT_ID": "agt_x"})
    assert done.returncode == 4
    assert done.stderr.strip() == (
        "ERROR: conversation tests: no D-ID API key configured: set the secret stack config "
        "didagents:apiKey, export DID_API_KEY, or pass api_key="
    )
