"""The chaos release, a Pulumi program: one Agent whose knowledge ships as blue/green releases.

Copied into a project directory as ``__main__.py`` beside ``release.json`` (how many documents,
how many earlier releases to keep), ``docs/`` and ``cases.yaml``. Editing a document makes the
next ``pulumi up`` ship a release: a knowledge base, its documents, a candidate agent gated by the
cases, one ``PATCH`` of the live agent, the candidate's delete, and the pruning of old releases.
"""

from __future__ import annotations

import json
from pathlib import Path

import pulumi

from pulumi_did_agents.dynamic import (
    Agent,
    LlmArgs,
    PresenterArgs,
    ReleaseArgs,
    ReleaseDocumentArgs,
    VoiceArgs,
)

HERE = Path.cwd()
sizes = json.loads((HERE / "release.json").read_text())

agent = Agent(
    "support",
    name="support",
    description="Answers from the handbook",
    presenter=PresenterArgs(
        type="clip",
        presenter_id="v2_public_Amber@0zSz8kflCN",
        voice=VoiceArgs(type="microsoft", voice_id="en-US-JennyMultilingualV2Neural"),
    ),
    llm=LlmArgs(provider="openai", model="gpt-4o-mini", instructions="Answer from the handbook."),
    release=ReleaseArgs(
        documents=[
            ReleaseDocumentArgs(source_url=(HERE / "docs" / f"doc{d}.md").as_uri(), title=f"Handbook {d}")
            for d in range(sizes["documents"])
        ],
        cases_file=str(HERE / "cases.yaml"),
        keep=sizes["keep"],
    ),
)

pulumi.export("agent_id", agent.agent_id)
pulumi.export("live_release", agent.live_release)
