"""Provider settings: stack config (``didagents:*``), else the environment, else defaults.

Resolved and validated once, with errors that name the config key, so a mistake fails the
preview with one line instead of surfacing as an HTTP error later. Credentials only ever come
from here, never from resource inputs, so they are not written to resource state.
"""

from __future__ import annotations

import difflib
import json
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from .._args import Secret, SecretLike
from .._tokens import MODULE
from ..client import (
    DEFAULT_BASE_URL,
    DEFAULT_RETRY_TIMEOUT,
    DEFAULT_WAIT_TIMEOUT,
    ENV_API_KEY,
    ENV_API_URL,
    api_url_problem,
)
from ..errors import ConfigError
from .markers import OWNER_PATTERN

__all__ = ["CONFIG_KEYS", "OWNER_MISSING", "ConfigKey", "ProviderSettings", "SecretLike", "config_problems"]

NAMESPACE = MODULE


@dataclass(frozen=True)
class ConfigKey:
    name: str
    env: str | None
    doc: str
    kind: str = "string"
    secret: bool = False

    @property
    def config(self) -> str:
        return f"{NAMESPACE}:{self.name}"


API_URL = ConfigKey("apiUrl", ENV_API_URL, "Base URL of the D-ID API (the emulator is just another URL).")
API_KEY = ConfigKey("apiKey", ENV_API_KEY, "D-ID API key as issued (`user:secret`).", secret=True)
RETRY_TIMEOUT = ConfigKey(
    "retryTimeout",
    "DID_RETRY_TIMEOUT",
    "Seconds the retries of one API call may span (default 300).",
    "number",
)
WAIT_TIMEOUT = ConfigKey(
    "waitTimeout",
    "DID_WAIT_TIMEOUT",
    "Seconds to wait for an agent or document to be ready (default 600).",
    "number",
)
UPLOADER = ConfigKey(
    "uploader",
    "DID_UPLOADER",
    "Where local document files are published for the API to fetch, e.g. `s3://bucket/docs?region=eu-west-1` "
    "(see docs/uploaders.md). Without it, `file://` sources work only with the local emulator.",
)
OWNER = ConfigKey(
    "owner",
    None,
    "This stack instance's owner id, written into every object it creates (`did-agents init` sets it; "
    "see the README's *Sharing a D-ID account*). Required before the first create; never shared "
    "between stack instances.",
)
ACCOUNT_ID = ConfigKey(
    "accountId",
    "DID_ACCOUNT_ID",
    "The D-ID account (owner id) this stack may deploy to; preview fails when the API key belongs to "
    "another account.",
)
OFFLINE = ConfigKey(
    "offline",
    "DID_OFFLINE",
    "`true`: checks at preview make no API call (no credential, account or reference check), for "
    "previews without the network; `up` still fails on what they would have caught.",
    "boolean",
)
RELEASE_PINS = ConfigKey(
    "releasePins",
    None,
    "Agents held at a release, by resource name (`{support: r-…}`): `did-agents rollback` writes it, "
    "and `pulumi up` ships nothing else to a pinned agent until the pin is removed.",
    "object",
)
CONFIG_KEYS = (
    API_URL,
    API_KEY,
    RETRY_TIMEOUT,
    WAIT_TIMEOUT,
    UPLOADER,
    OWNER,
    ACCOUNT_ID,
    OFFLINE,
    RELEASE_PINS,
)


@dataclass(frozen=True)
class ProviderSettings:
    """Resolved provider settings; ``api_key`` is a ``Secret`` so ``repr`` never shows it."""

    api_url: str = DEFAULT_BASE_URL
    api_key: SecretLike | None = None
    retry_timeout: float = DEFAULT_RETRY_TIMEOUT
    wait_timeout: float = DEFAULT_WAIT_TIMEOUT
    uploader: str | None = None
    """Configuration string of the uploader for local document sources (``uploader_from_url``)."""
    owner: str | None = None
    """The stack instance's owner id (``didagents:owner``): the first half of every ownership marker."""
    account_id: str | None = None
    """The account the API key must belong to (``didagents:accountId``), checked at preview."""
    offline: bool = False
    """``didagents:offline``: checks make no API call."""
    release_pins: tuple[tuple[str, str], ...] = ()
    """``didagents:releasePins``: (agent resource name, the release it is held at); a tuple, so
    settings stay hashable (sessions are shared by equal settings)."""
    key_source: str = API_KEY.config
    """Where the key came from (``didagents:apiKey`` or ``DID_API_KEY``), for error messages."""

    @property
    def targets_emulator(self) -> bool:
        """A loopback API URL: the local emulator, which reads ``file://`` and ``data:`` sources."""
        host = (urlsplit(self.api_url).hostname or "").lower()
        return host in ("localhost", "::1") or host.startswith("127.")

    @classmethod
    def resolve(
        cls, get: Callable[[str], Any] | None = None, env: Mapping[str, str] | None = None
    ) -> ProviderSettings:
        """Each value from ``get(<config key>)`` (stack config), else the environment, else default.

        ``get`` is handed fully qualified keys (``didagents:apiUrl``). Raises ``ConfigError`` naming
        the key for a malformed value.
        """
        environ = os.environ if env is None else env

        def pick(key: ConfigKey) -> tuple[str | None, str]:
            value = get(key.config) if get is not None else None
            if value is not None:
                return str(value), key.config
            if key.env is None:
                return None, key.config
            raw = environ.get(key.env)
            return (raw, key.env) if raw is not None and raw.strip() else (None, key.env)

        url, url_source = pick(API_URL)
        key, key_source = pick(API_KEY)
        if key is not None and not key.strip():
            raise ConfigError(f"{key_source} is empty: set the D-ID API key or unset it")
        return cls(
            api_url=_url(url, url_source) if url is not None else DEFAULT_BASE_URL,
            api_key=Secret(key.strip()) if key is not None else None,
            retry_timeout=_seconds(*pick(RETRY_TIMEOUT), DEFAULT_RETRY_TIMEOUT, allow_zero=True),
            wait_timeout=_seconds(*pick(WAIT_TIMEOUT), DEFAULT_WAIT_TIMEOUT, allow_zero=False),
            uploader=_uploader(*pick(UPLOADER)),
            owner=_owner(*pick(OWNER)),
            account_id=_stripped(*pick(ACCOUNT_ID)),
            offline=_flag(*pick(OFFLINE)),
            release_pins=_pins(get(RELEASE_PINS.config) if get is not None else None),
            key_source=key_source,
        )

    def pin(self, name: str) -> str | None:
        """The release agent ``name`` is pinned to, if any."""
        return dict(self.release_pins).get(name)

    def require_owner(self) -> str:
        """The owner id, or the one-line error a create must fail with (checked at preview too)."""
        if self.owner is None:
            raise ConfigError(OWNER_MISSING)
        return self.owner


ENGINE_KEYS = frozenset({"version", "pluginDownloadURL"})
"""Inputs the engine itself gives a provider resource, beside the ``didagents:`` config."""


def config_problems(names: Iterable[str], is_secret: Callable[[str], bool]) -> list[str]:
    """Mistakes in the ``didagents:`` config that would otherwise pass silently, one line each.

    ``names`` are short keys (``apiUrl``); ``is_secret(name)`` tells whether a value was set with
    ``--secret``. An unknown key (a typo, a key of an older version) gets a did-you-mean; an API key
    in plain text would be committed to git with ``Pulumi.<stack>.yaml``.
    """
    known = {key.name: key for key in CONFIG_KEYS}
    problems: list[str] = []
    for name in sorted(set(names) - ENGINE_KEYS):
        key = known.get(name)
        if key is None:
            problems.append(_unknown(name, list(known)))
        elif key.secret and not is_secret(name):
            problems.append(
                f"{key.config} is set in plain text, so it would be committed with Pulumi.<stack>.yaml: "
                f"set it with `pulumi config set --secret {key.config} …`, or export {key.env}"
            )
    return problems


def _unknown(name: str, known: list[str]) -> str:
    by_case = {k.lower(): k for k in known}
    guess = by_case.get(name.lower()) or next(iter(difflib.get_close_matches(name, known, n=1)), None)
    hint = f"; did you mean {NAMESPACE}:{guess}?" if guess else ""
    return f"{NAMESPACE}:{name} is not a setting of pulumi-did-agents{hint} (settings: {', '.join(known)})"


OWNER_MISSING = (
    f"{OWNER.config} is not set: give this stack instance its own owner id before it creates anything, "
    "with `did-agents init --stack <stack>` (or `pulumi config set didagents:owner <id>`, a new id that "
    "no other stack uses)"
)


def _owner(value: str | None, source: str) -> str | None:
    if value is None or not value.strip():
        return None
    if not OWNER_PATTERN.fullmatch(value.strip()):
        raise ConfigError(
            f"{source} must be 3-63 characters of a-z, 0-9, '.', '_' and '-', starting with a letter or "
            f"digit (got {value!r})"
        )
    return value.strip()


def _flag(value: str | None, source: str) -> bool:
    if value is None or value.strip().lower() in ("", "false", "0", "no"):
        return False
    if value.strip().lower() in ("true", "1", "yes"):
        return True
    raise ConfigError(f"{source} must be true or false (got {value!r})")


def _stripped(value: str | None, source: str) -> str | None:
    return value.strip() if value is not None and value.strip() else None


def _url(value: str, source: str) -> str:
    if (problem := api_url_problem(value)) is not None:
        raise ConfigError(f"{source} {problem}")
    return value.strip().rstrip("/")


def _uploader(value: str | None, source: str) -> str | None:
    if value is None or not value.strip():
        return None
    if value.split("://", 1)[0] not in ("s3", "dir"):
        raise ConfigError(f"{source} must be an s3:// or dir:// uploader URL (got {value!r})")
    return value.strip()


def _seconds(value: str | None, source: str, default: float, *, allow_zero: bool) -> float:
    if value is None:
        return default
    try:
        seconds = float(value)
    except ValueError:
        raise ConfigError(f"{source} must be a number of seconds (got {value!r})") from None
    if seconds < 0 or (seconds == 0 and not allow_zero) or seconds != seconds:
        bound = "0 or more" if allow_zero else "more than 0"
        raise ConfigError(f"{source} must be {bound} seconds (got {value!r})")
    return seconds


def _pins(value: Any) -> tuple[tuple[str, str], ...]:
    """A mapping of names to release ids, given as an object or as its JSON text (how the engine
    hands object config to a provider)."""
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            raise ConfigError(
                f"{RELEASE_PINS.config} must be an object of agent names to release ids"
            ) from None
    if not isinstance(value, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) and v.startswith("r-") for k, v in value.items()
    ):
        raise ConfigError(
            f"{RELEASE_PINS.config} must map agent resource names to release ids (r-…), got {value!r}"
        )
    return tuple(sorted(value.items()))
