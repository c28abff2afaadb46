"""Write ``schema.json`` (the repository root), ``dynamic/_generated.py`` and ``_exports.py``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from . import build_schema, generate_exports, generate_python

PACKAGE = Path(__file__).resolve().parents[1]
SCHEMA = PACKAGE.parents[1] / "schema.json"
GENERATED = PACKAGE / "dynamic" / "_generated.py"
EXPORTS = PACKAGE / "_exports.py"


def render_schema() -> str:
    return json.dumps(build_schema(), indent=2, ensure_ascii=False) + "\n"


def main() -> int:
    SCHEMA.write_text(render_schema())
    GENERATED.write_text(generate_python())
    EXPORTS.write_text(generate_exports())
    sys.stdout.write(f"wrote {SCHEMA}, {GENERATED} and {EXPORTS}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
