"""End to end: publish a markdown file to the S3-compatible server, let the emulator fetch it, chat.

The emulator fetches http(s) documents from loopback hosts, as D-ID fetches them from the internet.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from did_agents_emulator.testing import EmulatorServer
from pulumi_did_agents.client import Client
from pulumi_did_agents.conversations import parse_cases, run_case
from pulumi_did_agents.uploaders import S3Uploader, UrlStyle
from tests.conversations.conftest import create_agent
from tests.s3_server import S3Server

TITLE = "Acme R2 owner's handbook"
HANDBOOK = f"""# {TITLE}

## Warranty

Every Acme R2 home robot comes with a 37-month limited warranty that covers parts and labour.

## Charging

A full charge of the R2 battery takes 140 minutes on the supplied dock.
"""


@pytest.mark.parametrize("url_style", ["public", "presigned"])
def test_published_document_answers_the_agent(
    s3_env: S3Server, did_emulator: EmulatorServer, tmp_path: Path, url_style: UrlStyle
) -> None:
    did_emulator.configure(agent_ready_delay=0.05, document_ready_delay=0.05)
    s3_env.create_bucket("handbooks", public_read=url_style == "public")
    handbook = tmp_path / "r2-handbook.md"
    handbook.write_text(HANDBOOK, encoding="utf-8")
    uploader = S3Uploader(
        "handbooks", prefix="r2", endpoint_url=s3_env.url, addressing_style="path", url_style=url_style
    )
    url = uploader.publish(handbook)
    assert url.startswith(f"{s3_env.url}/handbooks/r2/")

    with Client(base_url=did_emulator.url, api_key=did_emulator.api_key) as client:
        agent_id, kb_id, ids = create_agent(client, {url: TITLE})
        document_id = ids[TITLE]
        ready = client.documents.get(kb_id, document_id)
        assert ready.status == "done" and ready.source_url == url
        case = parse_cases(
            {
                "cases": [
                    {
                        "name": "warranty",
                        "turns": [
                            {
                                "user": "How long is the warranty on the R2?",
                                "facts": ["37-month limited warranty"],
                                "citations": [TITLE, document_id],
                            }
                        ],
                    }
                ]
            }
        ).cases[0]
        result = run_case(client, agent_id, case)

    assert result.status == "passed", result.reason
    (turn,) = result.turns
    assert turn.answer == (
        f'According to "{TITLE}": "Every Acme R2 home robot comes with a 37-month limited warranty '
        'that covers parts and labour."'
    )
    assert turn.citations[0].document_id == document_id
