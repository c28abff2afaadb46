"""Config resolution (arguments → env → defaults), headers, and secret hygiene of the client."""

from __future__ import annotations

import logging

import httpx
import pytest

from pulumi_did_agents import __version__
from pulumi_did_agents.client import (
    DEFAULT_BASE_URL,
    DEFAULT_TIMEOUT,
    Client,
    ConfigurationError,
    resolve_config,
)

from ._mock_api import API_KEY, MockAPI, agent_json, error


def test_arguments_win_over_environment() -> None:
    config = resolve_config(
        base_url="https://arg.test/",
        api_key="arg:key",
        env={"DID_API_URL": "https://env", "DID_API_KEY": "e:k"},
    )
    assert config.base_url == "https://arg.test"
    assert config.api_key is not None and config.api_key.get_secret_value() == "arg:key"


def test_environment_then_defaults() -> None:
    config = resolve_config(env={"DID_API_KEY": "env:key", "DID_API_URL": ""})
    assert config.base_url == DEFAULT_BASE_URL
    assert config.api_key is not None and config.api_key.get_secret_value() == "env:key"
    assert config.timeout == DEFAULT_TIMEOUT and isinstance(config.timeout, httpx.Timeout)
    assert config.timeout.connect == 5.0


def test_missing_key_is_a_configuration_error() -> None:
    with pytest.raises(ConfigurationError, match="didagents:apiKey"):
        Client(env={})


def test_numeric_timeout_becomes_httpx_timeout() -> None:
    config = resolve_config(api_key="k", timeout=12, env={})
    assert config.timeout == httpx.Timeout(12.0, connect=5.0)


def test_headers_auth_as_issued_and_user_agent() -> None:
    api = MockAPI().queue(httpx.Response(200, json=agent_json()))
    with api.client() as client:
        client.agents.get("agt_abc12345")
    headers = api.requests[0].headers
    assert headers["Authorization"] == f"Basic {API_KEY}"  # not re-base64'd
    assert headers["User-Agent"] == f"pulumi-did-agents/{__version__}"


def test_injected_http_client_is_used_and_not_closed() -> None:
    api = MockAPI().queue(httpx.Response(200, json=[]))
    http = httpx.Client(transport=httpx.MockTransport(api.handler))
    with Client(base_url="https://api.test", api_key="k:v", http_client=http) as client:
        assert client.knowledge.list() == []
    assert not http.is_closed


def test_key_never_in_repr_or_config_repr() -> None:
    client = MockAPI().client()
    assert API_KEY not in repr(client) and API_KEY not in str(client)
    assert API_KEY not in repr(client.config) and API_KEY not in str(client.config)
    assert "s3cret" not in repr(client.config.model_dump())


def test_key_never_in_errors_or_logs(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    api = MockAPI().queue(
        error(500, "InternalServerError", "boom"),
        httpx.ConnectError("refused"),
        error(401, "AuthorizationError", "user unauthenticated"),
    )
    with api.client() as client, pytest.raises(Exception) as caught:  # noqa: B017,PT011
        client.agents.get("agt_abc12345")
    texts = [str(caught.value), repr(caught.value), *(r.getMessage() for r in caplog.records)]
    assert caplog.records, "the retries should have been logged at DEBUG"
    for text in texts:
        assert "s3cret" not in text and API_KEY not in text
    assert "user unauthenticated" in str(caught.value)


@pytest.mark.parametrize(
    ("kwargs", "env", "named"),
    [
        ({"base_url": "api.d-id.com"}, {}, "base_url"),
        ({}, {"DID_API_URL": "ftp://api.d-id.com"}, "DID_API_URL"),
    ],
)
def test_an_api_url_without_http_scheme_is_refused_naming_its_source(
    kwargs: dict[str, str], env: dict[str, str], named: str
) -> None:
    """The same check as the provider's ``didagents:apiUrl`` (one home: ``client._defaults``)."""
    with pytest.raises(ConfigurationError, match=rf"^{named} must be an http\(s\) URL"):
        resolve_config(env=env, **kwargs)
