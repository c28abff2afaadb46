"""Running cases against a deployed agent over the REST chat that D-ID's client SDK uses.

Each case gets a chat of its own; each turn sends the whole conversation so far (earlier user and
assistant messages, each with its id), as the SDK does, so the agent can resolve follow-ups.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from pydantic import ValidationError

from ..client import ChatMessage, Client, DidAgentsError
from .cases import Case, CaseFile
from .report import CaseResult, SuiteResult, TurnResult
from .scoring import check_turn, conclude

__all__ = ["run_case", "run_cases"]


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
