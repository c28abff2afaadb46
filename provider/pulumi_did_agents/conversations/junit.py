"""JUnit XML of a run, in the common shape CI systems read: testsuites > testsuite > testcase.

A case that failed its expectations has a ``<failure>``, one stopped by an API error an
``<error>``; both carry the one-line reason as ``message`` and the transcript as text.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from xml.etree import ElementTree as ET

from .report import format_details
from .results import SuiteResult

__all__ = ["to_junit_xml", "write_junit"]

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
