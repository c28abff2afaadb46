"""A local S3-compatible server for tests: moto's server mode on 127.0.0.1 and a free port.

The fixtures are the whole suite's, one server per session (``pytest_plugins`` in tests/conftest.py);
or use :class:`S3Server` directly. Clients need credentials, any will do: :meth:`S3Server.env` gives
the variables for boto3 and for ``pulumi login s3://…`` (see :meth:`S3Server.backend_url`).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from types import TracebackType
from typing import Any

import httpx
import pytest

ACCESS_KEY_ID = "testing-access-key"
SECRET_ACCESS_KEY = "testing-secret-key"
REGION = "us-east-1"


class S3Server:
    """moto's S3 (and every other moto service) over real HTTP in a daemon thread."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        from moto.server import ThreadedMotoServer  # here: every pytest run imports this module

        self._server = ThreadedMotoServer(ip_address=host, port=0, verbose=False)
        self.url = ""

    def start(self) -> S3Server:
        logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no access log line per request
        self._server.start()
        host, port = self._server.get_host_and_port()
        self.url = f"http://{host}:{port}"
        return self

    def stop(self) -> None:
        self._server.stop()

    def __enter__(self) -> S3Server:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def reset(self) -> None:
        """Delete every bucket and object (moto's reset API)."""
        httpx.post(f"{self.url}/moto-api/reset", timeout=10, trust_env=False).raise_for_status()

    def env(self) -> dict[str, str]:
        """Credentials, region and endpoint for boto3 and the AWS SDKs (``AWS_ENDPOINT_URL_S3``)."""
        return {
            "AWS_ACCESS_KEY_ID": ACCESS_KEY_ID,
            "AWS_SECRET_ACCESS_KEY": SECRET_ACCESS_KEY,
            "AWS_REGION": REGION,
            "AWS_DEFAULT_REGION": REGION,
            "AWS_ENDPOINT_URL_S3": self.url,
        }

    def client(self) -> Any:
        """A boto3 S3 client for this server (path-style addressing)."""
        import boto3
        from botocore.config import Config

        return boto3.client(
            "s3",
            endpoint_url=self.url,
            region_name=REGION,
            aws_access_key_id=ACCESS_KEY_ID,
            aws_secret_access_key=SECRET_ACCESS_KEY,
            config=Config(s3={"addressing_style": "path"}),
        )

    def create_bucket(self, name: str, *, public_read: bool = False) -> str:
        """Create ``name``; ``public_read`` adds a bucket policy letting anyone GET its objects."""
        client = self.client()
        client.create_bucket(Bucket=name)
        if public_read:
            statement = {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{name}/*",
            }
            policy = {"Version": "2012-10-17", "Statement": [statement]}
            client.put_bucket_policy(Bucket=name, Policy=json.dumps(policy))
        return name

    def backend_url(self, bucket: str) -> str:
        """A ``pulumi login`` URL for ``bucket`` on this server (with :meth:`env` in the environment)."""
        return f"s3://{bucket}?endpoint={self.url}&use_path_style=true&region={REGION}"


@pytest.fixture(scope="session")
def s3_server_session() -> Iterator[S3Server]:
    """One S3-compatible server for the whole session."""
    with S3Server() as server:
        yield server


@pytest.fixture
def s3_server(s3_server_session: S3Server) -> S3Server:
    """The session's server, emptied before the test."""
    s3_server_session.reset()
    return s3_server_session
