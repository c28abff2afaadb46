"""One way to read a stack's provider settings, for every command that talks to the API.

The order is the provider's, with a command-line flag in front: ``--api-url``, then the stack's
``didagents:*`` config (``didagents:apiKey`` as the secret it is), then ``DID_API_URL`` and
``DID_API_KEY``. ``did-agents test``, ``orphans``, ``init``, the pytest plugin (``--did-stack``)
and ``examples/promotion/promote.sh`` (through ``did-agents test``) all resolve through here. The
key has no flag: a flag would show it in process listings.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..core.settings import ProviderSettings
from ._errors import CliError
from ._pulumi import run_pulumi

__all__ = ["resolve_settings", "stack_config"]


def stack_config(stack: str, *, cwd: Path | None) -> dict[str, Any]:
    """The stack's config, secrets decrypted (never printed): ``{"didagents:apiUrl": …}``."""
    done = run_pulumi(["config", "--json", "--show-secrets", "--stack", stack], cwd=cwd)
    try:
        return {k: v.get("value") for k, v in json.loads(done.stdout or "{}").items()}
    except (json.JSONDecodeError, AttributeError):
        raise CliError(f"pulumi config --stack {stack} printed no JSON object") from None


def resolve_settings(stack: str | None, *, cwd: Path | None, api_url: str | None = None) -> ProviderSettings:
    """Settings as the provider of ``stack`` resolves them (no stack: flags and environment only)."""
    config = stack_config(stack, cwd=cwd) if stack else {}
    if api_url:
        config["didagents:apiUrl"] = api_url
    return ProviderSettings.resolve(config.get)
