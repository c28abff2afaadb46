"""``client.chats``: open a chat with an agent and send it messages (used by demos and tests)."""

from __future__ import annotations

from datetime import UTC, datetime

from ._base import Namespace, segment
from .models import Chat, ChatMessage, ChatResponse

__all__ = ["Chats"]


class Chats(Namespace):
    def create(self, agent_id: str, *, persist: bool = False) -> Chat:
        data = self._client.request("POST", f"/agents/{segment(agent_id)}/chat", json={"persist": persist})
        return Chat.model_validate(data)

    def send_message(
        self,
        agent_id: str,
        chat_id: str,
        content: str | list[ChatMessage],
    ) -> ChatResponse:
        """Send one user message (a string) or a whole conversation and return the agent's answer."""
        if isinstance(content, str):
            now = datetime.now(UTC).isoformat()
            messages = [ChatMessage(role="user", content=content, created_at=now)]
        else:
            messages = content
        body = {"messages": [message.model_dump(mode="json") for message in messages]}
        data = self._client.request("POST", f"/agents/{segment(agent_id)}/chat/{segment(chat_id)}", json=body)
        return ChatResponse.model_validate(data)
