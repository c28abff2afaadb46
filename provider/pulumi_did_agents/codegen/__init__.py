"""Generated artefacts of the declarations: ``schema.json`` and the dynamic front end's typed surface.

``python -m pulumi_did_agents.codegen`` (``make generate``) rewrites both; tests fail when either is
stale, so a field added to a declaration appears everywhere or the suite says what to run.
"""

from .python import generate_exports, generate_python
from .schema import build_schema

__all__ = ["build_schema", "generate_exports", "generate_python"]
