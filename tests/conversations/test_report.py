"""The results table, the transcripts and the JUnit XML, from hand-made results."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from xml.etree import ElementTree as ET

from pulumi_did_agents.conversations import (
    CaseResult,
    Check,
    Citation,
    SuiteResult,
    TurnResult,
    format_details,
    format_summary,
    format_table,
    to_junit_xml,
    write_junit,
)

FAILED_TURN = TurnResult(
    number=1,
    user="How long is the warranty?",
    answer='According to "Shipping": "Delivery takes three days."',
    citations=[Citation(document_id="knl_1#doc_b", title="Shipping")],
    checks=[
        Check(kind="fact", expected="two years", passed=False, detail='missing fact "two years"'),
        Check(kind="citation", expected="Shipping", passed=True, detail=""),
    ],
)


def _case(name: str, status: str, reason: str = "", score: float = 1.0, agent: str = "agt_1") -> CaseResult:
    turns = [FAILED_TURN] if status == "failed" else []
    if status == "error":
        turns = [TurnResult(number=1, user="hi", error="500 InternalServerError: boom (POST /x)")]
    return CaseResult.model_validate(
        {
            "name": name,
            "agent_id": agent,
            "status": status,
            "score": score,
            "threshold": 1.0,
            "met": 1,
            "expected": 2,
            "reason": reason,
            "turns": turns,
            "duration": 0.25,
        }
    )


SUITE = SuiteResult(
    agent_id="agt_1",
    source="/work/proj/conversations.yaml",
    cases=[
        _case("warranty-length", "passed"),
        _case("wrong-doc", "failed", 'score 0.50 < threshold 1.00: turn 1: missing fact "two years"', 0.5),
        _case("broken", "error", "turn 1: 500 InternalServerError: boom (POST /x)", 0.0),
    ],
    duration=0.75,
)


def test_table_one_row_per_case() -> None:
    assert format_table([SUITE]).splitlines() == [
        "CASE             TURNS  SCORE  THRESHOLD  RESULT  REASON",
        "warranty-length      0   1.00       1.00  pass",
        "wrong-doc            1   0.50       1.00  FAIL    "
        'score 0.50 < threshold 1.00: turn 1: missing fact "two years"',
        "broken               1   0.00       1.00  ERROR   turn 1: 500 InternalServerError: boom (POST /x)",
    ]
    clipped = format_table([SUITE], reason_width=20).splitlines()[2]
    assert clipped.endswith("FAIL    score 0.50 < thresh…") and len(clipped.split("FAIL    ")[1]) == 20


def test_table_names_the_agent_when_there_are_several() -> None:
    other = SuiteResult(
        agent_id="agt_2", cases=[_case("warranty-length", "passed", agent="agt_2")], duration=0
    )
    lines = format_table([SUITE, other]).splitlines()
    assert lines[0].split() == ["CASE", "AGENT", "TURNS", "SCORE", "THRESHOLD", "RESULT", "REASON"]
    assert lines[-1].split() == ["warranty-length", "agt_2", "0", "1.00", "1.00", "pass"]
    assert format_summary([SUITE, other]) == "4 cases: 2 passed, 1 failed, 1 error (agents agt_1, agt_2)"
    assert format_summary([other]) == "1 case: 1 passed, 0 failed (agent agt_2)"


def test_details_show_the_transcript_and_every_failed_check() -> None:
    assert format_details(SUITE.cases[1]).splitlines() == [
        'wrong-doc (agt_1): FAIL: score 0.50 < threshold 1.00: turn 1: missing fact "two years"',
        "  turn 1",
        "    user:   How long is the warranty?",
        '    agent:  According to "Shipping": "Delivery takes three days."',
        "    cited:  Shipping (knl_1#doc_b)",
        '    failed: missing fact "two years"',
    ]
    assert format_details(SUITE.cases[2]).splitlines()[2:] == [
        "    user:   hi",
        "    error:  500 InternalServerError: boom (POST /x)",
    ]
    assert format_details(SUITE.cases[0]) == "warranty-length (agt_1): pass"


def _parse(xml: str) -> ET.Element:
    return ET.fromstring(xml)  # noqa: S314 - our own output, not untrusted input


def test_junit_xml_in_the_common_shape(tmp_path: Path) -> None:
    stamp = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    root = _parse(to_junit_xml([SUITE], timestamp=stamp))
    assert root.tag == "testsuites"
    assert {k: root.get(k) for k in ("tests", "failures", "errors", "time")} == {
        "tests": "3",
        "failures": "1",
        "errors": "1",
        "time": "0.750",
    }
    (suite,) = root
    assert suite.tag == "testsuite"
    assert dict(suite.attrib) == {
        "name": "conversations.yaml @ agt_1",
        "tests": "3",
        "failures": "1",
        "errors": "1",
        "skipped": "0",
        "time": "0.750",
        "timestamp": "2026-01-02T03:04:05",
    }
    cases = list(suite)
    assert [(c.tag, c.get("classname"), c.get("name"), c.get("time")) for c in cases] == [
        ("testcase", "conversations.agt_1", "warranty-length", "0.250"),
        ("testcase", "conversations.agt_1", "wrong-doc", "0.250"),
        ("testcase", "conversations.agt_1", "broken", "0.250"),
    ]
    assert list(cases[0]) == []
    (failure,) = cases[1]
    assert failure.tag == "failure" and failure.get("type") == "ConversationFailure"
    assert failure.get("message") == 'score 0.50 < threshold 1.00: turn 1: missing fact "two years"'
    assert failure.text == format_details(SUITE.cases[1])
    (error,) = cases[2]
    assert error.tag == "error" and error.get("type") == "APIError"
    assert error.get("message") == "turn 1: 500 InternalServerError: boom (POST /x)"
    target = tmp_path / "reports" / "conversations.xml"
    write_junit(target, [SUITE])
    assert _parse(target.read_text(encoding="utf-8")).get("tests") == "3"


def test_junit_xml_survives_characters_xml_cannot_carry() -> None:
    case = _case("odd\x00name", "failed", "agent said: \x1b[31mred\x07", 0.0)
    xml = to_junit_xml([SuiteResult(agent_id="agt_1", cases=[case], duration=0)])
    testcase = _parse(xml)[0][0]
    assert testcase.get("name") == "odd\ufffdname"
    assert testcase[0].get("message") == "agent said: \ufffd[31mred\ufffd"
