"""Conversation tests: scripted chats with a deployed agent, checked for facts, citations, forbidden phrases.

>>> from pulumi_did_agents.client import Client
>>> from pulumi_did_agents.conversations import load_cases, run_cases
>>> with Client() as client:  # DID_API_URL / DID_API_KEY
...     suite = run_cases(client, "agt_123", load_cases("conversations.yaml"))
>>> suite.passed, [(case.name, case.score, case.reason) for case in suite.cases]

The same cases run from the ``did-agents test`` command and as pytest items
(``pulumi_did_agents.conversations.pytest_plugin``).
"""

from .cases import Case, CaseFile, CasesFileError, Turn, load_cases, parse_cases
from .scoring import (
    CaseResult,
    CaseStatus,
    Check,
    CheckKind,
    Citation,
    SuiteResult,
    TurnResult,
    format_details,
    format_summary,
    format_table,
    run_case,
    run_cases,
    to_junit_xml,
    write_junit,
)

__all__ = [
    "Case",
    "CaseFile",
    "CaseResult",
    "CaseStatus",
    "CasesFileError",
    "Check",
    "CheckKind",
    "Citation",
    "SuiteResult",
    "Turn",
    "TurnResult",
    "format_details",
    "format_summary",
    "format_table",
    "load_cases",
    "parse_cases",
    "run_case",
    "run_cases",
    "to_junit_xml",
    "write_junit",
]
