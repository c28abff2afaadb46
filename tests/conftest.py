"""Suite-wide set-up: the built Pulumi CLI on PATH for engine tests run outside `make`."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_CLI = ROOT / ".tools" / "pulumi" / "bin"

if _CLI.is_dir() and str(_CLI) not in os.environ.get("PATH", "").split(os.pathsep):
    os.environ["PATH"] = f"{_CLI}{os.pathsep}{os.environ.get('PATH', '')}"
