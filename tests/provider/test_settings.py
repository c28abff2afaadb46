"""Provider settings: stack config, then environment, then defaults; mistakes name the config key."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pulumi_did_agents.core import ConfigError, ProviderSettings


def resolve(config: dict[str, Any], env: dict[str, str] | None = None) -> ProviderSettings:
    return ProviderSettings.resolve(config.get, env or {})


def test_defaults() -> None:
    settings = resolve({})
    assert settings.api_url == "https://api.d-id.com" and settings.api_key is None
    assert settings.retry_timeout == 300 and settings.wait_timeout == 600
    assert not settings.targets_emulator


def test_stack_config_wins_over_environment() -> None:
    settings = resolve(
        {
            "didagents:apiUrl": "http://127.0.0.1:8790/",
            "didagents:apiKey": "u:p",
            "didagents:retryTimeout": "30",
        },
        {"DID_API_URL": "https://other", "DID_API_KEY": "x:y", "DID_RETRY_TIMEOUT": "9"},
    )
    assert settings.api_url == "http://127.0.0.1:8790" and settings.targets_emulator
    assert settings.api_key is not None and settings.api_key.get_secret_value() == "u:p"
    assert settings.retry_timeout == 30


def test_environment_fills_what_config_lacks() -> None:
    settings = resolve({}, {"DID_API_KEY": "x:y", "DID_WAIT_TIMEOUT": "42"})
    assert settings.api_key is not None and settings.api_key.get_secret_value() == "x:y"
    assert settings.wait_timeout == 42


@pytest.mark.parametrize(
    ("config", "env", "expected"),
    [
        ({"didagents:apiUrl": "api.d-id.com"}, {}, "didagents:apiUrl must be an http(s) URL"),
        ({"didagents:apiUrl": "ftp://api"}, {}, "didagents:apiUrl must be an http(s) URL"),
        ({}, {"DID_API_URL": "nope"}, "DID_API_URL must be an http(s) URL"),
        ({"didagents:apiKey": ""}, {}, "didagents:apiKey is empty"),
        ({"didagents:retryTimeout": "-1"}, {}, "didagents:retryTimeout must be 0 or more seconds"),
        ({"didagents:retryTimeout": "soon"}, {}, "didagents:retryTimeout must be a number of seconds"),
        ({"didagents:waitTimeout": "0"}, {}, "didagents:waitTimeout must be more than 0 seconds"),
        ({}, {"DID_WAIT_TIMEOUT": "-5"}, "DID_WAIT_TIMEOUT must be more than 0 seconds"),
    ],
)
def test_mistakes_fail_naming_the_key(config: dict[str, Any], env: dict[str, str], expected: str) -> None:
    with pytest.raises(ConfigError) as caught:
        resolve(config, env)
    assert str(caught.value).startswith(expected)


def test_repr_never_shows_the_key() -> None:
    settings = resolve({"didagents:apiKey": "user:s3cret"})
    assert "s3cret" not in repr(settings)


def test_unknown_keys_get_a_did_you_mean_and_plain_text_keys_a_hint() -> None:
    from pulumi_did_agents.core.settings import config_problems

    problems = config_problems(["apikey", "maxRetries", "apiUrl", "version"], lambda name: True)
    assert problems[0].startswith(
        "didagents:apikey is not a setting of pulumi-did-agents; did you mean didagents:apiKey?"
    )
    assert problems[1].startswith(
        "didagents:maxRetries is not a setting of pulumi-did-agents (settings: apiUrl"
    )
    assert len(problems) == 2  # apiUrl is a setting; version is the engine's own input

    assert config_problems(["apiKey"], lambda name: True) == []
    (plain,) = config_problems(["apiKey"], lambda name: False)
    assert plain.startswith("didagents:apiKey is set in plain text")
    assert "pulumi config set --secret didagents:apiKey" in plain and "DID_API_KEY" in plain


def test_plain_text_keys_are_read_from_the_stack_config_file(tmp_path: Path) -> None:
    from pulumi_did_agents.native.server import plaintext_in_stack_file

    (tmp_path / "Pulumi.dev.yaml").write_text(
        "config:\n  didagents:apiKey: user:pw\n  didagents:apiUrl: http://x\n"
        "  didagents:owner:\n    secure: AAEAAQ==\n  other:key: v\n"
    )
    urn = "urn:pulumi:dev::proj::pulumi:providers:didagents::default"
    assert plaintext_in_stack_file(urn, tmp_path) == {"apiKey", "apiUrl"}
    assert plaintext_in_stack_file(urn.replace(":dev:", ":prod:"), tmp_path) == set()  # no such file
