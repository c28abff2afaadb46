"""``did-agents test``: run a conversations.yaml against a deployed agent, print a table, write JUnit."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..client import Client, DidAgentsError
from ..conversations import (
    CaseFile,
    CasesFileError,
    SuiteResult,
    format_details,
    format_summary,
    format_table,
    load_cases,
    run_cases,
    write_junit,
)
from . import EXIT_FAILED, EXIT_OK, CliError
from .stacks import add_cwd_argument, is_agent_id, project_dir, resolve_agent_ids, resolve_settings

NAME = "test"
HELP = "run the conversation cases of a conversations.yaml against a deployed agent"
DEFAULT_CASES = "conversations.yaml"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "target",
        metavar="STACK_OR_AGENT_ID",
        help="an agent id (agt_…), or a Pulumi stack whose output names the agent(s)",
    )
    parser.add_argument("--cases", metavar="PATH", help=f"cases file (default: {DEFAULT_CASES} in --cwd)")
    parser.add_argument("--junit", metavar="PATH", help="also write the results as JUnit XML to PATH")
    parser.add_argument(
        "--api-url",
        metavar="URL",
        help="API base URL (default: the stack's didagents:apiUrl, else $DID_API_URL, else https://api.d-id.com)",
    )
    add_cwd_argument(parser)
    parser.add_argument(
        "--output",
        metavar="NAME",
        default="agent_id",
        help="stack output holding an agent id, or a list or map of them (default: agent_id)",
    )
    parser.add_argument(
        "--case", metavar="NAME", action="append", dest="only", help="run only this case (repeatable)"
    )
    parser.add_argument(
        "--wait",
        metavar="SECONDS",
        type=float,
        default=120.0,
        help="how long to wait for an agent that is still being prepared (default: 120)",
    )
    parser.add_argument("--persist", action="store_true", help="keep the test chats in the agent's history")
    parser.epilog = (
        "The API key is the stack's didagents:apiKey, else $DID_API_KEY (an agent id as target: "
        "$DID_API_KEY). Exit codes: 0 all passed, 1 a case failed, 2 error."
    )


def _load(args: argparse.Namespace, cwd: Path | None) -> CaseFile:
    path = Path(args.cases) if args.cases else (cwd or Path()) / DEFAULT_CASES
    try:
        case_file = load_cases(path)
    except CasesFileError as exc:
        raise CliError(str(exc)) from None
    if args.only:
        try:
            case_file = case_file.select(args.only)
        except KeyError as exc:
            known = ", ".join(case.name for case in case_file.cases)
            raise CliError(f"{path}: no case named {exc.args[0]!r} (cases: {known})") from None
    return case_file


def _check_agent(client: Client, agent_id: str, wait: float) -> None:
    try:
        client.agents.wait_until_ready(agent_id, timeout=wait)
    except DidAgentsError as exc:
        raise CliError(f"agent {agent_id} cannot be tested: {exc}") from None


def _report(suites: list[SuiteResult]) -> None:
    out = sys.stdout
    out.write(format_table(suites) + "\n")
    failed = [case for suite in suites for case in suite.cases if not case.passed]
    for case in failed:
        out.write("\n" + format_details(case) + "\n")
    out.write("\n" + format_summary(suites) + "\n")


def run(args: argparse.Namespace) -> int:
    cwd = project_dir(args)
    if args.wait < 0:
        raise CliError("--wait must not be negative")
    case_file = _load(args, cwd)
    agent_ids = resolve_agent_ids(args.target, output=args.output, cwd=cwd)
    stack = None if is_agent_id(args.target) else args.target
    settings = resolve_settings(stack, cwd=cwd, api_url=args.api_url)
    with Client(base_url=settings.api_url, api_key=settings.api_key) as client:
        for agent_id in agent_ids:
            _check_agent(client, agent_id, args.wait)
        suites = [run_cases(client, agent_id, case_file, persist=args.persist) for agent_id in agent_ids]
    _report(suites)
    if args.junit:
        try:
            write_junit(args.junit, suites)
        except OSError as exc:
            raise CliError(f"--junit {args.junit}: cannot be written: {exc.strerror or exc}") from None
    return EXIT_OK if all(suite.passed for suite in suites) else EXIT_FAILED
