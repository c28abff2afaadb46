"""One adaptive request rate per provider process: a 429 pauses every call, the rate drops under
what was sent and then probes back up, carefully near the rate that drew the 429; a fleet under the
emulator's rate limit converges without hammering it."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from did_agents_emulator.testing import EmulatorServer
from pulumi_did_agents.client._retry import UNLIMITED_AFTER, AdaptiveLimiter
from pulumi_did_agents.core import KnowledgeBaseCore, Session

from .conftest import settings_for, urn


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def test_free_until_a_429_then_paused_lowered_and_probed_back_up() -> None:
    clock = FakeClock()
    limiter = AdaptiveLimiter(clock=clock, sleep=clock.sleep)
    for _ in range(20):  # 20 requests in 2 s: about 10 per second, unthrottled
        assert limiter.acquire() == 0
        clock.now += 0.1
    assert limiter.rate is None

    limiter.throttled(retry_after=3)
    assert limiter.rate == pytest.approx(9.0)  # a little under what was sent (10 per second)
    clock.now += 0.1
    limiter.throttled(retry_after=1)  # another answer to a request already in flight: the same episode
    assert limiter.rate == pytest.approx(9.0)
    clock.now -= 0.1
    assert limiter.acquire() == pytest.approx(3.0)  # everyone waits out Retry-After
    assert limiter.acquire() == pytest.approx(1 / 9.0)  # then one slot every 1/rate seconds

    for _ in range(5):
        limiter.accepted()
    assert 9.5 < (limiter.rate or 0) < 9.7  # additive increase up to near the 429's rate ...
    before = limiter.rate or 0
    for _ in range(10):
        limiter.accepted()
    assert (limiter.rate or 0) - before == pytest.approx(10 * 0.2 / before, rel=0.05)  # ... then slower
    while limiter.rate is not None and limiter.rate < UNLIMITED_AFTER:
        limiter.accepted()
    assert limiter.rate is None  # probed back to no limit


def test_a_fleet_under_a_rate_limit_converges_without_hammering_the_api() -> None:
    with EmulatorServer(rate_limit="8/s", agent_ready_delay=0, document_ready_delay=0) as emulator:
        session = Session(settings_for(emulator, retry_timeout=5.0))
        core = KnowledgeBaseCore(session)
        checked = core.check({}, {"name": "kb", "description": "handbook"}).inputs
        statuses: list[str] = []
        session.progress = lambda urn, text: statuses.append(text)

        def create(n: int) -> str:
            return core.create(checked, urn=urn("KnowledgeBase", f"kb{n}")).id

        with ThreadPoolExecutor(8) as pool:
            ids = list(pool.map(create, range(40)))
        stats = emulator.stats()
        listed = session.client().knowledge.list()

    assert len(set(ids)) == 40 and len(listed) == 40, "a create failed or was made twice"
    # The retry budget (5 s) is far shorter than the run: throttling did not spend it.
    assert stats["rejected"] > 0, "the limit was never reached: the test proves nothing"
    assert stats["rejected"] <= stats["accepted"] // 2, stats
    assert any(text.startswith("throttled") for text in statuses), statuses[:5]
