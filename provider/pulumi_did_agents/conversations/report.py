"""What a run found, and its reports: the results (plain frozen models, easy to dump as JSON), the
plain-text table with a transcript of each case that did not pass, and JUnit XML for CI.

JUnit XML takes the common shape CI systems read: testsuites > testsuite > testcase. A case that
failed its expectations has a ``<failure>``, one stopped by an API error an ``<error>``; both carry
the one-line reason as ``message`` and the transcript as text.
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal
from xml.etree import ElementTree as ET

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "CaseResult",
    "CaseStatus",
    "Check",
    "CheckKind",
    "Citation",
    "SuiteResult",
    "TurnResult",
    "align_rows",
    "format_details",
    "format_summary",
    "format_table",
    "status_word",
    "to_junit_xml",
    "write_junit",
]

CheckKind = Literal["fact", "citation", "forbidden"]
CaseStatus = Literal["passed", "failed", "error"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class Check(_Frozen):
    """One expectation of one turn: a fact found, a citation present, a forbidden phrase absent."""

    kind: CheckKind
    expected: str
    """The pattern, title or id as written in the cases file."""
    passed: bool
    detail: str
    """Why it failed (``missing fact "37-month"``); empty when it passed."""


class Citation(_Frozen):
    """A document the answer's ``matches`` point to."""

    document_id: str | None = None
    title: str | None = None


class TurnResult(_Frozen):
    number: int
    """1-based position of the turn in its case."""
    user: str
    answer: str | None = None
    """What the agent said; ``None`` when the call failed."""
    citations: list[Citation] = Field(default_factory=list)
    checks: list[Check] = Field(default_factory=list)
    error: str | None = None
    """The API error that stopped the case at this turn."""

    @property
    def failures(self) -> list[Check]:
        return [check for check in self.checks if not check.passed]


class CaseResult(_Frozen):
    name: str
    agent_id: str
    status: CaseStatus
    score: float
    """Fraction of the case's facts and citations met (1.0 for a case that has none)."""
    threshold: float
    met: int
    expected: int
    reason: str
    """One line saying why the case did not pass; empty when it passed."""
    turns: list[TurnResult]
    """The turns that were sent (a case stops at the turn whose call failed)."""
    duration: float
    chat_id: str | None = None

    @property
    def passed(self) -> bool:
        return self.status == "passed"


class SuiteResult(_Frozen):
    agent_id: str
    source: str | None = None
    """The cases file the suite came from, when it came from one."""
    cases: list[CaseResult]
    duration: float

    @property
    def passed(self) -> bool:
        return all(case.passed for case in self.cases)

    @property
    def failed_count(self) -> int:
        return sum(1 for case in self.cases if case.status == "failed")

    @property
    def error_count(self) -> int:
        return sum(1 for case in self.cases if case.status == "error")


# Plain-text reports.

REASON_WIDTH = 100


def status_word(case: CaseResult) -> str:
    return {"passed": "pass", "failed": "FAIL", "error": "ERROR"}[case.status]


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def align_rows(rows: Sequence[Sequence[str]], *, right: Collection[int] = ()) -> list[str]:
    """The rows as lines of columns two spaces apart, padded to the widest cell (``right``: to the right)."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(
            cell.rjust(width) if i in right else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in rows
    ]


def format_table(suites: Sequence[SuiteResult], *, reason_width: int = REASON_WIDTH) -> str:
    """One row per case: case, (agent, when there are several), turns, score, threshold, result, reason."""
    several = len({suite.agent_id for suite in suites}) > 1
    header = ["CASE", *(["AGENT"] if several else []), "TURNS", "SCORE", "THRESHOLD", "RESULT", "REASON"]
    rows = [
        [
            case.name,
            *([suite.agent_id] if several else []),
            str(len(case.turns)),
            f"{case.score:.2f}",
            f"{case.threshold:.2f}",
            status_word(case),
            _clip(case.reason, reason_width),
        ]
        for suite in suites
        for case in suite.cases
    ]
    numeric = {header.index(name) for name in ("TURNS", "SCORE", "THRESHOLD")}
    return "\n".join(align_rows([header, *rows], right=numeric))


def format_details(case: CaseResult) -> str:
    """The case's transcript with every failed check, as shown under the table and in JUnit."""
    head = f"{case.name} ({case.agent_id}): {status_word(case)}"
    lines = [f"{head}: {case.reason}" if case.reason else head]
    for turn in case.turns:
        lines.append(f"  turn {turn.number}")
        lines.append(f"    user:   {turn.user}")
        if turn.error is not None:
            lines.append(f"    error:  {turn.error}")
            continue
        lines.append(f"    agent:  {turn.answer}")
        cited = ", ".join(f"{c.title} ({c.document_id})" for c in turn.citations) or "none"
        lines.append(f"    cited:  {cited}")
        lines.extend(f"    failed: {check.detail}" for check in turn.failures)
    return "\n".join(lines)


def format_summary(suites: Sequence[SuiteResult]) -> str:
    cases = [case for suite in suites for case in suite.cases]
    passed = sum(1 for case in cases if case.passed)
    failed = sum(suite.failed_count for suite in suites)
    errors = sum(suite.error_count for suite in suites)
    agents = ", ".join(dict.fromkeys(suite.agent_id for suite in suites))
    summary = f"{len(cases)} case{'' if len(cases) == 1 else 's'}: {passed} passed, {failed} failed"
    if errors:
        summary += f", {errors} error{'' if errors == 1 else 's'}"
    return f"{summary} (agent{'s' if len(suites) > 1 else ''} {agents})"


# JUnit XML.

# Characters XML 1.0 cannot carry at all, even escaped; an agent's answer could contain them.
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _text(value: str) -> str:
    return _NOT_XML.sub("\ufffd", value)


def _suite_name(suite: SuiteResult) -> str:
    source = Path(suite.source).name if suite.source else "conversations"
    return f"{source} @ {suite.agent_id}"


def to_junit_xml(suites: Sequence[SuiteResult], *, timestamp: datetime | None = None) -> str:
    """One ``<testsuite>`` per agent run, one ``<testcase>`` per case."""
    stamp = (timestamp or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%S")
    cases = [case for suite in suites for case in suite.cases]
    root = ET.Element(
        "testsuites",
        name="did-agents conversations",
        tests=str(len(cases)),
        failures=str(sum(suite.failed_count for suite in suites)),
        errors=str(sum(suite.error_count for suite in suites)),
        time=f"{sum(suite.duration for suite in suites):.3f}",
    )
    for suite in suites:
        element = ET.SubElement(
            root,
            "testsuite",
            name=_text(_suite_name(suite)),
            tests=str(len(suite.cases)),
            failures=str(suite.failed_count),
            errors=str(suite.error_count),
            skipped="0",
            time=f"{suite.duration:.3f}",
            timestamp=stamp,
        )
        classname = f"conversations.{suite.agent_id}"
        for case in suite.cases:
            testcase = ET.SubElement(
                element,
                "testcase",
                classname=_text(classname),
                name=_text(case.name),
                time=f"{case.duration:.3f}",
            )
            if case.passed:
                continue
            tag, kind = (
                ("error", "APIError") if case.status == "error" else ("failure", "ConversationFailure")
            )
            outcome = ET.SubElement(testcase, tag, message=_text(case.reason), type=kind)
            outcome.text = _text(format_details(case))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def write_junit(path: str | os.PathLike[str], suites: Sequence[SuiteResult]) -> None:
    """Write :func:`to_junit_xml` to ``path`` (UTF-8), creating its folder if needed."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(to_junit_xml(suites), encoding="utf-8")
