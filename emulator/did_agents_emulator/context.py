"""Per-app state shared by routes and middleware (database, settings, runtime config, accounts)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from .clock import Clock, ManualClock
from .db import Database
from .ratelimit import RateLimiter
from .settings import ALL_ACCOUNTS, ConfigHolder, Settings


def account_id_for_key(api_key: str) -> str:
    """Stable account id derived from the API key: each key is its own account, the key is never stored."""
    return "acc_" + hashlib.sha256(api_key.encode()).hexdigest()[:16]


def account_ref(value: str) -> str:
    """An account named by its owner id (``acc_…``), ``*`` (every account), or else its API key."""
    return value if value == ALL_ACCOUNTS or value.startswith("acc_") else account_id_for_key(value)


@dataclass
class AppContext:
    """Everything a request needs; stored on ``app.state.ctx``."""

    settings: Settings
    db: Database
    config: ConfigHolder

    def __post_init__(self) -> None:
        self.accounts: dict[str, str] = {key: account_id_for_key(key) for key in self.settings.api_keys}
        self.started_at: float = self.db.clock.now()
        """When this server started: the emulator's credits were granted then (``GET /credits``)."""
        # A manual clock also refills the buckets: tests advance one time, not two.
        manual = isinstance(self.clock, ManualClock)
        self.rate_limiter = RateLimiter(self.clock.now) if manual else RateLimiter()

    @property
    def clock(self) -> Clock:
        """The database's clock (``Database.clock``): one time for every row and answer."""
        return self.db.clock
