"""What the replay tests share: the world they run in, the bodies the SDK builds for its runtime calls,
and small set-up steps."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from did_agents_emulator.testing import EmulatorServer

from .wire import ORIGIN, Credentials, SdkWire, sdk_id
from .world import STARTERS, GroundedAgent, expect_ok

QUESTIONS = STARTERS


@dataclass(frozen=True)
class ReplayWorld:
    """What the SDK's calls need, made once through the API: a grounded clip agent (V1 streams), an
    expressive agent (V2 sessions), their client keys for ``ORIGIN`` and an account-wide client key."""

    server: EmulatorServer
    clip: GroundedAgent
    clip_key: str
    expressive: GroundedAgent
    expressive_key: str
    account_key: str
    external_id: str
    credentials: Credentials

    def client_key(self, key: str | None = None) -> str:
        """``Authorization`` of the SDK with ``{type: 'key'}`` (the clip agent's key by default)."""
        return self.credentials.client_key(key or self.clip_key, self.external_id)

    def basic(self, account: int = 0) -> str:
        """``Authorization`` of the SDK with ``{type: 'basic', token: <API key>}``."""
        return self.credentials.basic(self.server.api_keys[account])


def iso_now() -> str:
    """``new Date().toISOString()``."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def user_message(content: str) -> dict[str, Any]:
    """A user turn as ``chat()`` pushes it: local id, text ``parts`` from ``parseMessageParts``."""
    return {
        "id": sdk_id(),
        "role": "user",
        "content": content,
        "parts": [{"type": "text", "text": content}],
        "created_at": iso_now(),
    }


def assistant_message(response: dict[str, Any]) -> dict[str, Any]:
    """The answer as ``chat()`` keeps it: a *local* id, the answer's ``context``; ``matches`` is stripped
    before the history is sent again, and an absent ``context`` stays absent (``undefined``)."""
    message = {
        "id": sdk_id(),
        "role": "assistant",
        "content": response["result"],
        "parts": [{"type": "text", "text": response["result"]}],
        "created_at": iso_now(),
    }
    if "context" in response:
        message["context"] = response["context"]
    return message


def chat_body(messages: list[dict[str, Any]], mode: str, **stream: str) -> dict[str, Any]:
    """``{chatMode, streamId?, sessionId?, messages}``; the stream ids only exist after ``connect()``."""
    return {"chatMode": mode, **stream, "messages": messages}


def new_chat(
    wire: SdkWire, world: ReplayWorld, *, agent_id: str | None = None, key: str | None = None
) -> str:
    """Set-up: a chat opened with the client key, as ``chat()`` opens one on its first message."""
    agent_id = agent_id or world.clip.agent_id
    response = wire.send(
        "POST",
        f"/agents/{agent_id}/chat",
        {"persist": False},
        authorization=world.client_key(key),
        origin=ORIGIN,
    )
    chat_id: str = expect_ok(response)["id"]
    return chat_id


def answered_turn(wire: SdkWire, world: ReplayWorld) -> tuple[str, dict[str, Any]]:
    """Set-up: a chat with one TextOnly turn answered; returns the chat id and the answer."""
    chat_id = new_chat(wire, world)
    response = wire.send(
        "POST",
        f"/agents/{world.clip.agent_id}/chat/{chat_id}",
        chat_body([user_message(QUESTIONS[0])], "TextOnly"),
        authorization=world.client_key(),
        origin=ORIGIN,
    )
    return chat_id, expect_ok(response)


def rating_body(world: ReplayWorld, answer: dict[str, Any], message_id: str, score: int) -> dict[str, Any]:
    """``rate(messageId, score)``: ``matches`` as ``[document_id, id]`` pairs of the rated answer."""
    return {
        "knowledge_id": world.clip.knowledge_id,
        "message_id": message_id,
        "matches": [[m["document_id"], m["id"]] for m in answer["matches"]],
        "score": score,
    }
