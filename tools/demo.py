"""`make demo`: deploy examples/quickstart with the real pulumi CLI against the local emulator.

Steps: start the emulator on SQLite (.demo/emulator.db), select the `dev` stack on a local file
backend (.demo/state), set the provider's config, `pulumi up`, print the stack outputs (secrets
stay hidden), ask the deployed agent a question only the handbook answers, and end with the
conversation tests of examples/quickstart/conversations.yaml, run by `did-agents test dev` as a
user or CI would (its table, and JUnit XML in .demo/conversations.xml). A failing case fails the demo.

Everything the demo writes lives in .demo/, so a second run finds the same emulator data and the
same state, and `pulumi up` reports no changes. `make clean` starts over.
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / ".demo"
PROJECT = ROOT / "examples" / "quickstart"
STACK = "dev"
PORT = int(os.environ.get("DEMO_PORT", "8790"))
API_URL = f"http://127.0.0.1:{PORT}"
# The emulator's demo account. Not a real credential; it still travels as a secret.
API_KEY = "demo:emulator-secret"
QUESTION = "How long is the warranty on the R2 robot?"
CONFIG_FILE = DEMO / f"Pulumi.{STACK}.yaml"
JUNIT = DEMO / "conversations.xml"


def say(text: str) -> None:
    print(f"\n==> {text}", flush=True)


def pulumi_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        PULUMI_BACKEND_URL=(DEMO / "state").as_uri(),
        PULUMI_HOME=str(DEMO / "pulumi-home"),
        PULUMI_CONFIG_PASSPHRASE=env.get("PULUMI_CONFIG_PASSPHRASE", "demo-passphrase"),
        PULUMI_SKIP_UPDATE_CHECK="true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION="true",
    )
    return env


def run_pulumi(
    *args: str, stdin: str | None = None, capture: bool = False
) -> subprocess.CompletedProcess[str]:
    cmd = ["pulumi", *args, "--cwd", str(PROJECT), "--non-interactive"]
    return subprocess.run(cmd, env=pulumi_env(), input=stdin, text=True, capture_output=capture, check=False)


def pulumi(*args: str, stdin: str | None = None, capture: bool = False) -> str:
    """Run pulumi in the project; stop the demo if it fails. Returns stdout when captured."""
    result = run_pulumi(*args, stdin=stdin, capture=capture)
    if result.returncode != 0:
        if capture:
            sys.stderr.write(result.stdout + result.stderr)
        sys.exit(f"demo: `pulumi {args[0]}` failed with exit code {result.returncode}")
    return result.stdout if capture else ""


@contextmanager
def emulator() -> Iterator[None]:
    """Run the emulator for the duration of the demo, on a database that outlives it."""
    try:
        httpx.get(f"{API_URL}/_emulator/health", timeout=1)
    except httpx.HTTPError:
        pass
    else:
        sys.exit(f"demo: port {PORT} is in use; stop what runs there or set DEMO_PORT")
    log = (DEMO / "emulator.log").open("a")
    proc = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "did-agents-emulator"),
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(PORT),
            "--db",
            str(DEMO / "emulator.db"),
            "--api-key",
            API_KEY,
        ],
        stdout=log,
        stderr=log,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(f"{API_URL}/_emulator/health", timeout=1).raise_for_status()
                break
            except httpx.HTTPError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    sys.exit(f"demo: the emulator did not start; see {DEMO / 'emulator.log'}")
                time.sleep(0.2)
        print(f"emulator: {API_URL} (database {DEMO / 'emulator.db'}, log {DEMO / 'emulator.log'})")
        yield
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        log.close()


def configure_stack() -> None:
    config = ["--config-file", str(CONFIG_FILE)]
    pulumi("stack", "select", "--create", STACK)
    # Creating a passphrase stack writes its salt to the project's Pulumi.<stack>.yaml; keep the
    # demo's stack config in .demo/ with the rest of its state, out of the source tree.
    written = PROJECT / f"Pulumi.{STACK}.yaml"
    if written.exists():
        if not CONFIG_FILE.exists():
            written.replace(CONFIG_FILE)
        else:
            written.unlink()
    pulumi("config", "set", "didagents:apiUrl", API_URL, *config)
    if run_pulumi("config", "get", "didagents:owner", *config, capture=True).returncode != 0:
        from pulumi_did_agents.core.markers import new_owner_id  # what `did-agents init` sets

        pulumi("config", "set", "didagents:owner", new_owner_id(PROJECT.name, STACK), *config)
    current = run_pulumi("config", "get", "didagents:apiKey", *config, capture=True)
    # Setting a secret re-encrypts it; leave a stored key alone so reruns stay byte-identical.
    if current.returncode != 0 or current.stdout.strip() != API_KEY:
        pulumi("config", "set", "--secret", "didagents:apiKey", *config, stdin=API_KEY)


def talk_to_agent(agent_id: str) -> None:
    from pulumi_did_agents.client import Client
    from pulumi_did_agents.core.markers import strip_url

    with Client(base_url=API_URL, api_key=API_KEY) as client:
        chat = client.chats.create(agent_id)
        reply = client.chats.send_message(agent_id, chat.id, QUESTION)
    print(f"you:   {QUESTION}")
    print(f"agent: {reply.result}")
    for match in reply.matches[:1]:
        print(f"matched document: {match.title} ({match.document_id})")
        print(f"  source: {strip_url(match.source_url or '')}")  # without the ownership marker
        print(f"  passage: {(match.data or '').strip()[:200]}")


def conversation_tests() -> None:
    """`did-agents test dev`: the agent id comes from the stack's outputs, the cases from the project."""
    args = [
        "test",
        STACK,
        "--cwd",
        str(PROJECT.relative_to(ROOT)),
        "--api-url",
        API_URL,
        "--junit",
        str(JUNIT.relative_to(ROOT)),
    ]
    print(f"$ did-agents {shlex.join(args)}", flush=True)
    env = {**pulumi_env(), "DID_API_KEY": API_KEY}  # did-agents reads the key from the environment only
    command = [str(Path(sys.executable).parent / "did-agents"), *args]
    result = subprocess.run(command, cwd=ROOT, env=env, check=False)
    if result.returncode != 0:
        sys.exit(f"demo: the conversation tests failed (exit code {result.returncode}); see {JUNIT}")


def main() -> None:
    DEMO.mkdir(exist_ok=True)
    (DEMO / "state").mkdir(exist_ok=True)
    say("Starting the D-ID Agents API emulator")
    with emulator():
        say(f"Selecting stack {STACK!r} of {PROJECT.relative_to(ROOT)} on a local file backend")
        configure_stack()
        say("pulumi up")
        pulumi("up", "--yes", "--config-file", str(CONFIG_FILE), "--suppress-permalink=true")
        say("Stack outputs (secrets stay hidden)")
        outputs = json.loads(pulumi("stack", "output", "--json", capture=True))
        print(json.dumps(outputs, indent=2))
        say("Talking to the deployed agent")
        talk_to_agent(outputs["agent_id"])
        say("Conversation tests (examples/quickstart/conversations.yaml)")
        conversation_tests()
    say("Done. Run `make demo` again: pulumi reports no changes. `make clean` starts over.")


if __name__ == "__main__":
    main()
