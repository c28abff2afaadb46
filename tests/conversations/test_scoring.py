"""Checking answers and scoring cases, on hand-made responses (no HTTP): exact scores and reasons."""

from __future__ import annotations

from typing import Any

import pytest

from pulumi_did_agents.client import ChatResponse, KnowledgeMatch
from pulumi_did_agents.conversations import Case, Turn
from pulumi_did_agents.conversations.scoring import (
    ANSWER_EXCERPT,
    check_turn,
    cites,
    compile_pattern,
    conclude,
)

MANUAL = KnowledgeMatch(title="Kettle manual", document_id="knl_1#doc_a")
SHIPPING = KnowledgeMatch(title="Shipping", document_id="knl_1#doc_b")


def response(result: str, *matches: KnowledgeMatch) -> ChatResponse:
    return ChatResponse(result=result, matches=list(matches))


def turn(user: str = "How long is the warranty?", **expect: Any) -> Turn:
    return Turn(user=user, **expect)


@pytest.mark.parametrize(
    ("pattern", "answer", "found"),
    [
        ("Two Years", "The warranty lasts two years.", True),
        ("two   years", "lasts two\n years", True),  # whitespace runs and line wraps are one space
        ("three years", "The warranty lasts two years.", False),
        ("/\\btwo\\s+years?\\b/", "TWO YEARS", True),  # regexes are case-insensitive too
        ("/(?-i:Kettle)/", "the kettle", False),  # unless they say otherwise
        ("/(?-i:Kettle)/", "the Kettle", True),
        ("/", "a / b", True),  # a lone slash is a substring, not a regex
    ],
)
def test_patterns(pattern: str, answer: str, found: bool) -> None:
    assert compile_pattern(pattern).found_in(answer) is found


@pytest.mark.parametrize(
    ("expected", "cited"),
    [
        ("kettle MANUAL", True),
        ("Kettle  manual", True),
        ("knl_1#doc_a", True),
        ("doc_a", True),
        ("knl_1", False),
        ("Kettle", False),
    ],
)
def test_citation_by_title_or_id(expected: str, cited: bool) -> None:
    assert cites(expected, MANUAL) is cited


def test_turn_checks_in_order_with_precise_details() -> None:
    result = check_turn(
        2,
        turn(facts=["two years", "three years"], citations=["Kettle manual", "Returns"], forbidden=["sorry"]),
        response("The warranty lasts two years.", MANUAL, SHIPPING, MANUAL),
        forbidden=["as an AI", "sorry"],
    )
    assert result.number == 2 and result.answer == "The warranty lasts two years."
    assert [(c.kind, c.expected, c.passed, c.detail) for c in result.checks] == [
        ("fact", "two years", True, ""),
        ("fact", "three years", False, 'missing fact "three years"'),
        ("citation", "Kettle manual", True, ""),
        ("citation", "Returns", False, 'no match cites "Returns" (matches: "Kettle manual", "Shipping")'),
        ("forbidden", "as an AI", True, ""),
        ("forbidden", "sorry", True, ""),  # listed once although forbidden twice
    ]
    assert [(c.title, c.document_id) for c in result.citations] == [
        ("Kettle manual", "knl_1#doc_a"),
        ("Shipping", "knl_1#doc_b"),
    ]


def test_citation_detail_without_matches() -> None:
    result = check_turn(1, turn(citations=["/manual/"]), response("I'm sorry."), forbidden=[])
    assert result.failures[0].detail == "no match cites /manual/ (no matches)"


def _case(*turns: Turn, **fields: Any) -> Case:
    return Case(name="warranty", turns=list(turns), **fields)


def test_score_is_the_fraction_of_facts_and_citations_met() -> None:
    first = turn(facts=["two years", "three years"], citations=["Kettle manual"])
    second = turn("Does it cover water damage?", facts=["does not cover"])
    case = _case(first, second)
    results = [
        check_turn(1, first, response("It lasts two years.", SHIPPING), forbidden=[]),
        check_turn(2, second, response("It does not cover water damage.", MANUAL), forbidden=[]),
    ]
    failed = conclude(case, "agt_1", results, threshold=1.0, duration=0.5, chat_id="cht_1")
    assert (failed.met, failed.expected, failed.score, failed.status) == (2, 4, 0.5, "failed")
    assert failed.reason == (
        'score 0.50 < threshold 1.00: turn 1: missing fact "three years", no match cites "Kettle manual" '
        '(matches: "Shipping"); agent said: It lasts two years.'
    )
    assert failed.chat_id == "cht_1" and failed.duration == 0.5 and failed.agent_id == "agt_1"
    passed = conclude(case, "agt_1", results, threshold=0.5, duration=0.5)
    assert passed.status == "passed" and passed.passed and passed.reason == "" and passed.score == 0.5


def test_forbidden_phrase_fails_the_case_whatever_the_score() -> None:
    only = turn(facts=["two years"], forbidden=["/as an ai\\b/"])
    results = [check_turn(1, only, response("As an AI, I say two years."), forbidden=["sorry"])]
    result = conclude(_case(only), "agt_1", results, threshold=0.0, duration=0.1)
    assert (result.score, result.status) == (1.0, "failed")
    assert (
        result.reason
        == "forbidden phrase: turn 1: forbidden /as an ai\\b/ found; agent said: As an AI, I say two years."
    )


def test_a_case_without_expectations_scores_one() -> None:
    chat = turn("hello")
    result = conclude(
        _case(chat), "agt_1", [check_turn(1, chat, response("Hi!"), forbidden=[])], threshold=1.0, duration=0
    )
    assert (result.score, result.met, result.expected, result.status) == (1.0, 0, 0, "passed")


def test_error_status_keeps_the_unrun_expectations_unmet() -> None:
    first, second = turn(facts=["two years"]), turn("And then?", facts=["x"])
    results = [check_turn(1, first, response("two years"), forbidden=[])]
    result = conclude(
        _case(first, second),
        "agt_1",
        results,
        threshold=0.5,
        duration=0,
        error="turn 2: 500 InternalServerError",
    )
    assert (result.status, result.score, result.reason) == ("error", 0.5, "turn 2: 500 InternalServerError")


def test_long_answers_are_cut_in_the_reason_only() -> None:
    answer = "word " * 100
    only = turn(facts=["missing"])
    result = conclude(
        _case(only), "agt_1", [check_turn(1, only, response(answer), forbidden=[])], threshold=1.0, duration=0
    )
    said = result.reason.split("agent said: ", 1)[1]
    assert len(said) == ANSWER_EXCERPT and said.endswith("…")
    assert result.turns[0].answer == answer
