"""The reusable S3-compatible server: buckets, reset, and a real ``pulumi login`` onto it."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import httpx
import pytest

from tests.s3_server import S3Server


def test_buckets_policies_and_reset(s3_server: S3Server) -> None:
    s3_server.create_bucket("open", public_read=True)
    s3_server.create_bucket("closed")
    client = s3_server.client()
    for bucket in ("open", "closed"):
        client.put_object(Bucket=bucket, Key="k.txt", Body=b"hello")
    assert httpx.get(f"{s3_server.url}/open/k.txt", trust_env=False).text == "hello"
    assert httpx.get(f"{s3_server.url}/closed/k.txt", trust_env=False).status_code == 403
    s3_server.reset()
    assert client.list_buckets()["Buckets"] == []


@pytest.mark.engine
def test_pulumi_keeps_its_state_in_a_bucket(s3_server: S3Server, tmp_path: Path) -> None:
    s3_server.create_bucket("pulumi-state")
    project = tmp_path / "project"
    project.mkdir()
    (project / "Pulumi.yaml").write_text("name: stateful\nruntime: python\n", encoding="utf-8")
    env = {
        **os.environ,
        **s3_server.env(),
        "PULUMI_HOME": str(tmp_path / "home"),
        "PULUMI_CONFIG_PASSPHRASE": "s3-state",
        "PULUMI_SKIP_UPDATE_CHECK": "true",
    }
    env.pop("PULUMI_BACKEND_URL", None)
    for args in (["login", s3_server.backend_url("pulumi-state")], ["stack", "init", "dev"]):
        done = subprocess.run(
            ["pulumi", *args, "--non-interactive", "--cwd", str(project)],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr
    listed = s3_server.client().list_objects_v2(Bucket="pulumi-state")["Contents"]
    assert ".pulumi/stacks/stateful/dev.json" in {item["Key"] for item in listed}
