"""``client.chats``: open a chat with an agent and send it messages, as D-ID's client SDK does."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ._base import Namespace, segment
from .chat_models import Chat, ChatMessage, ChatResponse

__all__ = ["Chats"]


class Chats(Namespace):
    def create(self, agent_id: str, *, persist: bool = False) -> Chat:
        """``POST /agents/{id}/chat``; ``persist`` keeps the chat in the agent's history."""
        data = self._client.request("POST", f"/agents/{segment(agent_id)}/chat", json={"persist": persist})
        return Chat.model_validate(data)

    def get(self, agent_id: str, chat_id: str) -> Chat:
        """A chat with the messages the server stored."""
        data = self._client.request("GET", f"/agents/{segment(agent_id)}/chat/{segment(chat_id)}")
        return Chat.model_validate(data)

    def send_message(
        self,
        agent_id: str,
        chat_id: str,
        content: str | Sequence[ChatMessage],
        *,
        chat_mode: str | None = None,
    ) -> ChatResponse:
        """Send one user message (a string) or the whole conversation so far; return the agent's answer.

        The SDK sends every earlier turn (user and assistant) with each new user message, each with
        its own ``id``; ``chat_mode`` is the chat's ``chat_mode`` echoed back as ``chatMode``.
        """
        messages = [ChatMessage.new("user", content)] if isinstance(content, str) else list(content)
        body: dict[str, Any] = {"messages": [m.model_dump(mode="json", exclude_none=True) for m in messages]}
        if chat_mode is not None:
            body["chatMode"] = chat_mode
        data = self._client.request("POST", f"/agents/{segment(agent_id)}/chat/{segment(chat_id)}", json=body)
        return ChatResponse.model_validate(data)
