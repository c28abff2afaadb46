"""A run of conversation cases and what it found: running each case against a deployed agent,
judging its answers, and reporting the results. One module, because the result models are what the
scoring builds and what the reports read; the cases file (``cases``) is the only other half.

Cases run over the REST chat that D-ID's client SDK uses. Each case gets a chat of its own; each turn
sends the whole conversation so far (earlier user and assistant messages, each with its id), as the
SDK does, so the agent can resolve follow-ups.

Expected facts and forbidden phrases are patterns: case-insensitive substrings, or regexes written
``/…/``. The score is the fraction of the case's facts and citations that were met; a forbidden
phrase in any answer fails the case whatever its score (it is a veto, not an expectation).

The results are plain frozen models, easy to dump as JSON; the reports are a plain-text table with a
transcript of each case that did not pass, and JUnit XML for CI. JUnit XML takes the common shape CI
systems read: testsuites > testsuite > testcase. A case that failed its expectations has a
``<failure>``, one stopped by an API error an ``<error>``; both carry the one-line reason as
``message`` and the transcript as text.
"""

from __future__ import annotations

import functools
import os
import re
import time
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal
from xml.etree import ElementTree as ET

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..client import ChatMessage, ChatResponse, Client, DidAgentsError, KnowledgeMatch

if TYPE_CHECKING:
    from .cases import Case, CaseFile, Turn  # cases validates its patterns with this module

__all__ = [
    "ANSWER_EXCERPT",
    "CaseResult",
    "CaseStatus",
    "Check",
    "CheckKind",
    "Citation",
    "Pattern",
    "SuiteResult",
    "TurnResult",
    "align_rows",
    "check_turn",
    "cites",
    "compile_pattern",
    "conclude",
    "format_details",
    "format_summary",
    "format_table",
    "normalise_text",
    "run_case",
    "run_cases",
    "status_word",
    "to_junit_xml",
    "write_junit",
]


# Results.

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


# Patterns.


def normalise_text(text: str) -> str:
    """Case-folded with runs of whitespace as one space, so line wraps and capitals never matter."""
    return " ".join(text.casefold().split())


@dataclass(frozen=True)
class Pattern:
    """One pattern as written in a cases file, ready to search an answer."""

    text: str
    regex: re.Pattern[str] | None

    def found_in(self, answer: str) -> bool:
        if self.regex is not None:
            return self.regex.search(answer) is not None
        return normalise_text(self.text) in normalise_text(answer)

    def __str__(self) -> str:
        return self.text


def is_regex(text: str) -> bool:
    return len(text) >= 2 and text.startswith("/") and text.endswith("/")


@functools.lru_cache(maxsize=1024)
def compile_pattern(text: str) -> Pattern:
    """``/…/`` is a case-insensitive regex (``(?-i:…)`` makes a part case-sensitive); else a substring.

    Raises ``ValueError`` naming the problem for an empty pattern or an invalid regex.
    """
    if not text.strip():
        raise ValueError("must not be empty")
    if not is_regex(text):
        return Pattern(text, None)
    body = text[1:-1]
    if not body:
        raise ValueError("regex // is empty")
    try:
        return Pattern(text, re.compile(body, re.IGNORECASE))
    except re.error as exc:
        raise ValueError(f"invalid regex {text}: {exc}") from None


# Scoring.

ANSWER_EXCERPT = 160
"""Characters of the agent's answer quoted in a one-line reason (the result keeps it whole)."""


def _shown(text: str) -> str:
    return text if is_regex(text) else f'"{text}"'


def cites(expected: str, match: KnowledgeMatch) -> bool:
    """Whether ``match`` is the document named by a title (case-insensitive) or id (full or ``doc_…``)."""
    if match.title is not None and normalise_text(match.title) == normalise_text(expected):
        return True
    document_id = match.document_id or ""
    return bool(document_id) and expected.strip() in (document_id, document_id.partition("#")[2])


def _citation_list(matches: Sequence[KnowledgeMatch]) -> str:
    titles = list(dict.fromkeys(m.title or m.document_id or "?" for m in matches))
    return f"(matches: {', '.join(_shown(t) for t in titles)})" if titles else "(no matches)"


def check_turn(number: int, turn: Turn, response: ChatResponse, *, forbidden: Sequence[str]) -> TurnResult:
    """Every fact, citation and forbidden phrase of ``turn`` (plus ``forbidden``) against one answer."""
    answer = response.result or ""
    checks: list[Check] = []
    for fact in turn.facts:
        found = compile_pattern(fact).found_in(answer)
        detail = "" if found else f"missing fact {_shown(fact)}"
        checks.append(Check(kind="fact", expected=fact, passed=found, detail=detail))
    for citation in turn.citations:
        present = any(cites(citation, m) for m in response.matches)
        detail = "" if present else f"no match cites {_shown(citation)} {_citation_list(response.matches)}"
        checks.append(Check(kind="citation", expected=citation, passed=present, detail=detail))
    for phrase in dict.fromkeys([*forbidden, *turn.forbidden]):
        found = compile_pattern(phrase).found_in(answer)
        detail = f"forbidden {_shown(phrase)} found" if found else ""
        checks.append(Check(kind="forbidden", expected=phrase, passed=not found, detail=detail))
    citations = [Citation(document_id=m.document_id, title=m.title) for m in response.matches]
    return TurnResult(
        number=number, user=turn.user, answer=answer, citations=list(dict.fromkeys(citations)), checks=checks
    )


def _turn_summary(turn: TurnResult, *, only: CheckKind | None = None) -> str:
    details = ", ".join(check.detail for check in turn.failures if only is None or check.kind == only)
    said = " ".join((turn.answer or "").split())
    return f"turn {turn.number}: {details}; agent said: {_clip(said, ANSWER_EXCERPT)}"


def conclude(
    case: Case,
    agent_id: str,
    turns: list[TurnResult],
    *,
    threshold: float,
    duration: float,
    chat_id: str | None = None,
    error: str | None = None,
) -> CaseResult:
    """Score ``case`` from the turns that ran and explain, in one line, why it did not pass."""
    expected = case.expectation_count
    met = sum(1 for turn in turns for check in turn.checks if check.passed and check.kind != "forbidden")
    score = met / expected if expected else 1.0
    failing = [turn for turn in turns if turn.failures]
    vetoed = [turn for turn in failing if any(check.kind == "forbidden" for check in turn.failures)]
    status: CaseStatus
    if error is not None:
        status, reason = "error", error
    elif vetoed:
        summary = " | ".join(_turn_summary(t, only="forbidden") for t in vetoed)
        status, reason = "failed", f"forbidden phrase: {summary}"
    elif score + 1e-9 < threshold:
        summary = " | ".join(_turn_summary(t) for t in failing)
        status, reason = "failed", f"score {score:.2f} < threshold {threshold:.2f}: {summary}"
    else:
        status, reason = "passed", ""
    return CaseResult(
        name=case.name,
        agent_id=agent_id,
        status=status,
        score=score,
        threshold=threshold,
        met=met,
        expected=expected,
        reason=reason,
        turns=turns,
        duration=duration,
        chat_id=chat_id,
    )


# Running.


def _describe(exc: DidAgentsError | ValidationError) -> str:
    """One line: API errors already are; a malformed answer names its first bad field."""
    if isinstance(exc, ValidationError):
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "body"
        return f"the API answered with an unexpected body: {where}: {first['msg']}"
    return str(exc)


def run_case(
    client: Client,
    agent_id: str,
    case: Case,
    *,
    threshold: float = 1.0,
    forbidden: list[str] | None = None,
    persist: bool = False,
) -> CaseResult:
    """Run one case in a new chat; an API error ends the case with status ``error`` (never raises one).

    ``threshold`` and ``forbidden`` are the file-level settings: the case's own threshold overrides
    the first, its forbidden phrases (and each turn's) add to the second.
    """
    started = time.perf_counter()
    turns: list[TurnResult] = []
    banned = [*(forbidden or []), *case.forbidden]
    limit = threshold if case.threshold is None else case.threshold

    def finish(error: str | None = None, chat_id: str | None = None) -> CaseResult:
        elapsed = time.perf_counter() - started
        return conclude(
            case, agent_id, turns, threshold=limit, duration=elapsed, chat_id=chat_id, error=error
        )

    try:
        chat = client.chats.create(agent_id, persist=persist)
    except (DidAgentsError, ValidationError) as exc:
        return finish(f"opening a chat failed: {_describe(exc)}")
    conversation: list[ChatMessage] = []
    for number, turn in enumerate(case.turns, 1):
        conversation.append(ChatMessage.new("user", turn.user))
        try:
            response = client.chats.send_message(agent_id, chat.id, conversation, chat_mode=chat.chat_mode)
        except (DidAgentsError, ValidationError) as exc:
            problem = _describe(exc)
            turns.append(TurnResult(number=number, user=turn.user, error=problem))
            return finish(f"turn {number}: {problem}", chat.id)
        conversation.append(ChatMessage.new("assistant", response.result or ""))
        turns.append(check_turn(number, turn, response, forbidden=banned))
    return finish(chat_id=chat.id)


def run_cases(
    client: Client,
    agent_id: str,
    cases: CaseFile,
    *,
    persist: bool = False,
    on_result: Callable[[CaseResult], None] | None = None,
) -> SuiteResult:
    """Run every case of ``cases`` in file order; ``on_result`` sees each result as it is ready."""
    started = time.perf_counter()
    results: list[CaseResult] = []
    for case in cases.cases:
        result = run_case(
            client,
            agent_id,
            case,
            threshold=cases.threshold,
            forbidden=list(cases.forbidden),
            persist=persist,
        )
        results.append(result)
        if on_result is not None:
            on_result(result)
    return SuiteResult(
        agent_id=agent_id,
        source=cases.source,
        cases=results,
        duration=time.perf_counter() - started,
    )


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
