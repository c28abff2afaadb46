"""Running cases against a deployed agent, and judging its answers: each answer against its turn's
expectations, then a case's turns into a verdict.

Cases run over the REST chat that D-ID's client SDK uses. Each case gets a chat of its own; each turn
sends the whole conversation so far (earlier user and assistant messages, each with its id), as the
SDK does, so the agent can resolve follow-ups.

Expected facts and forbidden phrases are patterns: case-insensitive substrings, or regexes written
``/…/``. The score is the fraction of the case's facts and citations that were met; a forbidden
phrase in any answer fails the case whatever its score (it is a veto, not an expectation).
"""

from __future__ import annotations

import functools
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pydantic import ValidationError

from ..client import ChatMessage, ChatResponse, Client, DidAgentsError, KnowledgeMatch
from .report import CaseResult, CaseStatus, Check, CheckKind, Citation, SuiteResult, TurnResult, _clip

if TYPE_CHECKING:
    from .cases import Case, CaseFile, Turn  # cases validates its patterns with this module

__all__ = [
    "ANSWER_EXCERPT",
    "Pattern",
    "check_turn",
    "cites",
    "compile_pattern",
    "conclude",
    "normalise_text",
    "run_case",
    "run_cases",
]


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
