"""Fixtures for the policy-pack unit tests.

The pack directory (``policy/``) is not a package: the Pulumi CLI runs it as a directory with its own
``sys.path[0]``. Tests do the same by putting that directory on ``sys.path`` and importing
``policies`` (never ``__main__``, whose ``PolicyPack(...)`` blocks forever).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
from pulumi_policy import (
    PolicyCustomTimeouts,
    PolicyResource,
    PolicyResourceOptions,
    ResourceValidationArgs,
    StackValidationArgs,
)
from pulumi_policy.proxy import unknown_checking_proxy

POLICY_DIR = Path(__file__).resolve().parents[2] / "policy"
if str(POLICY_DIR) not in sys.path:
    sys.path.insert(0, str(POLICY_DIR))

PROJECT = "did-tests"


def urn_for(resource_type: str, name: str, stack: str) -> str:
    return f"urn:pulumi:{stack}::{PROJECT}::{resource_type}::{name}"


def _options() -> PolicyResourceOptions:
    return PolicyResourceOptions(
        protect=False,
        ignore_changes=[],
        delete_before_replace=None,
        aliases=[],
        custom_timeouts=PolicyCustomTimeouts(0, 0, 0),
        additional_secret_outputs=[],
    )


class Violations(list[tuple[str, str | None]]):
    """A ``report_violation`` callback that records ``(message, urn)`` pairs."""

    def __call__(self, message: str, urn: str | None = None) -> None:
        self.append((message, urn))

    @property
    def messages(self) -> list[str]:
        return [message for message, _ in self]


@pytest.fixture
def violations() -> Violations:
    return Violations()


ResourceArgsFactory = Callable[..., ResourceValidationArgs]


@pytest.fixture
def resource_args() -> ResourceArgsFactory:
    """Build ``ResourceValidationArgs`` the way the analyzer does: props wrapped in the unknown proxy."""

    def make(
        resource_type: str,
        props: Mapping[str, Any],
        *,
        name: str = "res",
        stack: str = "dev",
        config: Mapping[str, Any] | None = None,
    ) -> ResourceValidationArgs:
        return ResourceValidationArgs(
            resource_type,
            unknown_checking_proxy(dict(props)),
            urn_for(resource_type, name, stack),
            name,
            _options(),
            None,
            config,
        )

    return make


PolicyResourceFactory = Callable[..., PolicyResource]


def _policy_resource(
    resource_type: str,
    props: Mapping[str, Any],
    *,
    name: str,
    stack: str = "dev",
    dependencies: list[PolicyResource] | None = None,
    property_dependencies: dict[str, list[PolicyResource]] | None = None,
) -> PolicyResource:
    return PolicyResource(
        resource_type,
        unknown_checking_proxy(dict(props)),
        urn_for(resource_type, name, stack),
        name,
        _options(),
        None,
        None,
        dependencies or [],
        property_dependencies or {},
    )


@pytest.fixture
def policy_resource() -> PolicyResourceFactory:
    """Build a ``PolicyResource`` as ``AnalyzeStack`` does (props proxied, deps resolved to objects)."""
    return _policy_resource


@pytest.fixture
def stack_args() -> Callable[..., StackValidationArgs]:
    def make(resources: list[PolicyResource], config: Mapping[str, Any] | None = None) -> StackValidationArgs:
        return StackValidationArgs(resources, config)

    return make
