"""A fleet project directory for the kill and fault runs: the program, its sizes, its documents."""

from __future__ import annotations

import json
import shutil
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

__all__ = ["Fleet", "write_project"]

PROGRAM = Path(__file__).with_name("fleet_program.py")


@dataclass(frozen=True)
class Fleet:
    knowledge_bases: int = 3
    documents_per_kb: int = 2
    agents: int = 3
    keys_per_agent: int = 1
    expose_keys: bool = True
    """``False``: keys are not outputs (``ClientKey(expose_key=False)``), as docs/secrets.md advises."""

    @property
    def creates(self) -> int:
        """POSTs of a clean ``pulumi up``: one per resource."""
        documents = self.knowledge_bases * self.documents_per_kb
        return self.knowledge_bases + documents + self.agents * (1 + self.keys_per_agent)


def write_project(directory: Path, fleet: Fleet, *, name: str = "chaos-fleet") -> Path:
    """A Pulumi project of ``fleet`` in ``directory``, run with this interpreter's virtualenv."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "Pulumi.yaml").write_text(
        f"name: {name}\nruntime:\n  name: python\n  options:\n    virtualenv: {Path(sys.prefix)}\n"
    )
    shutil.copyfile(PROGRAM, directory / "__main__.py")
    (directory / "fleet.json").write_text(json.dumps(asdict(fleet)))
    docs = directory / "docs"
    docs.mkdir(exist_ok=True)
    for k in range(fleet.knowledge_bases):
        for d in range(fleet.documents_per_kb):
            (docs / f"kb{k}-doc{d}.md").write_text(
                f"# Document {k}.{d}\n\nFact {k}.{d}: the answer to question {k}{d} is {k * 10 + d}.\n"
            )
    return directory
