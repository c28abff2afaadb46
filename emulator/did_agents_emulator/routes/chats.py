"""Chat routes: create, message, read back, delete an agent's chats, and rate answers or give feedback."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Header

from ..auth import AnyCaller, ApiCaller
from ..models import ChatCreate, ChatMessageRequest, FeedbackCreate, RatingCreate, RatingUpdate
from ..responses import Chat, ChatAnswer, Empty, Feedback, Rating
from ..store import chats, ratings

router = APIRouter(prefix="/agents", tags=["Chat"])

PlaygroundHeader = Annotated[str | None, Header(alias="X-Playground-Chat")]


def _playground(value: str | None) -> bool:
    return (value or "").strip().lower() == "true"


@router.post("/{agent_id}/chat", response_model=Chat)
async def create_chat(
    caller: AnyCaller,
    agent_id: str,
    body: ChatCreate | None = None,
    x_playground_chat: PlaygroundHeader = None,
) -> dict[str, Any]:
    """Open a chat with an agent (200); ``chat_mode`` says how the server will run it."""
    ctx, principal = caller
    mode = chats.chat_mode(
        forced=ctx.config.current.forced_chat_mode, playground=_playground(x_playground_chat)
    )
    return await chats.create_chat(
        ctx.db, principal=principal, agent_id=agent_id, persist=body.persist if body else False, mode=mode
    )


@router.post("/{agent_id}/chat/{chat_id}", response_model=ChatAnswer, response_model_exclude_unset=True)
async def send_message(
    caller: AnyCaller,
    agent_id: str,
    chat_id: str,
    body: ChatMessageRequest,
    x_playground_chat: PlaygroundHeader = None,
) -> dict[str, Any]:
    """Answer the last user message from the agent's knowledge base."""
    ctx, principal = caller
    return await chats.send_message(
        ctx.db,
        principal=principal,
        agent_id=agent_id,
        chat_id=chat_id,
        body=body,
        playground=_playground(x_playground_chat),
        forced_mode=ctx.config.current.forced_chat_mode,
    )


@router.get("/{agent_id}/chat/{chat_id}", response_model=Chat)
async def get_chat(caller: AnyCaller, agent_id: str, chat_id: str) -> dict[str, Any]:
    """A chat with its messages."""
    ctx, principal = caller
    return chats.get_chat(ctx.db, principal=principal, agent_id=agent_id, chat_id=chat_id)


@router.delete("/{agent_id}/chats", response_model=Empty)
def delete_chats(caller: ApiCaller, agent_id: str) -> dict[str, Any]:
    """Delete every chat of an agent with its messages, ratings and feedback."""
    ctx, principal = caller
    return chats.delete_chats(ctx.db, account=principal.account, agent_id=agent_id)


@router.post("/{agent_id}/chat/{chat_id}/ratings", response_model=Rating)
def create_rating(caller: AnyCaller, agent_id: str, chat_id: str, body: RatingCreate) -> dict[str, Any]:
    """Rate an answer (``score`` 1 or -1 from the SDK)."""
    ctx, principal = caller
    return ratings.create_rating(ctx.db, principal=principal, agent_id=agent_id, chat_id=chat_id, body=body)


@router.patch("/{agent_id}/chat/{chat_id}/ratings/{rating_id}", response_model=Rating)
def update_rating(
    caller: AnyCaller, agent_id: str, chat_id: str, rating_id: str, body: RatingUpdate
) -> dict[str, Any]:
    """Change a rating."""
    ctx, principal = caller
    return ratings.update_rating(
        ctx.db, principal=principal, agent_id=agent_id, chat_id=chat_id, rating_id=rating_id, body=body
    )


@router.delete("/{agent_id}/chat/{chat_id}/ratings/{rating_id}", response_model=Rating)
def delete_rating(caller: AnyCaller, agent_id: str, chat_id: str, rating_id: str) -> dict[str, Any]:
    """Withdraw a rating; answers the deleted rating."""
    ctx, principal = caller
    return ratings.delete_rating(
        ctx.db, principal=principal, agent_id=agent_id, chat_id=chat_id, rating_id=rating_id
    )


@router.post("/{agent_id}/chat/{chat_id}/feedback", response_model=Feedback)
def submit_feedback(caller: AnyCaller, agent_id: str, chat_id: str, body: FeedbackCreate) -> dict[str, Any]:
    """End-of-chat feedback ``{rating, answer?}``."""
    ctx, principal = caller
    return ratings.submit_feedback(ctx.db, principal=principal, agent_id=agent_id, chat_id=chat_id, body=body)
