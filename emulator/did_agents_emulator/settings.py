"""Emulator settings: fixed start-up settings and the runtime config changed via ``/_emulator/config``."""

from __future__ import annotations

import os
import re
import threading
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal

from .clock import Clock, SystemClock

ENV_API_KEYS = "DID_EMULATOR_API_KEYS"
ENV_AGENT_READY_DELAY = "DID_EMULATOR_AGENT_READY_DELAY"
ENV_DOCUMENT_READY_DELAY = "DID_EMULATOR_DOCUMENT_READY_DELAY"
ENV_HONOUR_IDEMPOTENCY_KEY = "DID_EMULATOR_HONOUR_IDEMPOTENCY_KEY"

# The real API is asynchronous: agents and documents are not usable the moment they are created,
# so clients must poll. Small non-zero defaults make every client exercise that, at little cost.
DEFAULT_AGENT_READY_DELAY = 0.2
DEFAULT_DOCUMENT_READY_DELAY = 0.5

FaultPhase = Literal["before", "after"]
FAULT_STATUSES = (429, 500, 503)
# Chat modes the server imposes on every chat (out of credits → TextOnly, agent down → Maintenance).
FORCED_CHAT_MODES = ("TextOnly", "Maintenance")
# ``--rate-limit`` / ``rate_limit``: ``N/s`` or ``N/m``, N > 0: a bucket of N tokens, N more per period.
_RATE_LIMIT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*/\s*([sm])\s*$")
_RATE_PERIODS = {"s": 1.0, "m": 60.0}
ALL_ACCOUNTS = "*"


def parse_rate_limit(value: str) -> tuple[float, float]:
    """``"20/s"`` → ``(capacity 20, refill 20.0/s)``; ``"60/m"`` → ``(60, 1.0)``; else ``ValueError``."""
    match = _RATE_LIMIT.match(value)
    if match is None or float(match.group(1)) <= 0:
        raise ValueError(f"rate_limit: {value!r} is not N/s or N/m with N > 0")
    count = float(match.group(1))
    return count, count / _RATE_PERIODS[match.group(2)]


@dataclass(frozen=True)
class RuntimeConfig:
    """Knobs changeable while the server runs (the fields of ``PATCH /_emulator/config``)."""

    fault_rate: float = 0.0
    fault_status: int = 429
    fault_phase: FaultPhase = "before"
    fault_paths: str | None = None
    retry_after: float = 1.0
    latency_ms: float = 0.0
    agent_ready_delay: float = DEFAULT_AGENT_READY_DELAY
    document_ready_delay: float = DEFAULT_DOCUMENT_READY_DELAY
    honour_idempotency_key: bool = False
    """Emulator extension: replay the first answer to a POST carrying the same ``Idempotency-Key``."""
    forced_chat_mode: str | None = None
    """Emulator extension: the chat mode the server imposes (``TextOnly``, ``Maintenance``) or ``None``."""
    rate_limit: str | None = None
    """Emulator extension: a token bucket per account, ``"N/s"`` or ``"N/m"``; ``None`` is no limit."""
    no_credits: tuple[str, ...] = ()
    """Emulator extension: owner ids (``acc_…``) whose ``GET /credits`` is 404; ``"*"`` is every account."""

    def to_dict(self) -> dict[str, Any]:
        """JSON view for the admin routes."""
        return asdict(self)


CONFIG_FIELDS = frozenset(RuntimeConfig.__dataclass_fields__)


def validate_config_patch(patch: dict[str, Any]) -> dict[str, Any]:
    """Check a config patch; raise ``ValueError('field: reason')`` on the first bad field."""
    out: dict[str, Any] = {}
    for name, value in patch.items():
        if name not in CONFIG_FIELDS:
            raise ValueError(f"{name}: unknown config field")
        if name == "fault_paths":
            if value is not None:
                if not isinstance(value, str):
                    raise ValueError("fault_paths: must be a regular expression string or null")
                try:
                    re.compile(value)
                except re.error as exc:
                    raise ValueError(f"fault_paths: invalid regular expression ({exc})") from None
        elif name == "fault_phase":
            if value not in ("before", "after"):
                raise ValueError("fault_phase: must be 'before' or 'after'")
        elif name == "fault_status":
            if isinstance(value, bool) or value not in FAULT_STATUSES:
                raise ValueError("fault_status: must be one of 429, 500, 503")
        elif name == "honour_idempotency_key":
            if not isinstance(value, bool):
                raise ValueError("honour_idempotency_key: must be true or false")
        elif name == "forced_chat_mode":
            if value is not None and value not in FORCED_CHAT_MODES:
                raise ValueError("forced_chat_mode: must be 'TextOnly', 'Maintenance' or null")
        elif name == "rate_limit":
            if value is not None:
                if not isinstance(value, str):
                    raise ValueError("rate_limit: must be a string 'N/s' or 'N/m', or null")
                parse_rate_limit(value)
                value = "".join(value.split())
        elif name == "no_credits":
            if not isinstance(value, list | tuple) or not all(
                isinstance(v, str) and (v == ALL_ACCOUNTS or v.startswith("acc_")) for v in value
            ):
                raise ValueError("no_credits: must be a list of owner ids ('acc_…') or '*'")
            value = tuple(dict.fromkeys(value))
        else:
            if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
                raise ValueError(f"{name}: must be a non-negative number")
            if name == "fault_rate" and value > 1:
                raise ValueError("fault_rate: must be between 0 and 1")
            value = float(value)
        out[name] = value
    return out


class ConfigHolder:
    """Thread-safe holder of the current ``RuntimeConfig``."""

    def __init__(self, initial: RuntimeConfig) -> None:
        self._current = initial
        self._lock = threading.Lock()

    @property
    def current(self) -> RuntimeConfig:
        return self._current

    def update(self, patch: dict[str, Any]) -> RuntimeConfig:
        """Apply a validated patch atomically."""
        clean = validate_config_patch(patch)
        with self._lock:
            self._current = replace(self._current, **clean)
            return self._current


@dataclass(frozen=True)
class Settings:
    """Start-up settings. ``db_path=':memory:'`` keeps everything in memory (tests)."""

    api_keys: tuple[str, ...]
    db_path: str = ":memory:"
    config: RuntimeConfig = field(default_factory=RuntimeConfig)
    sqlite_synchronous: Literal["FULL", "NORMAL"] = "FULL"
    clock: Clock = field(default_factory=SystemClock)


def keys_from_env() -> list[str]:
    """API keys from ``DID_EMULATOR_API_KEYS`` (comma-separated)."""
    raw = os.environ.get(ENV_API_KEYS, "")
    return [k.strip() for k in raw.split(",") if k.strip()]


def bool_from_env(name: str) -> bool:
    """``1``/``true``/``yes``/``on`` (any case) from the environment; unset or anything else is false."""
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


def float_from_env(name: str, default: float) -> float:
    """A non-negative float from the environment, or ``default`` if unset."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    value = float(raw)
    if value < 0:
        raise ValueError(f"{name} must be >= 0")
    return value
