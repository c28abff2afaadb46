"""Write ``schema.json`` (the repository root), ``docs/reference.md``, ``_exports.py`` and the
``_generated.py`` of ``dynamic/``, ``client/`` and ``spec/``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from . import (
    build_schema,
    generate_client_models,
    generate_exports,
    generate_python,
    generate_reference,
    generate_typed_inputs,
)

PACKAGE = Path(__file__).resolve().parents[1]
SCHEMA = PACKAGE.parents[1] / "schema.json"
GENERATED = PACKAGE / "dynamic" / "_generated.py"
EXPORTS = PACKAGE / "_exports.py"
CLIENT_MODELS = PACKAGE / "client" / "_generated.py"
REFERENCE = PACKAGE.parents[1] / "docs" / "reference.md"
TYPED_INPUTS = PACKAGE / "spec" / "_generated.py"


def render_schema() -> str:
    return json.dumps(build_schema(), indent=2, ensure_ascii=False) + "\n"


def main() -> int:
    SCHEMA.write_text(render_schema())
    GENERATED.write_text(generate_python())
    EXPORTS.write_text(generate_exports())
    CLIENT_MODELS.write_text(generate_client_models())
    REFERENCE.write_text(generate_reference())
    TYPED_INPUTS.write_text(generate_typed_inputs())
    sys.stdout.write(f"wrote {SCHEMA}, {REFERENCE} and the generated modules\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
