"""What a run found, per check, turn, case and suite: plain frozen models, easy to dump as JSON."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["CaseResult", "CaseStatus", "Check", "CheckKind", "Citation", "SuiteResult", "TurnResult"]

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
