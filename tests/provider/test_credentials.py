"""The credential check and the account guard at preview: one call per provider, one line each."""

from __future__ import annotations

import socket

from pydantic import SecretStr

from bench.api_calls import count_api_calls
from did_agents_emulator.testing import EmulatorServer
from pulumi_did_agents.core import KnowledgeBaseCore, ProviderSettings, Session
from pulumi_did_agents.core.settings import OWNER_MISSING

from .conftest import OWNER, settings_for

KB = {"name": "kb", "description": "handbook"}


def failures(settings: ProviderSettings) -> list[str]:
    return [str(f) for f in KnowledgeBaseCore(Session(settings)).check({}, KB).failures]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_a_good_key_passes_and_costs_one_call_per_session(did_emulator: EmulatorServer) -> None:
    core = KnowledgeBaseCore(Session(settings_for(did_emulator)))
    with count_api_calls() as calls:
        for _ in range(3):
            assert core.check({}, KB).failures == []
    assert calls.take() == ["GET /credits"]


def test_wrong_missing_and_unreachable_credentials_fail_with_one_line(did_emulator: EmulatorServer) -> None:
    wrong = failures(settings_for(did_emulator, api_key=SecretStr("user:wrong")))
    assert wrong == [
        f"didagents:apiKey: the API at {did_emulator.url} refused the key (401 AuthorizationError)"
    ]
    missing = failures(settings_for(did_emulator, api_key=None, key_source="DID_API_KEY"))
    assert missing == [
        "no D-ID API key: set it with `pulumi config set --secret didagents:apiKey …` or export DID_API_KEY"
    ]
    url = f"http://127.0.0.1:{free_port()}"
    (unreachable,) = failures(settings_for(did_emulator, api_url=url))
    assert unreachable.startswith(f"didagents:apiUrl: {url} cannot be reached (ConnectError")
    for line in wrong + missing + [unreachable]:
        assert "\n" not in line and did_emulator.api_key.split(":")[1] not in line


def test_offline_checks_make_no_call(did_emulator: EmulatorServer) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    assert failures(settings_for(did_emulator, api_url=url, offline=True)) == []


def test_the_account_guard_names_both_accounts(did_emulator: EmulatorServer) -> None:
    mine, other = (
        did_emulator.owner_id(did_emulator.api_keys[0]),
        did_emulator.owner_id(did_emulator.api_keys[1]),
    )
    assert mine != other
    assert failures(settings_for(did_emulator, account_id=mine)) == []
    assert failures(settings_for(did_emulator, account_id=other)) == [
        f"didagents:accountId is {other}, but the API key belongs to account {mine}"
    ]


def test_an_account_without_credits_is_named_by_its_objects() -> None:
    with EmulatorServer(no_credits=["*"], agent_ready_delay=0, document_ready_delay=0) as emulator:
        account = emulator.owner_id()
        settings = settings_for(emulator, account_id=account)
        (unnamed,) = failures(settings)
        assert unnamed.startswith(f"didagents:accountId is {account}, but the account of the API key cannot")
        KnowledgeBaseCore(Session(settings_for(emulator))).create(KB, urn="urn:pulumi:dev::p::k::kb")
        assert failures(settings) == []
        assert failures(settings_for(emulator, account_id="acc_someone_else")) == [
            f"didagents:accountId is acc_someone_else, but the API key belongs to account {account}"
        ]


def test_without_an_owner_id_nothing_is_asked_of_the_api(did_emulator: EmulatorServer) -> None:
    with count_api_calls() as calls:
        assert failures(settings_for(did_emulator, owner=None)) == [OWNER_MISSING]
    assert calls.take() == []
    assert settings_for(did_emulator).owner == OWNER  # the other tests' sessions carry one


def test_a_busy_api_neither_proves_nor_refuses_the_key(did_emulator: EmulatorServer) -> None:
    """A 500 or 429 to the probe is no verdict on the key: preview goes on (up keeps its retries)."""
    did_emulator.configure(fault_rate=1.0, fault_status=500, fault_paths=r"^/credits$")
    assert failures(settings_for(did_emulator)) == []
