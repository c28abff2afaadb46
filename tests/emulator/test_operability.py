"""Operability: admin routes, idempotent retries, fault injection, request logs, persistence, CLI."""

from __future__ import annotations

import json
import logging
import os
import re
import selectors
import signal
import socket
import subprocess
import sys
import threading
from datetime import datetime
from pathlib import Path

import httpx
import pytest

from did_agents_emulator.cli import parse_args, runtime_config
from did_agents_emulator.settings import (
    ENV_AGENT_READY_DELAY,
    ENV_DOCUMENT_READY_DELAY,
    ENV_HONOUR_IDEMPOTENCY_KEY,
)
from did_agents_emulator.testing import EmulatorServer

from .conftest import (
    TALK,
    add_document,
    browser,
    client_for,
    client_key,
    create_agent,
    create_kb,
    user_message,
)


def test_health_config_and_reset(did_emulator: EmulatorServer, api: httpx.Client) -> None:
    with client_for(did_emulator, None) as anon:
        assert anon.get("/_emulator/health").json() == {"status": "ok"}
        config = anon.get("/_emulator/config").json()
        assert config["fault_rate"] == 0 and config["fault_phase"] == "before"
        patched = anon.patch("/_emulator/config", json={"latency_ms": 1, "fault_paths": "^/knowledge"})
        assert patched.json()["latency_ms"] == 1 and patched.json()["fault_paths"] == "^/knowledge"
        assert config["honour_idempotency_key"] is False and config["forced_chat_mode"] is None
        for bad in (
            {"fault_rate": 2},
            {"fault_status": 404},
            {"fault_phase": "during"},
            {"bogus": 1},
            {"honour_idempotency_key": "yes"},
            {"forced_chat_mode": "Playground"},
        ):
            r = anon.patch("/_emulator/config", json=bad)
            assert r.status_code == 400 and r.json()["kind"] == "BadRequestError"
        create_agent(api)
        assert anon.post("/_emulator/reset").status_code == 200
    assert api.get("/agents").json() == []


def _instant(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def test_a_manual_clock_moves_only_when_advanced(did_emulator: EmulatorServer) -> None:
    with client_for(did_emulator, None) as admin:
        before = admin.get("/_emulator/clock").json()
        assert before["manual"] is True and admin.get("/_emulator/clock").json() == before  # stands still
        moved = admin.post("/_emulator/clock", json={"advance": 1.5}).json()
        assert moved["manual"] is True
        assert abs((_instant(moved["now"]) - _instant(before["now"])).total_seconds() - 1.5) <= 0.002
        assert did_emulator.advance_clock(0)["now"] == moved["now"]
        for bad in ({"advance": -1}, {"advance": "soon"}, {}, {"advance": 1, "to": 2}):
            r = admin.post("/_emulator/clock", json=bad)
            assert r.status_code == 400 and r.json()["kind"] == "BadRequestError", r.text
    assert parse_args(["serve", "--manual-clock"]).manual_clock is True
    assert parse_args(["serve"]).manual_clock is False


def test_emulator_server_runs_on_the_system_clock_by_default() -> None:
    with EmulatorServer(api_keys=["clock-user:secret"]) as server:
        with client_for(server, None) as admin:
            assert admin.get("/_emulator/clock").json()["manual"] is False
            r = admin.post("/_emulator/clock", json={"advance": 1})
            assert r.status_code == 400 and "system clock" in r.json()["description"]


def test_idempotency_key_is_ignored_by_default(did_emulator: EmulatorServer, api: httpx.Client) -> None:
    """Nothing shows the real API honouring it: a retried POST with the same key creates twice."""
    headers = {"Idempotency-Key": "create-agent-1"}
    first = api.post("/agents", json={"presenter": TALK}, headers=headers)
    again = api.post("/agents", json={"presenter": TALK}, headers=headers)
    assert first.status_code == again.status_code == 200
    assert first.json()["id"] != again.json()["id"] and "idempotent-replayed" not in again.headers
    assert len(api.get("/agents").json()) == 2


def test_idempotency_key_replays_when_honoured(did_emulator: EmulatorServer, api: httpx.Client) -> None:
    """The emulator extension: ``honour_idempotency_key`` replays the answer to a lost response."""
    did_emulator.configure(honour_idempotency_key=True, fault_rate=1, fault_status=503, fault_phase="after")
    headers = {"Idempotency-Key": "create-agent-1"}
    lost = api.post("/agents", json={"presenter": TALK}, headers=headers)
    assert lost.status_code == 503  # processed and committed, but the client never saw the answer
    did_emulator.configure(fault_rate=0)
    retry = api.post("/agents", json={"presenter": TALK}, headers=headers)
    assert retry.status_code == 200 and retry.headers["Idempotent-Replayed"] == "true"
    agents = api.get("/agents").json()
    assert [a["id"] for a in agents] == [retry.json()["id"]]  # exactly one agent
    # the key is scoped per account, and a different body with the same key is refused
    assert (
        api.post("/agents", json={"presenter": TALK, "preview_name": "x"}, headers=headers).status_code == 400
    )
    with client_for(did_emulator, f"Bearer {did_emulator.api_keys[1]}") as other:
        assert other.post("/agents", json={"presenter": TALK}, headers=headers).status_code == 200
        assert len(other.get("/agents").json()) == 1
    # without a key every POST creates
    api.post("/agents", json={"presenter": TALK})
    assert len(api.get("/agents").json()) == 2


def test_fault_before_does_not_process(did_emulator: EmulatorServer, api: httpx.Client) -> None:
    did_emulator.configure(fault_rate=1, fault_status=429, retry_after=7)
    r = api.post("/knowledge", json={"name": "n", "description": "d"})
    assert r.status_code == 429 and r.headers["Retry-After"] == "7"
    assert r.json() == {"kind": "TooManyRequests", "description": "too many requests, retry later"}
    did_emulator.configure(fault_rate=0)
    assert api.get("/knowledge").json() == []


def test_fault_paths_and_rate(did_emulator: EmulatorServer, api: httpx.Client) -> None:
    did_emulator.configure(fault_rate=1, fault_status=500, fault_paths="^/knowledge")
    assert api.get("/knowledge").status_code == 500
    assert api.get("/agents").status_code == 200
    did_emulator.configure(fault_rate=0.5, fault_paths=None, fault_status=429)
    statuses = {api.get("/agents").status_code for _ in range(40)}
    assert statuses == {200, 429}


def test_request_log_is_json_without_secrets(
    did_emulator: EmulatorServer, api: httpx.Client, caplog: pytest.LogCaptureFixture
) -> None:
    agent = create_agent(api)
    with caplog.at_level(logging.INFO, logger="did_agents_emulator.requests"):
        api.get(f"/agents/{agent['id']}")
        key = client_key(api, agent["id"])  # the key is in the answer, never in the log
        with browser(did_emulator, key) as page:
            page.get(f"/agents/{agent['id']}/runtime")
        url = f"/agents/{agent['id']}/client-keys/{key}"  # ... and a path segment here
        api.patch(url, json={"name": "renamed"})
        api.delete(url)
        api.delete(url)
    lines = [json.loads(r.getMessage()) for r in caplog.records if r.name == "did_agents_emulator.requests"]
    assert [(line["method"], line["status"]) for line in lines] == [
        ("GET", 200),
        ("POST", 201),
        ("GET", 200),
        ("PATCH", 204),
        ("DELETE", 204),
        ("DELETE", 404),
    ]
    assert set(lines[0]) == {"method", "path", "status", "duration_ms", "account"}
    assert lines[0]["account"].startswith("acc_") and lines[2]["account"] == lines[0]["account"]
    assert lines[3]["path"] == f"/agents/{agent['id']}/client-keys/[redacted]"
    text = caplog.text
    assert did_emulator.api_key not in text and did_emulator.api_key.split(":")[1] not in text
    assert key not in text and key[3:] not in text


def test_data_survives_restart(tmp_path: Path) -> None:
    db = str(tmp_path / "emu.db")
    keys = ["persist-user:secret"]
    with EmulatorServer(api_keys=keys, db_path=db, agent_ready_delay=0, document_ready_delay=0) as first:
        with client_for(first, f"Basic {keys[0]}") as api:
            agent = create_agent(api)
            kb = create_kb(api)
            doc = api.post(
                f"/knowledge/{kb['id']}/documents",
                json={"documentType": "text", "source_url": "data:,hello", "title": "t"},
            ).json()
    with EmulatorServer(api_keys=keys, db_path=db) as second:
        with client_for(second, f"Basic {keys[0]}") as api:
            assert api.get(f"/agents/{agent['id']}").json() == agent
            assert [d["id"] for d in api.get(f"/knowledge/{kb['id']}/documents").json()] == [doc["id"]]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _api(port: int, key: str) -> httpx.Client:
    """A client of the emulator subprocess on ``port``, as the account of ``key``."""
    return httpx.Client(
        base_url=f"http://127.0.0.1:{port}",
        headers={"Authorization": f"Basic {key}"},
        trust_env=False,
        timeout=10,
    )


def _spawn(db: Path, port: int, key: str) -> subprocess.Popen[bytes]:
    exe = Path(sys.executable).with_name("did-agents-emulator")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "did_agents_emulator.cli"]
    proc = subprocess.Popen(
        [
            *cmd,
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--db",
            str(db),
            "--api-key",
            key,
            "--quiet",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "DID_EMULATOR_API_KEYS": ""},
    )
    try:  # ready once it says so (its readiness line), no polling
        assert _first_line(proc) == f"listening on http://127.0.0.1:{port}\n"
    except AssertionError:
        proc.kill()
        raise AssertionError(f"emulator subprocess did not start: {proc.communicate()[1]!r}") from None
    return proc


def _stop(proc: subprocess.Popen[bytes], sig: signal.Signals = signal.SIGTERM) -> None:
    """Signal the emulator subprocess (SIGKILL: as a crash), wait for it and close its pipes."""
    proc.send_signal(sig)
    proc.wait(timeout=10)
    for pipe in (proc.stdout, proc.stderr):
        if pipe:
            pipe.close()


def test_kill_9_keeps_every_acknowledged_write(tmp_path: Path) -> None:
    db, key = tmp_path / "kill.db", "kill-user:secret"
    port = _free_port()
    proc = _spawn(db, port, key)
    created: list[str] = []
    try:
        with _api(port, key) as api:
            config = api.get("/_emulator/config").json()  # the CLI's defaults
            assert (config["agent_ready_delay"], config["document_ready_delay"]) == (0.2, 0.5)
            assert config["honour_idempotency_key"] is False
            assert api.get("/_emulator/clock").json()["manual"] is False  # the real clock
            for i in range(15):
                created.append(
                    api.post("/agents", json={"presenter": TALK, "preview_name": f"A{i}"}).json()["id"]
                )
                created.append(
                    api.post("/knowledge", json={"name": f"K{i}", "description": "d"}).json()["id"]
                )
    finally:
        _stop(proc, signal.SIGKILL)
    port = _free_port()
    proc = _spawn(db, port, key)
    try:
        with _api(port, key) as api:
            found = [a["id"] for a in api.get("/agents").json()] + [
                k["id"] for k in api.get("/knowledge").json()
            ]
        assert sorted(found) == sorted(created)
        reset = subprocess.run(
            [sys.executable, "-m", "did_agents_emulator.cli", "reset", "--url", f"http://127.0.0.1:{port}"],
            capture_output=True,
            timeout=30,
        )
        assert reset.returncode == 0
        with _api(port, key) as api:
            assert api.get("/agents").json() == []
    finally:
        _stop(proc)


def test_kill_9_mid_run_keeps_every_acknowledged_write(tmp_path: Path) -> None:
    """Writers run concurrently (so their writes share commits) when the emulator is killed with
    SIGKILL; restarted on the same file, it has every create and chat turn that was answered 2xx."""
    db, key = tmp_path / "midrun.db", "midrun-user:secret"
    port = _free_port()
    proc = _spawn(db, port, key)
    with _api(port, key) as api:
        api.patch("/_emulator/config", json={"agent_ready_delay": 0, "document_ready_delay": 0})
        kb = create_kb(api)
        manual = "data:text/plain,The warranty lasts two years from the date of purchase."
        add_document(api, kb["id"], manual, title="Manual")
        agent = create_agent(api, knowledge={"id": kb["id"]})
        chats = [api.post(f"/agents/{agent['id']}/chat", json={}).json()["id"] for _ in range(3)]
    agents: list[str] = []
    turns: dict[str, list[str]] = {chat_id: [] for chat_id in chats}
    refused: list[str] = []  # non-2xx answers (a writer thread cannot fail the test itself)
    progress = threading.Condition()

    def acknowledged(written: list[str], value: str) -> None:
        with progress:
            written.append(value)
            progress.notify_all()

    def create_agents() -> None:
        with _api(port, key) as api:
            for i in range(100_000):
                try:
                    r = api.post("/agents", json={"presenter": TALK, "preview_name": f"A{i}"})
                except httpx.HTTPError:
                    return  # killed
                if r.status_code != 200:
                    refused.append(r.text)
                    return
                acknowledged(agents, r.json()["id"])

    def send_messages(chat_id: str) -> None:
        with _api(port, key) as api:
            for i in range(100_000):
                content = f"How long is the warranty? ({chat_id} #{i})"
                try:
                    r = api.post(
                        f"/agents/{agent['id']}/chat/{chat_id}", json={"messages": [user_message(content)]}
                    )
                except httpx.HTTPError:
                    return
                if r.status_code != 200:
                    refused.append(r.text)
                    return
                acknowledged(turns[chat_id], content)

    def mid_run() -> bool:  # every writer has had writes acknowledged, and is still writing
        return bool(refused) or (len(agents) >= 20 and all(len(sent) >= 5 for sent in turns.values()))

    writers = [threading.Thread(target=create_agents) for _ in range(2)]
    writers += [threading.Thread(target=send_messages, args=(chat_id,)) for chat_id in chats]
    try:
        for writer in writers:
            writer.start()
        with progress:
            assert progress.wait_for(mid_run, timeout=60), "the writers made no progress"
    finally:
        _stop(proc, signal.SIGKILL)
        for writer in writers:
            writer.join(timeout=20)
    assert not refused
    assert agents and all(turns.values())  # the kill came mid-run, after some acknowledged writes
    port = _free_port()
    proc = _spawn(db, port, key)
    try:
        with _api(port, key) as api:
            assert set(agents) <= {a["id"] for a in api.get("/agents").json()}
            for chat_id, sent in turns.items():
                messages = api.get(f"/agents/{agent['id']}/chat/{chat_id}").json()["messages"]
                stored = [m["content"] for m in messages if m["role"] == "user"]
                assert stored[: len(sent)] == sent  # in order; one more may have committed unanswered
                assert len(messages) == 2 * len(stored)  # each with its answer
    finally:
        _stop(proc)


def test_cli_options_then_environment_then_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (ENV_AGENT_READY_DELAY, ENV_DOCUMENT_READY_DELAY, ENV_HONOUR_IDEMPOTENCY_KEY):
        monkeypatch.delenv(name, raising=False)
    defaults = runtime_config(parse_args(["serve"]))
    assert (defaults.agent_ready_delay, defaults.document_ready_delay) == (0.2, 0.5)
    assert defaults.honour_idempotency_key is False and defaults.forced_chat_mode is None
    monkeypatch.setenv(ENV_HONOUR_IDEMPOTENCY_KEY, "true")
    monkeypatch.setenv(ENV_DOCUMENT_READY_DELAY, "2")
    from_env = runtime_config(parse_args(["serve"]))
    assert from_env.honour_idempotency_key is True and from_env.document_ready_delay == 2.0
    monkeypatch.delenv(ENV_HONOUR_IDEMPOTENCY_KEY)
    flags = runtime_config(
        parse_args(
            [
                "serve",
                "--honour-idempotency-key",
                "--agent-ready-delay",
                "0",
                "--forced-chat-mode",
                "TextOnly",
            ]
        )
    )
    assert flags.honour_idempotency_key is True and flags.agent_ready_delay == 0.0
    assert flags.forced_chat_mode == "TextOnly" and flags.document_ready_delay == 2.0


def test_serve_takes_uvicorn_loop_and_http() -> None:
    assert (parse_args(["serve"]).loop, parse_args(["serve"]).http) == ("auto", "auto")
    args = parse_args(["serve", "--loop", "asyncio", "--http", "h11"])
    assert (args.loop, args.http) == ("asyncio", "h11")


def _serve_announcing(port: int, key: str) -> subprocess.Popen[bytes]:
    """``did-agents-emulator serve`` with its stdout piped, as a script waiting for readiness runs it."""
    exe = Path(sys.executable).with_name("did-agents-emulator")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "did_agents_emulator.cli"]
    return subprocess.Popen(
        [*cmd, "serve", "--host", "127.0.0.1", "--port", str(port), "--db", ":memory:", "--api-key", key],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "DID_EMULATOR_API_KEYS": ""},
    )


def _first_line(proc: subprocess.Popen[bytes], timeout: float = 20) -> str:
    """The first stdout line of ``proc``, waiting at most ``timeout`` s for it (no polling)."""
    assert proc.stdout is not None
    with selectors.DefaultSelector() as selector:
        selector.register(proc.stdout, selectors.EVENT_READ)
        if not selector.select(timeout):
            raise AssertionError("the emulator printed nothing")
    return proc.stdout.readline().decode()


@pytest.mark.parametrize("requested", ["free", "0"])
def test_serve_prints_listening_once_ready(requested: str) -> None:
    key = "ready-user:secret"
    port = _free_port() if requested == "free" else 0
    proc = _serve_announcing(port, key)
    try:
        line = _first_line(proc)
        assert re.fullmatch(r"listening on http://127\.0\.0\.1:(\d+)\n", line), line
        bound = int(line.rsplit(":", 1)[1])
        assert bound == port if port else bound > 0  # --port 0: the port the OS gave
        # ready when it says so: the very next request is served, with no retry
        with _api(bound, key) as api:
            assert api.get("/_emulator/health").json() == {"status": "ok"}
            assert api.get("/agents").json() == []
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        if proc.stdout:
            assert proc.stdout.read() == b""  # printed once, nothing else on stdout
            proc.stdout.close()
