"""The runner over real HTTP (the emulator), plus the exact requests it sends (a recording transport)."""

from __future__ import annotations

import json
from typing import Any

import httpx

from pulumi_did_agents.client import Client
from pulumi_did_agents.conversations import CaseResult, parse_cases, run_case, run_cases

from .conftest import Kettle

CASES: dict[str, Any] = {
    "forbidden": ["50 euros"],
    "cases": [
        {
            "name": "warranty",
            "turns": [
                {
                    "user": "How long is the warranty?",
                    "facts": ["two years", "/from the date of purchase/"],
                    "citations": ["Kettle manual"],
                },
                # Answerable only with the previous user turn's terms: conversation memory.
                {"user": "Does it cover water damage?", "facts": ["does not cover water damage"]},
            ],
        },
        {
            "name": "shipping",
            "threshold": 0.5,
            "turns": [{"user": "How long does delivery take?", "facts": ["three working days", "by drone"]}],
        },
        {"name": "free-shipping", "turns": [{"user": "Is shipping free?", "citations": ["Shipping"]}]},
    ],
}


def test_cases_run_in_their_own_chats_with_memory(client: Client, kettle: Kettle) -> None:
    seen: list[str] = []
    suite = run_cases(
        client,
        kettle.agent_id,
        parse_cases(CASES, source="conversations.yaml"),
        on_result=lambda r: seen.append(r.name),
    )
    assert seen == ["warranty", "shipping", "free-shipping"]
    assert suite.agent_id == kettle.agent_id and suite.source == "conversations.yaml"
    warranty, shipping, free = suite.cases
    assert (warranty.status, warranty.score, warranty.met, warranty.expected) == ("passed", 1.0, 4, 4)
    first, follow_up = warranty.turns
    assert first.answer is not None and "two years from the date of purchase" in first.answer
    assert first.citations[0].document_id == kettle.manual_id and first.citations[0].title == "Kettle manual"
    assert (
        follow_up.answer
        == 'According to "Kettle manual": "The warranty does not cover water damage caused by overfilling."'
    )
    assert (shipping.status, shipping.score, shipping.threshold) == ("passed", 0.5, 0.5)
    assert [c.detail for c in shipping.turns[0].failures] == ['missing fact "by drone"']
    assert free.status == "failed" and free.score == 1.0  # its citation is there, the file's veto is not
    assert free.reason == (
        'forbidden phrase: turn 1: forbidden "50 euros" found; '
        'agent said: According to "Shipping": "Shipping is free for orders above 50 euros."'
    )
    assert len({case.chat_id for case in suite.cases}) == 3
    assert not suite.passed and (suite.failed_count, suite.error_count) == (1, 0)


def test_persisted_chat_holds_the_whole_conversation(client: Client, kettle: Kettle) -> None:
    case_file = parse_cases(CASES)
    result = run_case(client, kettle.agent_id, case_file.cases[0], persist=True)
    assert result.chat_id is not None
    stored = client.chats.get(kettle.agent_id, result.chat_id).messages
    assert [(m["role"], m["content"]) for m in stored] == [
        ("user", "How long is the warranty?"),
        ("assistant", result.turns[0].answer),
        ("user", "Does it cover water damage?"),
        ("assistant", result.turns[1].answer),
    ]


def test_unknown_agent_is_an_error_result_not_an_exception(client: Client) -> None:
    result = run_case(client, "agt_missing", parse_cases(CASES).cases[0])
    assert result.status == "error" and result.turns == [] and result.score == 0.0 and result.chat_id is None
    assert (
        result.reason
        == "opening a chat failed: 404 NotFound: Agent not found (POST /agents/agt_missing/chat)"
    )


class Recorder:
    """Answers like the API and records every request body (the transport is the unit seam)."""

    def __init__(self, fail_on_turn: int | None = None, malformed: bool = False) -> None:
        self.bodies: list[tuple[str, Any]] = []
        self.fail_on_turn = fail_on_turn
        self.malformed = malformed

    def __call__(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        self.bodies.append((request.url.path, body))
        if request.url.path.endswith("/chat"):
            return httpx.Response(201, json={"id": "cht_1", "chat_mode": "Functional", "messages": []})
        turn = sum(1 for m in body["messages"] if m["role"] == "user")
        if turn == self.fail_on_turn:
            return httpx.Response(400, json={"kind": "BadRequestError", "description": "messages: too long"})
        if self.malformed:
            return httpx.Response(200, json={"result": "ok", "matches": ["not a match"]})
        return httpx.Response(
            200,
            json={"result": f"answer {turn}", "matches": [], "context": "ctx", "chatMode": "Functional"},
        )


def _recorded_client(recorder: Recorder) -> Client:
    return Client(base_url="https://api.test", api_key="user:secret", transport=httpx.MockTransport(recorder))


def test_each_turn_sends_the_conversation_so_far_in_the_sdk_shape() -> None:
    recorder = Recorder()
    case = parse_cases({"cases": [{"name": "c", "turns": ["first", "second", "third"]}]}).cases[0]
    with _recorded_client(recorder) as client:
        result = run_case(client, "agt_1", case)
    assert result.status == "passed" and [t.answer for t in result.turns] == [
        "answer 1",
        "answer 2",
        "answer 3",
    ]
    assert recorder.bodies[0] == ("/agents/agt_1/chat", {"persist": False})
    sent = [body for path, body in recorder.bodies[1:]]
    assert {path for path, _ in recorder.bodies[1:]} == {"/agents/agt_1/chat/cht_1"}
    assert all(body["chatMode"] == "Functional" for body in sent)
    assert [[(m["role"], m["content"]) for m in body["messages"]] for body in sent] == [
        [("user", "first")],
        [("user", "first"), ("assistant", "answer 1"), ("user", "second")],
        [
            ("user", "first"),
            ("assistant", "answer 1"),
            ("user", "second"),
            ("assistant", "answer 2"),
            ("user", "third"),
        ],
    ]
    last = sent[-1]["messages"]
    assert all(set(m) == {"id", "role", "content", "created_at"} for m in last)
    assert len({m["id"] for m in last}) == 5
    assert [m["id"] for m in sent[1]["messages"]] == [m["id"] for m in last[:3]]  # ids are kept, not renewed


def test_an_api_error_stops_the_case_at_that_turn() -> None:
    recorder = Recorder(fail_on_turn=2)
    case = parse_cases(
        {"cases": [{"name": "c", "turns": [{"user": "a", "facts": ["answer"]}, "b", "c"]}]}
    ).cases[0]
    with _recorded_client(recorder) as client:
        result: CaseResult = run_case(client, "agt_1", case)
    assert len(recorder.bodies) == 3  # the chat, turn 1, turn 2; never turn 3
    assert result.status == "error" and result.score == 1.0
    assert [(t.number, t.answer, t.error) for t in result.turns] == [
        (1, "answer 1", None),
        (2, None, "400 BadRequestError: messages: too long (POST /agents/agt_1/chat/cht_1)"),
    ]
    assert result.reason == "turn 2: 400 BadRequestError: messages: too long (POST /agents/agt_1/chat/cht_1)"


def test_a_malformed_answer_is_an_error_naming_the_field() -> None:
    case = parse_cases({"cases": [{"name": "c", "turns": ["a"]}]}).cases[0]
    with _recorded_client(Recorder(malformed=True)) as client:
        result = run_case(client, "agt_1", case)
    assert result.status == "error"
    assert result.reason == (
        "turn 1: the API answered with an unexpected body: matches.0: "
        "Input should be a valid dictionary or instance of KnowledgeMatch"
    )
