"""Reading the JUnit XML that `did-agents test --junit` writes, for the workflow tests' asserts."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree as ET

__all__ = ["junit_cases"]


def junit_cases(path: Path) -> dict[str, str]:
    """Case name -> "passed", or its failure (or error) message, one entry per `testcase`."""
    assert path.is_file(), f"{path} was not written"
    cases: dict[str, str] = {}
    for case in ET.parse(path).getroot().iter("testcase"):  # noqa: S314 - did-agents' own output
        problem = case.find("failure")
        if problem is None:
            problem = case.find("error")
        cases[case.get("name", "")] = "passed" if problem is None else problem.get("message", "failed")
    assert cases, f"{path} holds no test case"
    return cases
