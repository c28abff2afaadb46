"""The rate limit extension: a token bucket per account, off by default, on a fake clock here."""

from __future__ import annotations

import json
import logging

import httpx
import pytest

from did_agents_emulator.cli import parse_args, runtime_config
from did_agents_emulator.ratelimit import RateLimiter, TokenBucket, retry_after_seconds
from did_agents_emulator.settings import parse_rate_limit
from did_agents_emulator.testing import EmulatorServer

from .conftest import PAGE, browser, client_for, client_key, create_agent


class FakeClock:
    """Monotonic seconds that move only when told."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def test_parse_rate_limit() -> None:
    assert parse_rate_limit("20/s") == (20.0, 20.0)
    assert parse_rate_limit("60/m") == (60.0, 1.0)
    assert parse_rate_limit(" 2.5 / s ") == (2.5, 2.5)
    for bad in ("20", "0/s", "20/h", "-1/s", "x/s", "20/sec", ""):
        with pytest.raises(ValueError, match="rate_limit"):
            parse_rate_limit(bad)


def test_bucket_burst_refill_and_wait() -> None:
    bucket = TokenBucket(capacity=3, rate=1.5, now=0.0)
    assert [bucket.take(0.0) for _ in range(3)] == [0.0, 0.0, 0.0]  # the burst
    assert bucket.take(0.0) == pytest.approx(1 / 1.5)  # empty: one token in 0.667 s
    assert bucket.take(0.5) == pytest.approx(0.25 / 1.5)  # 0.75 token refilled, nothing taken
    assert bucket.take(0.5 + 0.25 / 1.5) == 0.0  # exactly the advertised wait
    assert bucket.take(100.0) == 0.0  # refills to the capacity, never beyond it
    assert [bucket.take(100.0) for _ in range(3)][-1] > 0  # 2 more, then empty again
    assert bucket.take(99.0) > 0  # a clock going back refills nothing


def test_retry_after_is_whole_seconds_at_least_one() -> None:
    assert [retry_after_seconds(w) for w in (0.001, 0.05, 1.0, 1.0000000001, 1.2, 59.5)] == [
        1,
        1,
        1,
        1,
        2,
        60,
    ]


def test_limiter_per_account_counts_and_retry_after() -> None:
    clock = FakeClock()
    limiter = RateLimiter(clock=clock)
    assert [limiter.check("2/s", "acc_a") for _ in range(3)] == [None, None, 1]
    assert limiter.check("2/s", "acc_b") is None  # another account has its own bucket
    clock.advance(0.5)  # one token back
    assert [limiter.check("2/s", "acc_a") for _ in range(2)] == [None, 1]
    assert [limiter.check("60/m", "acc_c") for _ in range(60)] == [None] * 60  # a burst of 60 ...
    assert limiter.check("60/m", "acc_c") == 1  # ... then one a second
    assert limiter.check("30/m", "acc_c") is None  # a new limit starts with full buckets
    assert [limiter.check("30/m", "acc_c") for _ in range(30)][-1] == 2  # 2 s per token at 30/m
    assert limiter.stats() == {
        "accepted": 3 + 1 + 90,
        "rejected": 2 + 0 + 2,
        "accounts": {
            "acc_a": {"accepted": 3, "rejected": 2},
            "acc_b": {"accepted": 1, "rejected": 0},
            "acc_c": {"accepted": 90, "rejected": 2},
        },
    }
    limiter.reset()
    assert limiter.stats() == {"accepted": 0, "rejected": 0, "accounts": {}}
    assert limiter.check("30/m", "acc_c") is None


def test_http_limit_answers_429_then_passes_after_retry_after() -> None:
    clock = FakeClock()
    keys = ["fast:secret", "other:secret"]
    with EmulatorServer(
        api_keys=keys, rate_limit="3/s", rate_limit_clock=clock, agent_ready_delay=0, document_ready_delay=0
    ) as server:
        with (
            client_for(server, f"Basic {keys[0]}") as api,
            client_for(server, f"Basic {keys[1]}") as other,
            client_for(server, None) as anon,
        ):
            agent_id = create_agent(api)["id"]
            assert [api.get("/agents").status_code for _ in range(3)] == [200, 200, 429]
            r = api.get(f"/agents/{agent_id}")
            assert r.status_code == 429 and r.headers["Retry-After"] == "1"
            assert r.json() == {
                "kind": "TooManyRequests",
                "description": "rate limit of 3/s exceeded, retry after 1 s",
            }
            # unauthenticated requests are not limited (they are 401), nor preflights or admin routes
            with client_for(server, "Basic fast:wrong") as wrong:
                assert wrong.get("/agents").status_code == 401
            preflight = anon.options(
                "/agents", headers={"Origin": PAGE, "Access-Control-Request-Method": "POST"}
            )
            assert preflight.status_code == 204
            assert anon.get("/_emulator/health").status_code == 200
            assert other.get("/agents").status_code == 200  # another account's bucket
            # a 429 carries CORS headers, so a page can read it
            r = api.get("/agents", headers={"Origin": PAGE})
            assert r.status_code == 429 and r.headers["Access-Control-Allow-Origin"] == PAGE
            clock.advance(int(r.headers["Retry-After"]))  # the advertised wait, on the fake clock
            assert [api.get("/agents").status_code for _ in range(4)] == [200, 200, 200, 429]
            stats = server.stats()
            assert stats["rate_limit"] == "3/s"
            assert (stats["accepted"], stats["rejected"]) == (1 + 2 + 3 + 1, 3 + 1)
            assert stats["accounts"][server.owner_id(keys[0])] == {"accepted": 6, "rejected": 4}
            assert stats["accounts"][server.owner_id(keys[1])] == {"accepted": 1, "rejected": 0}


def test_client_keys_count_against_their_account(
    did_emulator: EmulatorServer, api: httpx.Client, caplog: pytest.LogCaptureFixture
) -> None:
    agent_id = create_agent(api)["id"]
    key = client_key(api, agent_id)
    did_emulator.configure(rate_limit="1/m")
    with caplog.at_level(logging.INFO, logger="did_agents_emulator.requests"):
        with browser(did_emulator, key) as page:
            assert page.get(f"/agents/{agent_id}").status_code == 200
            assert api.get("/agents").status_code == 429  # the same account's bucket
            r = page.get(f"/agents/{agent_id}")
            assert r.status_code == 429 and r.headers["Retry-After"] == "60"
    owner = did_emulator.owner_id()
    assert did_emulator.stats()["accounts"] == {owner: {"accepted": 1, "rejected": 2}}
    lines = [json.loads(r.getMessage()) for r in caplog.records if r.name == "did_agents_emulator.requests"]
    assert [(line["status"], line["account"]) for line in lines] == [(200, owner), (429, owner), (429, owner)]
    did_emulator.configure(rate_limit=None)
    assert api.get("/agents").status_code == 200


def test_no_limit_by_default(did_emulator: EmulatorServer, api: httpx.Client) -> None:
    assert did_emulator.get_config()["rate_limit"] is None
    assert {api.get("/agents").status_code for _ in range(200)} == {200}
    assert did_emulator.stats() == {"rate_limit": None, "accepted": 0, "rejected": 0, "accounts": {}}
    with client_for(did_emulator, None) as admin:
        for bad in ("10/h", "0/s", 5):
            r = admin.patch("/_emulator/config", json={"rate_limit": bad})
            assert r.status_code == 400 and r.json()["description"].startswith("rate_limit:"), r.text


def test_cli_rate_limit_flag() -> None:
    assert runtime_config(parse_args(["serve"])).rate_limit is None
    assert runtime_config(parse_args(["serve", "--rate-limit", "20/s"])).rate_limit == "20/s"
    assert runtime_config(parse_args(["serve", "--rate-limit", "600/m"])).rate_limit == "600/m"
    with pytest.raises(ValueError, match="rate_limit"):
        runtime_config(parse_args(["serve", "--rate-limit", "20/h"]))
    with pytest.raises(ValueError, match="rate_limit"):
        EmulatorServer(rate_limit="fast")


def test_the_default_clock_is_monotonic_time(did_emulator: EmulatorServer, api: httpx.Client) -> None:
    """Without a fake clock: 50/m allows a burst of 50, then refills less than one a second."""
    did_emulator.configure(rate_limit="50/m")
    statuses = [api.get("/agents").status_code for _ in range(80)]
    assert statuses[:50] == [200] * 50 and 429 in statuses
    stats = did_emulator.stats()
    assert (stats["accepted"], stats["rejected"]) == (statuses.count(200), statuses.count(429))
