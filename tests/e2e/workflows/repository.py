"""The repository as the workflow tests check it out: examples/promotion and the policy pack,
pointed at the emulator. Everything else is run exactly as committed.

The overrides, all of them:

1. `didagents:apiUrl` of every stack in `Pulumi.<stack>.yaml` is the emulator's URL instead of
   `https://api.d-id.com` (dev's fixed port becomes the test emulator's free port).
2. The staging and prod documents are the files of the same name in `docs/` (`file://` URLs, which
   only the emulator reads) instead of `https://docs.example.com/…`: editing such a file is then a
   knowledge change that the next `pulumi up` deploys (its bytes are hashed into the document).
3. Because of 2, `documents-https-in-production` in `policy/config/prod.json` is `advisory`
   instead of `mandatory`: it still runs and reports the `file://` URL on prod, but does not block
   it. Every other production rule stays as committed.

`.venv` links to the suite's own virtualenv, which `make install` built with the same pip command
as the pipelines' install steps.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

import yaml

from tests.e2e.engine import ROOT

__all__ = ["HTTPS_RULE", "PROJECT", "RETURNS", "STACKS", "drop_returns_line", "make_repository"]

PROJECT = "examples/promotion"
STACKS = ("dev", "staging", "prod")
HTTPS_RULE = "documents-https-in-production"
RETURNS = "Items can be returned within 30 days for a full refund."
"""A line of the project's docs/faq.md: the fact (`30 days`) of its conversation case `returns`."""
_IGNORE = shutil.ignore_patterns("__pycache__", "reports", ".pytest_cache")


def _local_documents(project: Path, documents: list[dict[str, Any]]) -> list[dict[str, Any]]:
    local = []
    for document in documents:
        name = PurePosixPath(urlsplit(document["url"]).path).name
        assert (project / "docs" / name).is_file(), f"{document['url']}: no docs/{name} to stand in for it"
        local.append({**document, "url": f"docs/{name}"})
    return local


def _point_stacks_at(project: Path, api_url: str) -> None:
    for stack in STACKS:
        path = project / f"Pulumi.{stack}.yaml"
        settings = yaml.safe_load(path.read_text(encoding="utf-8"))
        settings.pop("encryptionsalt", None)  # never committed; a local run's would not match
        config = settings["config"]
        config["didagents:apiUrl"] = api_url
        if stack != "dev":
            config["did-promotion:documents"] = _local_documents(project, config["did-promotion:documents"])
        path.write_text(yaml.safe_dump(settings, sort_keys=False), encoding="utf-8")


def _https_rule_advisory(policy: Path) -> None:
    path = policy / "config" / "prod.json"
    rules = json.loads(path.read_text(encoding="utf-8"))
    rules[HTTPS_RULE] = {**rules[HTTPS_RULE], "enforcementLevel": "advisory"}
    path.write_text(json.dumps(rules, indent=2), encoding="utf-8")


def make_repository(dest: Path, *, api_url: str, venv: Path) -> Path:
    """Write the overridden repository into `dest` (created) and return it."""
    shutil.copytree(ROOT / PROJECT, dest / PROJECT, ignore=_IGNORE)
    shutil.copytree(ROOT / "policy", dest / "policy", ignore=_IGNORE)
    (dest / ".venv").symlink_to(venv, target_is_directory=True)
    _point_stacks_at(dest / PROJECT, api_url)
    _https_rule_advisory(dest / "policy")
    return dest


def drop_returns_line(faq: Path) -> str:
    """Edit `faq` (a checkout's docs/faq.md) to lose the `RETURNS` fact; returns the text before."""
    original = faq.read_text(encoding="utf-8")
    assert RETURNS in original
    faq.write_text(original.replace(RETURNS + "\n", ""), encoding="utf-8")
    return original
