"""S3Uploader against a real S3-compatible server (moto on loopback): keys, idempotency, URLs, errors."""

from __future__ import annotations

import builtins
import hashlib
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from pulumi_did_agents.uploaders import MissingDependencyError, S3Uploader, Uploader, UploaderError
from tests.s3_server import S3Server

HANDBOOK = "# Acme R2 handbook\n\nEvery Acme R2 comes with a 37-month limited warranty.\n"


@pytest.fixture
def handbook(tmp_path: Path) -> Path:
    path = tmp_path / "R2 handbook.md"
    path.write_text(HANDBOOK, encoding="utf-8")
    return path


def put_counter(uploader: S3Uploader) -> list[str]:
    """Keys of the PutObject calls the uploader's boto3 client makes (botocore's event hooks)."""
    keys: list[str] = []

    def record(params: dict[str, Any], **_: Any) -> None:
        keys.append(params["Key"])

    uploader.client.meta.events.register("provide-client-params.s3.PutObject", record)
    return keys


def test_publish_is_content_addressed_and_idempotent(s3_env: S3Server, handbook: Path) -> None:
    s3_env.create_bucket("docs", public_read=True)
    uploader = S3Uploader("docs", prefix="/agents/", endpoint_url=s3_env.url, addressing_style="path")
    assert isinstance(uploader, Uploader)
    puts = put_counter(uploader)
    digest = hashlib.sha256(HANDBOOK.encode()).hexdigest()
    key = f"agents/{digest}/R2-handbook.md"

    url = uploader.publish(handbook)
    assert url == f"{s3_env.url}/docs/{key}"
    assert uploader.key_for(handbook) == key
    assert uploader.publish(handbook) == url  # same content: same URL, nothing uploaded
    assert puts == [key]

    copy = handbook.with_name("copy.md")
    copy.write_bytes(handbook.read_bytes())
    assert uploader.publish(copy) == f"{s3_env.url}/docs/agents/{digest}/copy.md"
    handbook.write_text(HANDBOOK + "Charging takes 140 minutes.\n", encoding="utf-8")
    changed = uploader.publish(handbook)
    assert changed != url and len(puts) == 3

    fetched = httpx.get(url, trust_env=False)  # anonymous, as D-ID fetches it
    assert fetched.status_code == 200 and fetched.text == HANDBOOK
    assert fetched.headers["content-type"] == "text/markdown; charset=utf-8"
    head = s3_env.client().head_object(Bucket="docs", Key=key)
    assert head["Metadata"] == {"sha256": digest} and head["ContentLength"] == len(HANDBOOK)


def test_presigned_urls_reach_a_private_bucket(s3_env: S3Server, handbook: Path) -> None:
    s3_env.create_bucket("private-docs")
    public = S3Uploader("private-docs", endpoint_url=s3_env.url, addressing_style="path")
    plain = public.publish(handbook, content_type="text/plain")
    assert httpx.get(plain, trust_env=False).status_code == 403  # what a plain URL gets from a private bucket
    signed = S3Uploader(
        "private-docs",
        endpoint_url=s3_env.url,
        addressing_style="path",
        url_style="presigned",
        presign_seconds=600,
    ).publish(handbook)
    query = parse_qs(urlsplit(signed).query)
    assert signed.startswith(plain + "?")
    assert query["X-Amz-Algorithm"] == ["AWS4-HMAC-SHA256"] and query["X-Amz-Expires"] == ["600"]
    assert query["X-Amz-Credential"][0].startswith("testing-access-key/")  # the key id, never the secret
    assert "testing-secret-key" not in signed
    fetched = httpx.get(signed, trust_env=False)
    assert fetched.status_code == 200 and fetched.text == HANDBOOK
    assert fetched.headers["content-type"] == "text/plain"  # the first upload's type: the object is reused


def test_acl_makes_single_objects_public(s3_env: S3Server, handbook: Path) -> None:
    s3_env.create_bucket("acl-docs")
    url = S3Uploader("acl-docs", endpoint_url=s3_env.url, addressing_style="path", acl="public-read").publish(
        handbook
    )
    assert httpx.get(url, trust_env=False).text == HANDBOOK


def test_url_shapes(s3_env: S3Server, handbook: Path) -> None:
    s3_env.create_bucket("shapes")
    key = S3Uploader("shapes", endpoint_url=s3_env.url).key_for(handbook)
    cdn = S3Uploader("shapes", endpoint_url=s3_env.url, public_base_url="https://cdn.example.com/kb/")
    assert cdn.url_for(key) == f"https://cdn.example.com/kb/{key}"
    port = s3_env.url.rsplit(":", 1)[1]
    virtual = S3Uploader("shapes", endpoint_url=f"http://localhost:{port}", addressing_style="virtual")
    assert virtual.url_for(key) == f"http://shapes.localhost:{port}/{key}"
    aws = S3Uploader("shapes", region="eu-west-1")
    assert aws.url_for("a b/c.md") == "https://shapes.s3.amazonaws.com/a%20b/c.md"


def test_errors_name_file_and_destination_without_secrets(
    s3_env: S3Server, tmp_path: Path, handbook: Path
) -> None:
    uploader = S3Uploader("no-such-bucket", endpoint_url=s3_env.url, addressing_style="path")
    key = uploader.key_for(handbook)
    with pytest.raises(UploaderError) as caught:
        uploader.publish(handbook)
    assert str(caught.value) == (
        f"publishing {handbook} to s3://no-such-bucket/{key} failed: "
        "NoSuchBucket: The specified bucket does not exist"
    )
    assert "testing-secret-key" not in str(caught.value) and "testing-secret-key" not in repr(uploader)
    assert repr(uploader) == (
        f"S3Uploader(bucket='no-such-bucket', prefix='', endpoint_url='{s3_env.url}', url_style='public')"
    )
    with pytest.raises(UploaderError) as caught:
        uploader.publish(tmp_path / "absent.md")
    assert str(caught.value) == f"{tmp_path / 'absent.md'}: no such file"
    with pytest.raises(UploaderError) as caught:
        uploader.publish(tmp_path)
    assert str(caught.value) == f"{tmp_path}: is a directory, not a file"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"bucket": ""}, "bucket must not be empty"),
        ({"url_style": "signed"}, "url_style must be 'public' or 'presigned', not 'signed'"),
        ({"addressing_style": "dns"}, "addressing_style must be 'auto', 'path' or 'virtual', not 'dns'"),
        ({"presign_seconds": 0}, "presign_seconds must be between 1 and 604800"),
    ],
)
def test_invalid_options(options: dict[str, Any], message: str) -> None:
    arguments: dict[str, Any] = {"bucket": "docs", **options}
    with pytest.raises(ValueError) as caught:
        S3Uploader(**arguments)
    assert str(caught.value) == message


def test_without_boto3_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_boto3(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "boto3" or name.startswith("boto3."):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_boto3)
    with pytest.raises(MissingDependencyError) as caught:
        S3Uploader("docs")
    assert (
        str(caught.value)
        == "S3Uploader needs boto3, which is not installed: pip install 'pulumi-did-agents[s3]'"
    )
    assert isinstance(caught.value, ImportError)
