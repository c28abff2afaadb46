"""Per-app state shared by routes and middleware (database, settings, runtime config, accounts)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from .db import Database
from .settings import ConfigHolder, Settings


def account_id_for_key(api_key: str) -> str:
    """Stable account id derived from the API key: each key is its own account, the key is never stored."""
    return "acc_" + hashlib.sha256(api_key.encode()).hexdigest()[:16]


@dataclass
class AppContext:
    """Everything a request needs; stored on ``app.state.ctx``."""

    settings: Settings
    db: Database
    config: ConfigHolder

    def __post_init__(self) -> None:
        self.accounts: dict[str, str] = {key: account_id_for_key(key) for key in self.settings.api_keys}
