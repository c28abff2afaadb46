"""A virtualenv lacking the pack's requirements stops the pack with one message saying how to fix it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml
from pack_requirements import REQUIREMENTS, message, missing_requirements

POLICY_DIR = Path(__file__).resolve().parents[2] / "policy"


def test_this_virtualenv_has_everything() -> None:
    assert missing_requirements() == []


def test_missing_modules_are_named_with_what_to_install() -> None:
    def find_spec(module: str) -> Any:
        return None if module in ("pulumi_policy", "pulumi_did_agents") else object()

    missing = missing_requirements(find_spec)
    assert missing == [REQUIREMENTS["pulumi_policy"], REQUIREMENTS["pulumi_did_agents"]]
    text = message(missing, "/srv/pack/.venv/bin/python")
    assert "\n" not in text and "/srv/pack/.venv/bin/python" in text
    assert "pulumi-policy" in text and "virtualenv" in text and "requirements.txt" in text


def test_the_entry_point_exits_with_the_message_instead_of_an_import_error() -> None:
    """``-S``: an interpreter without site-packages, like a virtualenv nothing was installed into."""
    result = subprocess.run(
        [sys.executable, "-S", "__main__.py"], cwd=POLICY_DIR, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "ImportError" not in result.stderr
    assert result.stderr.startswith("did-agents-guardrails: the Python running this policy pack")
    assert "runtime.options.virtualenv" in result.stderr


def test_the_project_file_says_how_to_point_at_a_virtualenv() -> None:
    text = (POLICY_DIR / "PulumiPolicy.yaml").read_text()
    assert yaml.safe_load(text)["runtime"]["options"]["virtualenv"] == "../.venv"
    assert "fork/exec" in text and "pip install -r requirements.txt" in text
    readme = (POLICY_DIR / "README.md").read_text()
    assert "Using the pack outside this repository" in readme and "fork/exec" in readme
