"""Local document sources published by ``didagents:uploader`` (an S3-compatible server here)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import SecretStr

from did_agents_emulator.testing import EmulatorServer
from pulumi_did_agents.core import DocumentCore, KnowledgeBaseCore, ProviderSettings, Session
from tests.s3_server import S3Server

from .conftest import OWNER, short_sleep, urn


@pytest.fixture
def session(did_emulator: EmulatorServer, s3_server: S3Server, monkeypatch: pytest.MonkeyPatch) -> Session:
    for name, value in s3_server.env().items():
        monkeypatch.setenv(name, value)
    bucket = s3_server.create_bucket("docs", public_read=True)
    settings = ProviderSettings(
        api_url=did_emulator.url,
        api_key=SecretStr(did_emulator.api_key),
        retry_timeout=5,
        wait_timeout=20,
        uploader=f"s3://{bucket}/agents?endpoint={s3_server.url}&addressing=path",
        owner=OWNER,
    )
    return Session(settings, client_options={"sleep": short_sleep})


def test_a_local_file_is_published_and_the_api_fetches_the_copy(session: Session, tmp_path: Path) -> None:
    path = tmp_path / "handbook.md"
    path.write_text("Every R2 robot comes with a 37-month limited warranty.\n")
    kb = KnowledgeBaseCore(session).create({"name": "kb", "description": "d"}, urn=urn("KnowledgeBase", "kb"))
    core = DocumentCore(session)
    inputs = core.check({}, {"knowledge_id": kb.id, "source_url": path.as_uri(), "title": "Handbook"})
    assert inputs.failures == []
    created = core.create(inputs.inputs, urn=urn("Document", "doc"))
    published = created.outputs["published_url"]
    assert (
        published.startswith(session.settings.uploader.split("?")[0].replace("s3://", "http") or "") is False
    )
    assert "/docs/agents/" in published and published.endswith("/handbook.md")
    assert created.outputs["status"] == "done"

    read = core.read(created.id, inputs.inputs, created.outputs)
    assert read is not None and read.inputs == inputs.inputs, (
        "refresh maps the published copy back to the file"
    )
    assert not core.diff(read.inputs, inputs.inputs).changes


def test_local_files_need_an_uploader_against_the_real_api(tmp_path: Path) -> None:
    path = tmp_path / "handbook.md"
    path.write_text("x")
    news = {"knowledge_id": "knl_1", "source_url": path.as_uri(), "title": "H"}
    real_api = ProviderSettings(api_url="https://api.d-id.com", owner=OWNER, offline=True)
    without = DocumentCore(Session(real_api)).check({}, news)
    assert [f.path for f in without.failures] == ["source_url"]
    with_uploader = ProviderSettings(
        api_url="https://api.d-id.com", uploader="s3://docs/agents", owner=OWNER, offline=True
    )
    assert DocumentCore(Session(with_uploader)).check({}, news).failures == []
