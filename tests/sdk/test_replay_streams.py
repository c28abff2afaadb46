"""Replay: what ``connect()`` sends for video, V1 streams (talk/clip, WebRTC) and V2 sessions (expressive).

The emulator signals but makes no media: a stream is created with an SDP offer, takes the browser's
answer and ICE candidates and can be closed; the one call that needs the avatar to speak (a talk on
the stream, ``speak()``) gets a documented 501 ``NotImplemented``.
"""

from __future__ import annotations

from typing import Any

import pytest

from .replay import QUESTIONS, ReplayWorld, chat_body, new_chat, user_message
from .wire import ORIGIN, SdkWire, expect_error, readable_by
from .world import WARRANTY, expect_json, expect_ok

# Chromium's answer to such an offer, trimmed to what a signalling server looks at.
SDP_ANSWER = {
    "type": "answer",
    "sdp": "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0 1 2\r\n"
    "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\na=recvonly\r\n"
    "m=video 9 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 0.0.0.0\r\na=mid:1\r\na=recvonly\r\n"
    "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\na=mid:2\r\n",
}
CANDIDATE = {
    "candidate": "candidate:1 1 udp 2122260223 192.168.1.20 54321 typ host generation 0",
    "sdpMid": "0",
    "sdpMLineIndex": 0,
}
# streamOptions {outputResolution, sessionTimeout, streamWarmup, compatibilityMode, fluent} and a plan
# in mixpanelAdditionalProperties; without them every key is undefined and the body is {}.
STREAM_OPTIONS = {
    "output_resolution": 720,
    "session_timeout": 180,
    "stream_warmup": True,
    "compatibility_mode": "auto",
    "fluent": True,
    "end_user_data": {"plan": "deid-pro"},
}


def _streams(world: ReplayWorld) -> str:
    return f"/agents/{world.clip.agent_id}/streams"


def _create_stream(wire: SdkWire, world: ReplayWorld) -> dict[str, Any]:
    response = wire.send("POST", _streams(world), {}, authorization=world.client_key(), origin=ORIGIN)
    stream: dict[str, Any] = expect_ok(response)
    return stream


@pytest.mark.parametrize("body", [{}, STREAM_OPTIONS], ids=["no-options", "all-options"])
def test_create_stream(body: dict[str, Any], wire: SdkWire, replay_world: ReplayWorld) -> None:
    """``createStream``: reads ``id``, ``offer`` (the docs call it ``jsep``), ``ice_servers``,
    ``session_id`` (without one the SDK throws "Could not create session_id"), ``fluent``,
    ``interrupt_enabled``."""
    response = wire.send(
        "POST", _streams(replay_world), body, authorization=replay_world.client_key(), origin=ORIGIN
    )
    stream = expect_json(response, 201)
    assert stream["id"] and stream["session_id"]
    assert stream["offer"]["type"] == "offer"
    assert stream["offer"]["sdp"].startswith("v=0")
    assert isinstance(stream["ice_servers"], list)
    assert all("urls" in server for server in stream["ice_servers"])
    assert readable_by(response, ORIGIN)


def test_start_connection(wire: SdkWire, replay_world: ReplayWorld) -> None:
    """``startConnection``: the browser's SDP answer with the stream's ``session_id``."""
    stream = _create_stream(wire, replay_world)
    response = wire.send(
        "POST",
        f"{_streams(replay_world)}/{stream['id']}/sdp",
        {"session_id": stream["session_id"], "answer": SDP_ANSWER},
        authorization=replay_world.client_key(),
        origin=ORIGIN,
    )
    assert isinstance(expect_json(response, 200)["status"], str)
    assert readable_by(response, ORIGIN)


@pytest.mark.parametrize(
    "candidate", [CANDIDATE, {"candidate": None}], ids=["candidate", "end-of-candidates"]
)
def test_add_ice_candidate(candidate: dict[str, Any], wire: SdkWire, replay_world: ReplayWorld) -> None:
    """``addIceCandidate``: ``{session_id, candidate, sdpMid, sdpMLineIndex}``, and ``{session_id,
    candidate: null}`` when gathering ends."""
    stream = _create_stream(wire, replay_world)
    response = wire.send(
        "POST",
        f"{_streams(replay_world)}/{stream['id']}/ice",
        {"session_id": stream["session_id"], **candidate},
        authorization=replay_world.client_key(),
        origin=ORIGIN,
    )
    assert isinstance(expect_json(response, 200)["status"], str)


def test_start_connection_with_a_wrong_session_id(wire: SdkWire, replay_world: ReplayWorld) -> None:
    stream = _create_stream(wire, replay_world)
    response = wire.send(
        "POST",
        f"{_streams(replay_world)}/{stream['id']}/sdp",
        {"session_id": "not-the-session", "answer": SDP_ANSWER},
        authorization=replay_world.client_key(),
        origin=ORIGIN,
    )
    assert expect_error(response, 400, "SessionError") == "missing or invalid session_id"


def test_chat_on_a_stream(wire: SdkWire, replay_world: ReplayWorld) -> None:
    """Functional ``chat()`` after ``connect()`` names the stream; the answer comes back as text too."""
    stream = _create_stream(wire, replay_world)
    chat_id = new_chat(wire, replay_world)
    response = wire.send(
        "POST",
        f"/agents/{replay_world.clip.agent_id}/chat/{chat_id}",
        chat_body(
            [user_message(QUESTIONS[0])], "Functional", streamId=stream["id"], sessionId=stream["session_id"]
        ),
        authorization=replay_world.client_key(),
        origin=ORIGIN,
    )
    answer = expect_json(response, 200)
    assert WARRANTY in answer["result"]
    assert answer["chatMode"] == "Functional"


def test_talk_on_a_stream_is_media(wire: SdkWire, replay_world: ReplayWorld) -> None:
    """``speak()`` → ``sendStreamRequest``: the avatar would have to speak; the documented 501."""
    stream = _create_stream(wire, replay_world)
    response = wire.send(
        "POST",
        f"{_streams(replay_world)}/{stream['id']}",
        {
            "session_id": stream["session_id"],
            "script": {"type": "text", "input": "Welcome to Nimbus Bikes!", "ssml": False},
            "metadata": {"chat_id": "cht_local", "agent_id": replay_world.clip.agent_id},
        },
        authorization=replay_world.client_key(),
        origin=ORIGIN,
    )
    assert "not emulated" in expect_error(response, 501, "NotImplemented")
    assert readable_by(response, ORIGIN)


def test_close_stream(wire: SdkWire, replay_world: ReplayWorld) -> None:
    """``close``: DELETE with a body ``{session_id}``; the SDK parses the answer as JSON."""
    stream = _create_stream(wire, replay_world)
    response = wire.send(
        "DELETE",
        f"{_streams(replay_world)}/{stream['id']}",
        {"session_id": stream["session_id"]},
        authorization=replay_world.client_key(),
        origin=ORIGIN,
    )
    assert isinstance(expect_json(response, 200)["status"], str)
    assert readable_by(response, ORIGIN)


def test_create_v2_session(wire: SdkWire, replay_world: ReplayWorld) -> None:
    """Expressive agents: ``{transport: {provider: livekit}, chat_persist, verbose}``; reads ``id``,
    ``session_token``, ``session_url``, ``interrupt_enabled``. The chat then runs over LiveKit."""
    response = wire.send(
        "POST",
        f"/v2/agents/{replay_world.expressive.agent_id}/sessions",
        {"transport": {"provider": "livekit"}, "chat_persist": True, "verbose": False},
        authorization=replay_world.client_key(replay_world.expressive_key),
        origin=ORIGIN,
    )
    session = expect_json(response, 201)
    assert session["id"] and session["session_token"]
    assert session["session_url"].startswith(("ws://", "wss://"))
    assert isinstance(session["interrupt_enabled"], bool)
    assert readable_by(response, ORIGIN)
