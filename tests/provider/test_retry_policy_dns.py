"""Failures that cannot succeed on a second try are not retried: DNS resolution and TLS."""

from __future__ import annotations

import socket
import ssl

import httpx

from pulumi_did_agents.client._retry import cannot_succeed, should_retry_exception


def _caused_by(cause: BaseException) -> httpx.ConnectError:
    try:
        try:
            raise cause
        except BaseException as inner:
            raise httpx.ConnectError(str(inner)) from inner
    except httpx.ConnectError as exc:
        return exc


def test_dns_and_tls_failures_are_not_retried_but_refused_connections_are() -> None:
    unresolvable = _caused_by(socket.gaierror(-2, "Name or service not known"))
    tls = _caused_by(ssl.SSLCertVerificationError("certificate verify failed"))
    refused = _caused_by(ConnectionRefusedError(111, "Connection refused"))
    assert cannot_succeed(unresolvable) and cannot_succeed(tls) and not cannot_succeed(refused)
    for method in ("GET", "POST"):
        assert not should_retry_exception(unresolvable, method=method)
        assert not should_retry_exception(tls, method=method)
        assert should_retry_exception(refused, method=method)
