"""What the documented CI setup (docs/secrets.md) leaves in logs and state, at every verbosity.

Every log is collected: the CLI's stdout and stderr with ``--logtostderr -v=N --logflow``, the
engine's own log files (``-v=9`` without ``--logtostderr`` writes them to ``$TMPDIR``),
``PULUMI_HOME``, the stored state, the project directory and the emulator's request log. The
findings are exact, so docs/secrets.md can say exactly what the engine prints:

- with ``DID_API_KEY`` in the environment and client keys declared ``expose_key=False``, neither the
  API key nor any client key is in any of them, ``-v=9`` included;
- an exposed client key (a secret output) is in none of them up to ``-v=8``; at ``-v=9`` the engine
  logs every property value crossing its RPC interfaces, secrets included, so it appears there, and
  only in its ``(Un)Marshaling property for RPC[…]`` lines;
- with the key in stack config instead, ``-v=9`` shows it in one kind of line: the inputs of the
  provider's ``Configure`` call.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from did_agents_emulator.testing import EmulatorServer
from tests.chaos.account import Account
from tests.chaos.fleet import Fleet, write_project
from tests.chaos.kill import LogTap
from tests.chaos.stack import Stack

FLEET = Fleet(knowledge_bases=1, documents_per_kb=1, agents=1, keys_per_agent=2, expose_keys=False)
EXPOSED = Fleet(knowledge_bases=1, documents_per_kb=1, agents=1, keys_per_agent=1)
VERBOSE = ("--logtostderr", "--logflow")
RPC_PROPERTY_LINES = ("Marshaling property for RPC[", "Unmarshaling property for RPC[")


@pytest.fixture
def request_log(did_emulator: EmulatorServer) -> Iterator[list[str]]:
    lines: list[str] = []
    with LogTap().listening(lambda line: lines.append(json.dumps(line))):
        yield lines


def make_stack(tmp: Path, emulator: EmulatorServer, *, key_in_env: bool, fleet: Fleet = FLEET) -> Stack:
    project = write_project(tmp / "project", fleet)
    stack = Stack(project, tmp / "work", emulator.url, emulator.api_key, key_in_env=key_in_env)
    stack.init()
    return stack


def api_key_forms(key: str) -> list[str]:
    """The key as issued, its secret half, and the Basic form a client might log."""
    return [key, key.split(":", 1)[1], base64.b64encode(key.encode()).decode()]


def every_line(*roots: Path, extra: list[str]) -> Iterator[tuple[str, str]]:
    """(where, line) for every line of every file under ``roots``, and the ``extra`` lines."""
    for root in roots:
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            for line in path.read_text(errors="replace").splitlines():
                yield str(path.relative_to(root.parent)), line
    for line in extra:
        yield "emulator request log", line


def engine_level(line: str) -> int | None:
    try:
        record = json.loads(line)
    except ValueError:
        return None
    return record.get("v") if isinstance(record, dict) else None


def hits(stack: Stack, request_log: list[str], secrets: list[str]) -> list[tuple[str, int | None, str]]:
    return [
        (where, engine_level(line), line)
        for where, line in every_line(stack.work, stack.project, extra=request_log)
        if any(secret in line for secret in secrets)
    ]


def test_ci_setup_keeps_api_and_client_keys_out_of_every_log_at_every_verbosity(
    pulumi_cli: str, tmp_path: Path, did_emulator: EmulatorServer, request_log: list[str]
) -> None:
    stack = make_stack(tmp_path, did_emulator, key_in_env=True)
    for command in (
        ("preview", "-v=9"),  # engine log files in $TMPDIR
        ("up", "--yes", "--skip-preview", "-v=9", *VERBOSE),
        ("refresh", "--yes", "--skip-preview", "-v=9", *VERBOSE),
        ("stack", "output", "--json"),
        ("stack", "export"),
    ):
        done = stack.pulumi(*command)
        assert done.returncode == 0, done.stderr[-2000:]
    orphans = stack.did_agents("orphans", "--stack", stack.name)
    assert orphans.returncode == 0, orphans.stdout + orphans.stderr
    account = Account(did_emulator.url, did_emulator.api_key)
    client_keys = account.client_keys()
    account.close()
    assert len(client_keys) == 2
    done = stack.pulumi("destroy", "--yes", "--skip-preview", "-v=9", *VERBOSE)
    assert done.returncode == 0, done.stderr[-2000:]
    assert list((stack.work / "tmp").glob("pulumi*.log.INFO*")), "-v=9 wrote no engine log file"

    leaked = hits(stack, request_log, [*api_key_forms(did_emulator.api_key), *client_keys])
    assert leaked == [], "a key leaked:\n" + "\n".join(f"{w}: {line[:200]}" for w, _, line in leaked)


def test_an_exposed_client_key_shows_only_in_v9_rpc_lines(
    pulumi_cli: str, tmp_path: Path, did_emulator: EmulatorServer, request_log: list[str]
) -> None:
    stack = make_stack(tmp_path, did_emulator, key_in_env=True, fleet=EXPOSED)
    for command in (
        ("up", "--yes", "--skip-preview", "-v=8", *VERBOSE),
        ("refresh", "--yes", "-v=9", *VERBOSE),
    ):
        done = stack.pulumi(*command)
        assert done.returncode == 0, done.stderr[-2000:]
    outputs = json.loads(stack.pulumi("stack", "output", "--json").stdout)
    assert set(outputs["client_keys"].values()) == {"[secret]"}
    account = Account(did_emulator.url, did_emulator.api_key)
    client_keys = account.client_keys()
    account.close()
    found = hits(stack, request_log, client_keys)
    assert found, "-v=9 no longer shows exposed client keys: update docs/secrets.md"
    for where, level, line in found:
        assert level == 9 and any(kind in line for kind in RPC_PROPERTY_LINES), f"{where}: {line[:300]}"
    assert stack.pulumi("destroy", "--yes", "--skip-preview").returncode == 0


def test_a_key_in_stack_config_shows_in_v9_configure_inputs_only(
    pulumi_cli: str, tmp_path: Path, did_emulator: EmulatorServer
) -> None:
    stack = make_stack(tmp_path, did_emulator, key_in_env=False)
    quiet = stack.pulumi("preview", "-v=8", *VERBOSE)
    loud = stack.pulumi("preview", "-v=9", *VERBOSE)
    assert quiet.returncode == 0 and loud.returncode == 0, loud.stderr[-2000:]
    key = did_emulator.api_key

    assert key not in quiet.stdout + quiet.stderr
    hits = [line for line in (loud.stdout + loud.stderr).splitlines() if key in line]
    assert hits, "-v=9 no longer shows a key from stack config: update docs/secrets.md"
    for line in hits:
        message = json.loads(line)["msg"]
        assert (
            message.startswith("Marshaling property for RPC[Provider[")
            and "].Configure().inputs]: " in message
        )
    stored = (stack.project / f"Pulumi.{stack.name}.yaml").read_text() + "".join(
        p.read_text() for p in (stack.work / "state").rglob("*") if p.is_file()
    )
    assert key not in stored and "secure:" in stored
