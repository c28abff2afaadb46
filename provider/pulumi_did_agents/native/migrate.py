"""Deprecated entry point: ``python -m pulumi_did_agents.native.migrate`` is ``did-agents migrate``."""

from __future__ import annotations

import sys

from ..cli.migrate import main

if __name__ == "__main__":
    sys.stderr.write("note: this entry point is deprecated; use `did-agents migrate`\n")
    raise SystemExit(main())
