"""``did-agents test`` end to end against the emulator: table, JUnit, exit codes and one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
import yaml

from did_agents_emulator.testing import EmulatorServer
from pulumi_did_agents.cli import main
from pulumi_did_agents.client import Client

from .conftest import PRESENTER, Kettle

PASSING = {
    "cases": [
        {
            "name": "warranty",
            "turns": [
                {"user": "How long is the warranty?", "facts": ["two years"], "citations": ["Kettle manual"]},
                {"user": "Does it cover water damage?", "facts": ["does not cover water damage"]},
            ],
        },
        {
            "name": "delivery",
            "turns": [{"user": "How long does delivery take?", "facts": ["three working days"]}],
        },
    ]
}
FAILING = {
    "cases": [
        *PASSING["cases"],
        {
            "name": "descaling",
            "turns": [{"user": "How often should I descale the kettle?", "facts": ["every week"]}],
        },
    ]
}


def write_cases(directory: Path, data: object) -> Path:
    path = directory / "conversations.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_all_cases_pass(
    api_env: EmulatorServer, kettle: Kettle, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cases = write_cases(tmp_path, PASSING)
    junit = tmp_path / "out" / "conversations.xml"
    code, out, err = run(capsys, "test", kettle.agent_id, "--cases", str(cases), "--junit", str(junit))
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "CASE      TURNS  SCORE  THRESHOLD  RESULT  REASON",
        "warranty      2   1.00       1.00  pass",
        "delivery      1   1.00       1.00  pass",
        "",
        f"2 cases: 2 passed, 0 failed (agent {kettle.agent_id})",
    ]
    xml = junit.read_text(encoding="utf-8")
    assert 'tests="2" failures="0" errors="0"' in xml and "<failure" not in xml


def test_a_failing_case_exits_1_with_its_reason(
    api_env: EmulatorServer, kettle: Kettle, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_cases(tmp_path, FAILING)
    junit = tmp_path / "conversations.xml"
    code, out, err = run(capsys, "test", kettle.agent_id, "--cwd", str(tmp_path), "--junit", str(junit))
    assert (code, err) == (1, "")
    said = 'According to "Kettle manual": "Descale the kettle every month with white vinegar."'
    reason = f'score 0.00 < threshold 1.00: turn 1: missing fact "every week"; agent said: {said}'
    lines = out.splitlines()
    assert lines[3] == f"descaling      1   0.00       1.00  FAIL    {reason[:99]}…"
    assert lines[5] == f"descaling ({kettle.agent_id}): FAIL: {reason}"
    assert lines[-1] == f"3 cases: 2 passed, 1 failed (agent {kettle.agent_id})"
    report = ET.fromstring(junit.read_text(encoding="utf-8"))  # noqa: S314 - our own output
    failure = report.find("testsuite/testcase[@name='descaling']/failure")
    assert failure is not None and failure.get("message") == reason
    assert api_env.api_key not in out


def test_only_the_named_cases_run(
    api_env: EmulatorServer, kettle: Kettle, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cases = write_cases(tmp_path, FAILING)
    code, out, _ = run(capsys, "test", kettle.agent_id, "--cases", str(cases), "--case", "delivery")
    assert code == 0 and out.splitlines()[1:2] == ["delivery      1   1.00       1.00  pass"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--case", "nope"], "{cases}: no case named 'nope' (cases: warranty, delivery)"),
        (["--cwd", "{tmp}/absent"], "--cwd {tmp}/absent: no such directory"),
        (["--wait", "-1"], "--wait must not be negative"),
    ],
)
def test_usage_errors_exit_2_with_one_line(
    api_env: EmulatorServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    message: str,
) -> None:
    cases = write_cases(tmp_path, PASSING)
    argv = [arg.format(tmp=tmp_path, cases=cases) for arg in argv]
    code, out, err = run(capsys, "test", "agt_x", "--cases", str(cases), *argv)
    assert (code, out) == (2, "")
    assert err == f"did-agents: error: {message.format(tmp=tmp_path, cases=cases)}\n"


def test_cases_file_errors_exit_2(
    api_env: EmulatorServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "test", "agt_x", "--cwd", str(tmp_path))
    assert (code, err) == (2, f"did-agents: error: {tmp_path / 'conversations.yaml'}: no such file\n")
    cases = write_cases(tmp_path, {"cases": [{"name": "c", "turns": [{"user": "hi", "facts": ["/[/"]}]}]})
    code, _, err = run(capsys, "test", "agt_x", "--cases", str(cases))
    assert code == 2
    assert err == (
        f"did-agents: error: {cases}: case 'c': turns[0].facts[0]: invalid regex /[/: "
        "unterminated character set at position 0\n"
    )


def test_unusable_agent_or_credentials_exit_2_without_the_key(
    api_env: EmulatorServer,
    kettle: Kettle,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cases = write_cases(tmp_path, PASSING)
    code, out, err = run(capsys, "test", "agt_missing", "--cases", str(cases))
    assert (code, out) == (2, "")
    assert err == (
        "did-agents: error: agent agt_missing cannot be tested: "
        "404 NotFound: Agent not found (GET /agents/agt_missing)\n"
    )
    monkeypatch.setenv("DID_API_KEY", "intruder:wrong-secret-123")
    code, out, err = run(capsys, "test", kettle.agent_id, "--cases", str(cases))
    assert (code, out) == (2, "")
    assert err.startswith(f"did-agents: error: agent {kettle.agent_id} cannot be tested: 401 ")
    assert "wrong-secret-123" not in err and err.count("\n") == 1
    monkeypatch.delenv("DID_API_KEY")
    code, _, err = run(capsys, "test", kettle.agent_id, "--cases", str(cases))
    assert (
        code == 2 and err.startswith("did-agents: error: no D-ID API key configured") and err.count("\n") == 1
    )


def test_debug_adds_the_traceback(
    api_env: EmulatorServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DID_AGENTS_DEBUG", "1")
    code, _, err = run(capsys, "test", "agt_x", "--cwd", str(tmp_path))
    assert code == 2
    assert err.startswith("Traceback (most recent call last):")
    assert err.endswith(f"did-agents: error: {tmp_path / 'conversations.yaml'}: no such file\n")


def test_argument_errors_are_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["test"])
    assert exited.value.code == 2
    assert capsys.readouterr().err == (
        "did-agents test: error: the following arguments are required: STACK_OR_AGENT_ID "
        "(see did-agents test --help)\n"
    )
    with pytest.raises(SystemExit) as exited:
        main([])
    assert exited.value.code == 2
    assert capsys.readouterr().err == (
        "did-agents: error: the following arguments are required: COMMAND (see did-agents --help)\n"
    )


def test_a_stack_target_needs_the_pulumi_cli(
    api_env: EmulatorServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cases = write_cases(tmp_path, PASSING)
    monkeypatch.setenv("PATH", str(tmp_path))
    code, _, err = run(capsys, "test", "dev", "--cases", str(cases))
    assert (code, err) == (
        2,
        "did-agents: error: the pulumi CLI is not on PATH\n",
    )


def test_the_console_script(api_env: EmulatorServer, kettle: Kettle, tmp_path: Path) -> None:
    write_cases(tmp_path, FAILING)
    script = Path(sys.executable).with_name("did-agents")
    done = subprocess.run(
        [str(script), "test", kettle.agent_id],
        cwd=tmp_path,
        env={**os.environ, "DID_API_URL": api_env.url, "DID_API_KEY": api_env.api_key},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert (done.returncode, done.stderr) == (1, "")
    assert done.stdout.splitlines()[-1] == f"3 cases: 2 passed, 1 failed (agent {kettle.agent_id})"


# --- stack targets, read with the real pulumi CLI from a file backend -------------------------------


@pytest.fixture
def stack_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A Pulumi project on a file backend whose stack ``dev`` holds imported outputs (see ``set_outputs``)."""
    project = tmp_path / "project"
    project.mkdir()
    (project / "Pulumi.yaml").write_text("name: conversations\nruntime: python\n", encoding="utf-8")
    (tmp_path / "state").mkdir()
    monkeypatch.setenv("PULUMI_BACKEND_URL", (tmp_path / "state").as_uri())
    monkeypatch.setenv("PULUMI_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("PULUMI_CONFIG_PASSPHRASE", "conversations")
    monkeypatch.setenv("PULUMI_SKIP_UPDATE_CHECK", "true")
    _pulumi(project, "stack", "init", "dev")
    return project


def _pulumi(project: Path, *args: str) -> str:
    done = subprocess.run(
        ["pulumi", *args, "--non-interactive", "--cwd", str(project)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def set_outputs(project: Path, outputs: dict[str, object]) -> None:
    """Import a deployment whose stack resource carries ``outputs`` (no program run needed)."""
    deployment = json.loads(_pulumi(project, "stack", "export", "--stack", "dev"))
    deployment["deployment"]["resources"] = [
        {
            "urn": "urn:pulumi:dev::conversations::pulumi:pulumi:Stack::conversations-dev",
            "custom": False,
            "type": "pulumi:pulumi:Stack",
            "outputs": outputs,
        }
    ]
    exported = project.parent / "deployment.json"
    exported.write_text(json.dumps(deployment), encoding="utf-8")
    _pulumi(project, "stack", "import", "--stack", "dev", "--file", str(exported))


@pytest.mark.engine
def test_stack_outputs_name_the_agents(
    api_env: EmulatorServer,
    client: Client,
    kettle: Kettle,
    stack_project: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    second = client.agents.create({"presenter": PRESENTER, "knowledge": {"id": kettle.knowledge_id}})
    client.agents.wait_until_ready(second.id, timeout=30)
    set_outputs(
        stack_project, {"agent_id": kettle.agent_id, "agents": {"a": kettle.agent_id, "b": second.id}}
    )
    write_cases(stack_project, PASSING)

    code, out, err = run(capsys, "test", "dev", "--cwd", str(stack_project))
    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == f"2 cases: 2 passed, 0 failed (agent {kettle.agent_id})"

    code, out, err = run(capsys, "test", "dev", "--cwd", str(stack_project), "--output", "agents")
    assert (code, err) == (0, "")
    rows = [line.split()[:2] for line in out.splitlines()[1:5]]
    assert rows == [
        ["warranty", kettle.agent_id],
        ["delivery", kettle.agent_id],
        ["warranty", second.id],
        ["delivery", second.id],
    ]

    code, _, err = run(capsys, "test", "dev", "--cwd", str(stack_project), "--output", "agent")
    assert (code, err) == (
        2,
        "did-agents: error: stack 'dev' has no output 'agent' (outputs: agent_id, agents); "
        "choose one with --output\n",
    )
    code, _, err = run(capsys, "test", "prod", "--cwd", str(stack_project))
    assert (code, err) == (
        2,
        "did-agents: error: pulumi stack output --json --stack prod failed: no stack named 'prod' found\n",
    )


@pytest.mark.engine
def test_a_stack_target_talks_to_the_api_its_config_names(
    emulator: EmulatorServer,
    kettle: Kettle,
    stack_project: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """No DID_API_URL, no DID_API_KEY: `did-agents test STACK` and the pytest plugin's `--did-stack`
    read the stack's didagents:apiUrl and secret didagents:apiKey, as its provider does."""
    for name in ("DID_API_URL", "DID_API_KEY", "DID_AGENT_ID"):
        monkeypatch.delenv(name, raising=False)
    _pulumi(stack_project, "config", "set", "didagents:apiUrl", emulator.url, "--stack", "dev")
    secret = ["--secret", "didagents:apiKey", emulator.api_key]
    _pulumi(stack_project, "config", "set", *secret, "--stack", "dev")
    set_outputs(stack_project, {"agent_id": kettle.agent_id})
    cases = write_cases(stack_project, PASSING)

    code, out, err = run(capsys, "test", "dev", "--cwd", str(stack_project))
    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == f"2 cases: 2 passed, 0 failed (agent {kettle.agent_id})"

    plugin = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "--did-stack", "dev", cases.name],
        cwd=stack_project,
        env={k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")},
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert plugin.returncode == 0, plugin.stdout + plugin.stderr
    assert "2 passed" in plugin.stdout
