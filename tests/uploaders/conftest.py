"""The uploader tests' S3 credentials; the server's fixtures are suite-wide (tests/s3_server.py)."""

from __future__ import annotations

import pytest

from tests.s3_server import S3Server


@pytest.fixture
def s3_env(s3_server: S3Server, monkeypatch: pytest.MonkeyPatch) -> S3Server:
    """Credentials and region in the environment, where boto3's default chain finds them."""
    for name, value in s3_server.env().items():
        if name != "AWS_ENDPOINT_URL_S3":  # the tests pass endpoint_url explicitly
            monkeypatch.setenv(name, value)
    monkeypatch.delenv("AWS_ENDPOINT_URL_S3", raising=False)
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    return s3_server
