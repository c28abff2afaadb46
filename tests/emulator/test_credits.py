"""``GET /credits`` (docs ``GetCredits``): one credit item per account by default, 404 when configured
without, the account's owner id throughout, the usual 401 and client-key 403."""

from __future__ import annotations

from datetime import datetime

import httpx

from did_agents_emulator.cli import parse_args, runtime_config
from did_agents_emulator.context import account_id_for_key
from did_agents_emulator.testing import EmulatorServer

from .conftest import browser, client_for, client_key, create_agent, create_kb

NO_CREDITS = {"kind": "NotFoundError", "description": "not credits found for user"}
ITEM_REQUIRED = {"owner_id", "created_at", "modified_at", "remaining", "total", "expire_at"}
# docs ``CreditsItem`` (additionalProperties: false)
ITEM_ALLOWED = ITEM_REQUIRED | {
    "valid_from",
    "product_id",
    "price_id",
    "plan_group",
    "product_billing_interval",
}


def _time(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def test_every_account_has_credits_by_default(api: httpx.Client, api2: httpx.Client) -> None:
    r = api.get("/credits")
    assert r.status_code == 200, r.text
    body = r.json()
    assert set(body) == {"credits", "remaining", "total"}
    [item] = body["credits"]
    assert ITEM_REQUIRED <= set(item) <= ITEM_ALLOWED
    assert item["remaining"] == body["remaining"] > 0 and item["total"] == body["total"] >= body["remaining"]
    assert item["product_billing_interval"] in ("month", "year")
    assert _time(item["created_at"]) <= _time(item["modified_at"]) < _time(item["expire_at"])
    # the owner id is the account's: the same on its objects, different for another account
    agent, kb = create_agent(api), create_kb(api)
    assert item["owner_id"] == agent["owner_id"] == kb["owner_id"]
    other = api2.get("/credits").json()["credits"][0]
    assert other["owner_id"] == create_agent(api2)["owner_id"] != item["owner_id"]
    assert api.get("/credits").json() == body  # stable
    assert api.get("/credits/").json() == body  # trailing slash, as every path


def test_owner_ids_follow_the_api_key(did_emulator: EmulatorServer, api: httpx.Client) -> None:
    owner = api.get("/credits").json()["credits"][0]["owner_id"]
    assert owner == did_emulator.owner_id() == account_id_for_key(did_emulator.api_keys[0])
    assert did_emulator.owner_id(did_emulator.api_keys[1]) != owner


def test_accounts_configured_without_credits_get_404(
    did_emulator: EmulatorServer, api: httpx.Client, api2: httpx.Client
) -> None:
    did_emulator.configure(no_credits=[did_emulator.owner_id()])
    r = api.get("/credits")
    assert (r.status_code, r.json()) == (404, NO_CREDITS)
    assert api2.get("/credits").status_code == 200
    assert did_emulator.get_config()["no_credits"] == [did_emulator.owner_id()]
    did_emulator.configure(no_credits=["*"])
    assert api2.get("/credits").json() == NO_CREDITS
    did_emulator.configure(no_credits=[])
    assert api.get("/credits").status_code == api2.get("/credits").status_code == 200
    with client_for(did_emulator, None) as admin:
        for bad in ({"no_credits": "*"}, {"no_credits": ["test-user-1:secret"]}, {"no_credits": [1]}):
            r = admin.patch("/_emulator/config", json=bad)
            assert r.status_code == 400 and r.json()["description"].startswith("no_credits:"), r.text


def test_credits_need_an_api_key(did_emulator: EmulatorServer, api: httpx.Client) -> None:
    with client_for(did_emulator, "Basic test-user-1:wrong") as wrong, client_for(did_emulator, None) as anon:
        for client in (wrong, anon):
            r = client.get("/credits")
            assert r.status_code == 401
            assert (
                r.json()
                == client.get("/agents").json()
                == {
                    "kind": "AuthorizationError",
                    "description": "user unauthenticated",
                }
            )
    key = client_key(api, create_agent(api)["id"])
    with browser(did_emulator, key) as page:
        r = page.get("/credits")
        assert r.status_code == 403 and r.json()["kind"] == "PermissionError"


def test_server_helper_and_cli_name_accounts_without_credits() -> None:
    keys = ["rich:secret", "poor:secret"]
    with EmulatorServer(api_keys=keys, no_credits=["poor:secret"]) as server:
        with client_for(server, f"Basic {keys[0]}") as rich, client_for(server, f"Basic {keys[1]}") as poor:
            assert rich.get("/credits").status_code == 200
            assert poor.get("/credits").json() == NO_CREDITS
    assert runtime_config(parse_args(["serve"])).no_credits == ()
    flags = ["serve", "--no-credits", "poor:secret", "--no-credits", "acc_0123456789abcdef", "--no-credits"]
    assert runtime_config(parse_args(flags)).no_credits == (
        account_id_for_key("poor:secret"),
        "acc_0123456789abcdef",
        "*",
    )
