"""pytest plugin: every case of a ``conversations.yaml`` becomes a test item run against a D-ID agent.

Installed as the ``pytest11`` entry point ``pulumi_did_agents.conversations.pytest_plugin`` (so
``-p`` with that name works too) and inert until an agent is given::

    DID_API_KEY=… pytest --did-agent-id agt_123 [--did-api-url URL] path/to/conversations.yaml
    pytest --did-stack staging path/to/conversations.yaml   # agent, URL and key from the stack

Files named ``conversations.yaml``/``.yml`` or ``*.conversations.yaml``/``.yml`` are collected;
items are named after their case (``-k warranty`` selects), marked ``conversation``, and a failure
shows the one-line reason and the transcript. With ``--did-stack`` (run in the Pulumi project), the
agent is the stack's ``agent_id`` output and the URL and key resolve as ``did-agents test`` resolves
them (``cli/stacks.py``); otherwise the key comes from ``DID_API_KEY``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ..client import Client, ConfigurationError
from .cases import Case, CaseFile, CasesFileError, load_cases
from .scoring import CaseResult, format_details, run_case

__all__ = ["ConversationFailed", "ConversationItem", "ConversationsFile", "ENV_AGENT_ID", "result_key"]

ENV_AGENT_ID = "DID_AGENT_ID"
_NAMES = ("conversations.yaml", "conversations.yml")
_SUFFIXES = (".conversations.yaml", ".conversations.yml")

_client_key = pytest.StashKey[Client]()
_agent_key = pytest.StashKey[str | None]()
result_key = pytest.StashKey[CaseResult]()
"""``item.stash[result_key]``: the :class:`CaseResult` of a conversation item that ran."""


class ConversationFailed(AssertionError):
    """A case did not pass; carries its result for the failure report."""

    def __init__(self, result: CaseResult) -> None:
        super().__init__(result.reason)
        self.result = result


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("did-agents", "D-ID agent conversation tests")
    group.addoption(
        "--did-agent-id",
        dest="did_agent_id",
        metavar="AGENT_ID",
        default=None,
        help=f"run the cases of conversations.yaml files against this agent (or ${ENV_AGENT_ID})",
    )
    group.addoption(
        "--did-stack",
        dest="did_stack",
        metavar="STACK",
        default=None,
        help="a Pulumi stack (of the current directory's project): its agent_id output, API URL and key",
    )
    group.addoption(
        "--did-api-url",
        dest="did_api_url",
        metavar="URL",
        default=None,
        help="D-ID API base URL (default: $DID_API_URL, else https://api.d-id.com)",
    )


def _agent_id(config: pytest.Config) -> str | None:
    """The agent under test: ``--did-agent-id``, ``$DID_AGENT_ID``, else ``--did-stack``'s output."""
    if _agent_key not in config.stash:
        value = config.getoption("did_agent_id", default=None) or os.environ.get(ENV_AGENT_ID, "")
        agent = str(value).strip() or None
        stack = config.getoption("did_stack", default=None)
        if agent is None and stack:
            from ..cli import CliError
            from ..cli.stacks import resolve_agent_ids

            try:
                agent = resolve_agent_ids(stack)[0]
            except CliError as exc:
                raise pytest.UsageError(f"conversation tests: {exc}") from None
        config.stash[_agent_key] = agent
    return config.stash[_agent_key]


def _client(config: pytest.Config) -> Client:
    """As the stack's provider would talk to the API (``--did-stack``), else flags and environment."""
    from ..cli import CliError
    from ..cli.stacks import resolve_settings

    try:
        settings = resolve_settings(
            config.getoption("did_stack", default=None),
            cwd=None,
            api_url=config.getoption("did_api_url", default=None),
        )
    except CliError as exc:
        raise pytest.UsageError(f"conversation tests: {exc}") from None
    return Client(base_url=settings.api_url, api_key=settings.api_key)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "conversation: a case of a conversations.yaml, run against a D-ID agent"
    )
    if _agent_id(config) is None:
        return
    try:
        config.stash[_client_key] = _client(config)
    except ConfigurationError as exc:
        raise pytest.UsageError(f"conversation tests: {exc}") from None


def pytest_unconfigure(config: pytest.Config) -> None:
    client = config.stash.get(_client_key, None)
    if client is not None:
        client.close()
        del config.stash[_client_key]


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> ConversationsFile | None:
    if _agent_id(parent.config) is None:
        return None
    if file_path.name in _NAMES or file_path.name.endswith(_SUFFIXES):
        return ConversationsFile.from_parent(parent, path=file_path)
    return None


class ConversationsFile(pytest.File):
    """A cases file; a schema error is reported as one line, as a collection error."""

    def collect(self) -> Iterator[ConversationItem]:
        case_file = load_cases(self.path)
        for case in case_file.cases:
            yield ConversationItem.from_parent(self, name=case.name, case=case, case_file=case_file)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException]) -> Any:  # type: ignore[override]
        # pytest's own signature here differs between its Node and Collector declarations.
        if isinstance(excinfo.value, CasesFileError):
            return str(excinfo.value)
        return super().repr_failure(excinfo)


class ConversationItem(pytest.Item):
    """One case: a chat of its own with the agent, passed when the case's score meets its threshold."""

    def __init__(self, *, case: Case, case_file: CaseFile, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.case = case
        self.case_file = case_file
        self.add_marker("conversation")

    def runtest(self) -> None:
        agent_id = _agent_id(self.config)
        assert agent_id is not None  # only collected with an agent
        result = run_case(
            self.config.stash[_client_key],
            agent_id,
            self.case,
            threshold=self.case_file.threshold,
            forbidden=list(self.case_file.forbidden),
        )
        self.stash[result_key] = result
        self.user_properties.extend(
            [
                ("agent_id", agent_id),
                ("score", f"{result.score:.2f}"),
                ("threshold", f"{result.threshold:.2f}"),
            ]
        )
        if not result.passed:
            raise ConversationFailed(result)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> Any:
        if isinstance(excinfo.value, ConversationFailed):
            return format_details(excinfo.value.result)
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, None, f"conversation {self.name}"
