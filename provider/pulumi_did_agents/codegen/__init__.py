"""Generated artefacts of the declarations: ``schema.json``, the dynamic front end's typed surface and
the client's body models, the core's typed inputs and ``docs/reference.md``.

``python -m pulumi_did_agents.codegen`` (``make generate``) rewrites them all; tests fail when one is
stale, so a field added to a declaration appears everywhere or the suite says what to run.
"""

from .python import generate_client_models, generate_exports, generate_python, generate_typed_inputs
from .schema import build_schema, generate_reference

__all__ = [
    "build_schema",
    "generate_client_models",
    "generate_exports",
    "generate_python",
    "generate_reference",
    "generate_typed_inputs",
]
