"""V1 stream routes (talk and clip agents): WebRTC signalling without media."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from ..auth import AnyCaller
from ..models import IceCandidate, SdpAnswer, StickyRequest, StreamCreate, StreamTalk
from ..responses import StreamCreated, StreamStatus
from ..store import streams

router = APIRouter(prefix="/agents/{agent_id}/streams", tags=["Streams"])


@router.post("", status_code=201, response_model=StreamCreated)
def create_stream(caller: AnyCaller, agent_id: str, body: StreamCreate | None = None) -> dict[str, Any]:
    """Create a stream: ``id``, ``session_id``, an SDP ``offer`` (also as ``jsep``), ``ice_servers``."""
    ctx, principal = caller
    return streams.create_stream(ctx.db, principal=principal, agent_id=agent_id, body=body or StreamCreate())


@router.post("/{stream_id}/sdp", response_model=StreamStatus)
def start_connection(caller: AnyCaller, agent_id: str, stream_id: str, body: SdpAnswer) -> dict[str, Any]:
    """Take the browser's SDP answer."""
    ctx, principal = caller
    return streams.start_connection(
        ctx.db, principal=principal, agent_id=agent_id, stream_id=stream_id, body=body
    )


@router.post("/{stream_id}/ice", response_model=StreamStatus)
async def add_ice_candidate(
    caller: AnyCaller, agent_id: str, stream_id: str, body: IceCandidate
) -> dict[str, Any]:
    """Take a trickled ICE candidate."""
    ctx, principal = caller
    return streams.add_ice_candidate(
        ctx.db, principal=principal, agent_id=agent_id, stream_id=stream_id, body=body
    )


@router.post("/{stream_id}", response_model=StreamStatus)
async def talk(caller: AnyCaller, agent_id: str, stream_id: str, body: StreamTalk) -> dict[str, Any]:
    """Make the avatar speak on the stream: 501, the emulator produces no media."""
    ctx, principal = caller
    return streams.talk(ctx.db, principal=principal, agent_id=agent_id, stream_id=stream_id, body=body)


@router.delete("/{stream_id}", response_model=StreamStatus)
def close_stream(
    caller: AnyCaller, agent_id: str, stream_id: str, body: StickyRequest | None = None
) -> dict[str, Any]:
    """Close the stream; later calls naming it get 404, chat messages naming it a ``SessionError``."""
    ctx, principal = caller
    return streams.close_stream(
        ctx.db, principal=principal, agent_id=agent_id, stream_id=stream_id, body=body or StickyRequest()
    )
