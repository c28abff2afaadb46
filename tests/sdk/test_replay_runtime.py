"""Replay: the runtime calls of ``createAgentManager`` (2.0.10; 1.2.10 differs only in reading the agent).

Each test is one call in the SDK's exact shape (path, headers, body) and checks its status and the
fields the SDK reads from the answer. Set-up steps go through the same shapes but are not the call.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from .replay import (
    QUESTIONS,
    ReplayWorld,
    answered_turn,
    assistant_message,
    chat_body,
    new_chat,
    rating_body,
    user_message,
)
from .wire import ORIGIN, OTHER_ORIGIN, SdkWire, expect_error, readable_by, sdk_id
from .world import (
    AGENT_NAME,
    CLIP_PRESENTER,
    HANDBOOK_TITLE,
    SERVICE,
    STARTERS,
    WARRANTY,
    expect_json,
    expect_ok,
)

# -- 1. the agent: 2.0.10 reads GET /agents/{id}/runtime, 1.2.10 GET /agents/{id} --------------------

# The SDK's auth options; all from a page at ORIGIN (an API key is not bound to origins).
AUTH_FORMS: dict[str, Callable[[ReplayWorld], str]] = {
    "client-key": lambda w: w.client_key(),
    "account-client-key": lambda w: w.client_key(w.account_key),
    "basic-token": lambda w: w.basic(),
    "basic-username-password": lambda w: w.credentials.basic_user_password(w.server.api_key),
    "bearer": lambda w: w.credentials.bearer(w.server.api_key),
}


@pytest.mark.parametrize("auth", AUTH_FORMS)
def test_get_runtime(auth: str, wire: SdkWire, replay_world: ReplayWorld) -> None:
    """``getRuntimeById``: reads ``avatar.type``, ``name``, ``starter_message``, ``knowledge.id``,
    ``advanced_settings``; the client-key view has no llm, triggers or tools."""
    agent = replay_world.clip
    response = wire.send(
        "GET",
        f"/agents/{agent.agent_id}/runtime",
        authorization=AUTH_FORMS[auth](replay_world),
        origin=ORIGIN,
    )
    runtime = expect_json(response, 200)
    assert runtime["id"] == agent.agent_id
    assert runtime["avatar"]["type"] == "clip"
    assert runtime["name"] == AGENT_NAME
    assert runtime["starter_message"] == STARTERS
    assert runtime["knowledge"]["id"] == agent.knowledge_id
    assert "client_key" not in runtime
    assert readable_by(response, ORIGIN), dict(response.headers)
    if auth.endswith("client-key"):  # the page's view: not the agent's llm, tools or triggers
        assert not {"llm", "triggers", "tools"} & runtime.keys(), sorted(runtime)


def test_get_runtime_of_a_missing_agent(wire: SdkWire, replay_world: ReplayWorld) -> None:
    response = wire.send("GET", "/agents/agt_missing123/runtime", authorization=replay_world.basic())
    assert expect_error(response, 404, "NotFound") == "Agent not found"


def test_get_runtime_from_an_origin_the_key_does_not_allow(wire: SdkWire, replay_world: ReplayWorld) -> None:
    """Refused, and readable by the page so the SDK can report D-ID's error, not a network failure."""
    response = wire.send(
        "GET",
        f"/agents/{replay_world.clip.agent_id}/runtime",
        authorization=replay_world.client_key(),
        origin=OTHER_ORIGIN,
    )
    assert expect_error(response, 403, "PermissionError").startswith("user has no permission")
    assert readable_by(response, OTHER_ORIGIN), dict(response.headers)


def test_get_runtime_with_an_unknown_client_key(wire: SdkWire, replay_world: ReplayWorld) -> None:
    response = wire.send(
        "GET",
        f"/agents/{replay_world.clip.agent_id}/runtime",
        authorization=replay_world.client_key("ck_unknown"),
        origin=ORIGIN,
    )
    assert expect_error(response, 401, "AuthorizationError") == "user unauthenticated"
    assert readable_by(response, ORIGIN), dict(response.headers)


def test_get_agent_as_sdk_1_does(wire: SdkWire, replay_world: ReplayWorld) -> None:
    """1.2.10's ``getById`` with the client key: reads ``presenter.type`` and ``presenter_id`` (a clip
    id starting ``v2_`` is reported as ``clip_v2``), ``knowledge``; the agent has no ``client_key``."""
    agent = replay_world.clip
    response = wire.send(
        "GET", f"/agents/{agent.agent_id}", authorization=replay_world.client_key(), origin=ORIGIN
    )
    body = expect_json(response, 200)
    assert {k: body["presenter"][k] for k in ("type", "presenter_id")} == CLIP_PRESENTER
    assert body["knowledge"]["id"] == agent.knowledge_id
    assert "client_key" not in body
    assert readable_by(response, ORIGIN)


# -- 2. the chat: POST /agents/{id}/chat {persist}, Playground adds X-Playground-Chat ------------------


@pytest.mark.parametrize("persist", [False, True], ids=["persist-false", "persist-true"])
def test_new_chat(persist: bool, wire: SdkWire, replay_world: ReplayWorld) -> None:
    """``newChat``: reads ``id`` and ``chat_mode`` (another mode than the one asked for downgrades it)."""
    agent_id = replay_world.clip.agent_id
    response = wire.send(
        "POST",
        f"/agents/{agent_id}/chat",
        {"persist": persist},
        authorization=replay_world.client_key(),
        origin=ORIGIN,
    )
    chat = expect_json(response, 200)
    assert chat["id"]
    assert chat["agent_id"] == agent_id
    assert chat["chat_mode"] == "Functional"
    assert chat["messages"] == []
    assert readable_by(response, ORIGIN)


def test_new_playground_chat(wire: SdkWire, replay_world: ReplayWorld) -> None:
    """Playground mode (D-ID Studio, API key): ``X-Playground-Chat: true`` must give a Playground chat."""
    response = wire.send(
        "POST",
        f"/agents/{replay_world.clip.agent_id}/chat",
        {"persist": True},
        authorization=replay_world.basic(),
        playground=True,
    )
    assert expect_json(response, 200)["chat_mode"] == "Playground"


# -- 3. messages: POST /agents/{id}/chat/{chatId} ------------------------------------------------------


def test_chat_text_only_first_turn(wire: SdkWire, replay_world: ReplayWorld) -> None:
    """``chat()`` in TextOnly: reads ``result``, ``matches[].{id, document_id}`` and ``context``."""
    agent = replay_world.clip
    chat_id = new_chat(wire, replay_world)
    response = wire.send(
        "POST",
        f"/agents/{agent.agent_id}/chat/{chat_id}",
        chat_body([user_message(QUESTIONS[0])], "TextOnly"),
        authorization=replay_world.client_key(),
        origin=ORIGIN,
    )
    answer = expect_json(response, 200)
    assert WARRANTY in answer["result"] and HANDBOOK_TITLE in answer["result"]
    assert {m["document_id"] for m in answer["matches"]} == {agent.document_id}
    assert all(m["id"] and m["title"] == HANDBOOK_TITLE for m in answer["matches"])
    assert answer["chatMode"] == "TextOnly"
    assert readable_by(response, ORIGIN)


def test_chat_text_only_second_turn_with_history(wire: SdkWire, replay_world: ReplayWorld) -> None:
    """The SDK resends the whole history: its own message ids, ``parts``, the first answer's ``context``."""
    agent = replay_world.clip
    chat_id, first = answered_turn(wire, replay_world)
    history = [user_message(QUESTIONS[0]), assistant_message(first), user_message(QUESTIONS[1])]
    response = wire.send(
        "POST",
        f"/agents/{agent.agent_id}/chat/{chat_id}",
        chat_body(history, "TextOnly"),
        authorization=replay_world.client_key(),
        origin=ORIGIN,
    )
    answer = expect_json(response, 200)
    assert SERVICE in answer["result"]
    assert {m["document_id"] for m in answer["matches"]} == {agent.document_id}


def test_chat_playground_turn(wire: SdkWire, replay_world: ReplayWorld) -> None:
    """Playground: the header again on the message, ``chatMode: Playground``, no stream."""
    agent_id = replay_world.clip.agent_id
    chat = expect_ok(
        wire.send(
            "POST",
            f"/agents/{agent_id}/chat",
            {"persist": True},
            authorization=replay_world.basic(),
            playground=True,
        )
    )
    response = wire.send(
        "POST",
        f"/agents/{agent_id}/chat/{chat['id']}",
        chat_body([user_message(QUESTIONS[0])], "Playground"),
        authorization=replay_world.basic(),
        playground=True,
    )
    answer = expect_json(response, 200)
    assert WARRANTY in answer["result"]
    assert answer["chatMode"] == "Playground"


def test_chat_naming_an_unknown_stream(wire: SdkWire, replay_world: ReplayWorld) -> None:
    """Functional mode names the stream; an unknown one is the error the SDK reconnects and retries on
    (it matches the text ``missing or invalid session_id``)."""
    chat_id = new_chat(wire, replay_world)
    response = wire.send(
        "POST",
        f"/agents/{replay_world.clip.agent_id}/chat/{chat_id}",
        chat_body([user_message(QUESTIONS[0])], "Functional", streamId="strm_gone", sessionId="sess_gone"),
        authorization=replay_world.client_key(),
        origin=ORIGIN,
    )
    assert "missing or invalid session_id" in expect_error(response, 400, "SessionError")
    assert readable_by(response, ORIGIN)


# -- 4. ratings and feedback ---------------------------------------------------------------------------


def test_create_rating(wire: SdkWire, replay_world: ReplayWorld) -> None:
    """``rate(messageId, 1)``: the message id is the SDK's *local* id of the answer, never sent before."""
    chat_id, answer = answered_turn(wire, replay_world)
    body = rating_body(replay_world, answer, sdk_id(), 1)
    response = wire.send(
        "POST",
        f"/agents/{replay_world.clip.agent_id}/chat/{chat_id}/ratings",
        body,
        authorization=replay_world.client_key(),
        origin=ORIGIN,
    )
    rating = expect_json(response, 200)
    assert rating["id"]
    assert {k: rating[k] for k in body} == body
    assert rating["agent_id"] == replay_world.clip.agent_id
    assert rating["chat_id"] == chat_id
    assert rating["external_id"] == replay_world.external_id  # the end user of the Client-Key header
    assert rating["owner_id"] and rating["created_at"] and rating["modified_at"]
    assert readable_by(response, ORIGIN)


def _create_rating(wire: SdkWire, world: ReplayWorld) -> tuple[str, dict[str, object], str]:
    chat_id, answer = answered_turn(wire, world)
    body = rating_body(world, answer, sdk_id(), 1)
    rating = expect_ok(
        wire.send(
            "POST",
            f"/agents/{world.clip.agent_id}/chat/{chat_id}/ratings",
            body,
            authorization=world.client_key(),
            origin=ORIGIN,
        )
    )
    return chat_id, body, rating["id"]


def test_update_rating(wire: SdkWire, replay_world: ReplayWorld) -> None:
    """``rate(messageId, -1, ratingId)``: PATCH with the whole payload again."""
    chat_id, body, rating_id = _create_rating(wire, replay_world)
    response = wire.send(
        "PATCH",
        f"/agents/{replay_world.clip.agent_id}/chat/{chat_id}/ratings/{rating_id}",
        body | {"score": -1},
        authorization=replay_world.client_key(),
        origin=ORIGIN,
    )
    rating = expect_json(response, 200)
    assert rating["id"] == rating_id
    assert rating["score"] == -1
    assert rating["message_id"] == body["message_id"]
    assert readable_by(response, ORIGIN)


def test_delete_rating(wire: SdkWire, replay_world: ReplayWorld) -> None:
    """``deleteRate(ratingId)``: a DELETE without a body (still ``Content-Type: application/json``);
    the SDK parses the answer as JSON, so an empty 204 would break it."""
    chat_id, _, rating_id = _create_rating(wire, replay_world)
    path = f"/agents/{replay_world.clip.agent_id}/chat/{chat_id}/ratings/{rating_id}"
    response = wire.send("DELETE", path, authorization=replay_world.client_key(), origin=ORIGIN)
    assert expect_json(response, 200)["id"] == rating_id
    assert readable_by(response, ORIGIN)
    gone = wire.send("PATCH", path, {"score": 1}, authorization=replay_world.basic())
    expect_error(gone, 404, "NotFound")


@pytest.mark.parametrize(
    "body",
    [{"rating": 5, "answer": "Quick and to the point"}, {"rating": 2}],
    ids=["with-answer", "rating-only"],
)
def test_submit_feedback(body: dict[str, object], wire: SdkWire, replay_world: ReplayWorld) -> None:
    """``submitFeedback(rating, answer?)``: ``answer`` is absent when the visitor wrote nothing."""
    chat_id, _ = answered_turn(wire, replay_world)
    response = wire.send(
        "POST",
        f"/agents/{replay_world.clip.agent_id}/chat/{chat_id}/feedback",
        body,
        authorization=replay_world.client_key(),
        origin=ORIGIN,
    )
    feedback = expect_json(response, 200)
    assert feedback["chat_id"] == chat_id
    assert feedback["rating"] == body["rating"]
    assert feedback["submitted_at"]
    assert readable_by(response, ORIGIN)


def test_get_stt_token(wire: SdkWire, replay_world: ReplayWorld) -> None:
    """``getSTTToken()``: ``{token, region}`` for the speech-to-text service."""
    response = wire.send(
        "GET",
        f"/agents/{replay_world.clip.agent_id}/stt-token",
        authorization=replay_world.client_key(),
        origin=ORIGIN,
    )
    token = expect_json(response, 200)
    assert isinstance(token["token"], str) and token["token"]
    assert isinstance(token["region"], str) and token["region"]
    assert readable_by(response, ORIGIN)
