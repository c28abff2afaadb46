"""V1 streams (talk and clip agents): signalling shapes the SDK reads, no media, session checks."""

from __future__ import annotations

from typing import Any

import httpx

from did_agents_emulator.testing import EmulatorServer

from .conftest import EXPRESSIVE, browser, client_key, create_agent, open_chat, user_message

NOT_FOUND = {"kind": "NotFound", "description": "stream_id doesn't exits or not owened by the user"}
SESSION_ERROR = {"kind": "SessionError", "description": "missing or invalid session_id"}
ANSWER = {"type": "answer", "sdp": "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"}


def _stream(client: httpx.Client, agent_id: str, **options: Any) -> dict[str, Any]:
    r = client.post(f"/agents/{agent_id}/streams", json=options)
    assert r.status_code == 201, r.text
    body: dict[str, Any] = r.json()
    return body


def test_create_answers_what_the_sdk_reads(api: httpx.Client) -> None:
    agent = create_agent(api)
    stream = _stream(api, agent["id"], output_resolution=512, stream_warmup=True, compatibility_mode="auto")
    assert stream["id"].startswith("strm_") and len(stream["session_id"]) >= 16
    assert stream["offer"] == stream["jsep"] and stream["offer"]["type"] == "offer"  # SDK: offer; docs: jsep
    assert stream["ice_servers"] == [] and stream["fluent"] is False and stream["interrupt_enabled"] is False
    fluent = _stream(api, agent["id"], fluent=True)
    assert fluent["fluent"] is True and fluent["interrupt_enabled"] is True
    assert fluent["offer"]["sdp"] != stream["offer"]["sdp"]  # fresh ICE credentials and fingerprint


def test_offer_is_a_well_formed_sdp(api: httpx.Client) -> None:
    sdp = _stream(api, create_agent(api)["id"])["offer"]["sdp"]
    assert sdp.endswith("\r\n") and "\n" not in sdp.replace("\r\n", "")
    lines = sdp.split("\r\n")[:-1]
    assert lines[:4] == ["v=0", lines[1], "s=-", "t=0 0"] and lines[1].startswith("o=- ")
    assert all(len(line) > 2 and line[1] == "=" for line in lines)
    media = [line for line in lines if line.startswith("m=")]
    assert media == [
        "m=audio 9 UDP/TLS/RTP/SAVPF 111",
        "m=video 9 UDP/TLS/RTP/SAVPF 96",
        "m=application 9 UDP/DTLS/SCTP webrtc-datachannel",
    ]
    assert "a=group:BUNDLE 0 1 2" in lines
    for attribute in ("a=ice-ufrag:", "a=ice-pwd:", "a=fingerprint:sha-256 ", "a=setup:actpass", "a=mid:"):
        assert sum(line.startswith(attribute) for line in lines) == 3, attribute
    fingerprint = next(line for line in lines if line.startswith("a=fingerprint:")).split(" ", 1)[1]
    assert len(fingerprint.split(":")) == 32
    assert len(next(line for line in lines if line.startswith("a=ice-pwd:"))) - len("a=ice-pwd:") >= 22


def test_signalling_then_close(api: httpx.Client) -> None:
    agent = create_agent(api)
    stream = _stream(api, agent["id"])
    base = f"/agents/{agent['id']}/streams/{stream['id']}"
    sticky = {"session_id": stream["session_id"]}
    assert api.post(f"{base}/sdp", json={**sticky, "answer": ANSWER}).json() == {"status": "success"}
    candidate = {
        "candidate": "candidate:1 1 udp 2122260223 10.0.0.2 49152 typ host",
        "sdpMid": "0",
        "sdpMLineIndex": 0,
    }
    assert api.post(f"{base}/ice", json={**sticky, **candidate}).json() == {"status": "success"}
    assert api.post(f"{base}/ice", json={**sticky, "candidate": None}).json() == {"status": "success"}  # end
    assert api.request("DELETE", base, json=sticky).json() == {"status": "success"}
    for method, path, body in (
        ("POST", f"{base}/sdp", {**sticky, "answer": ANSWER}),
        ("POST", f"{base}/ice", sticky),
        ("DELETE", base, sticky),
    ):
        r = api.request(method, path, json=body)
        assert r.status_code == 404 and r.json() == NOT_FOUND, (method, path)


def test_follow_ups_need_the_session_id(api: httpx.Client) -> None:
    agent = create_agent(api)
    stream = _stream(api, agent["id"])
    base = f"/agents/{agent['id']}/streams/{stream['id']}"
    for body in ({"answer": ANSWER}, {"session_id": "other", "answer": ANSWER}):
        r = api.post(f"{base}/sdp", json=body)
        assert r.status_code == 400 and r.json() == SESSION_ERROR
    assert api.request("DELETE", base, json={}).json() == SESSION_ERROR
    bad_answer = api.post(
        f"{base}/sdp", json={"session_id": stream["session_id"], "answer": {"type": "offer"}}
    )
    assert bad_answer.status_code == 400 and bad_answer.json()["description"].startswith("answer.")


def test_talk_needs_media_and_says_so(api: httpx.Client) -> None:
    agent = create_agent(api)
    stream = _stream(api, agent["id"])
    body = {
        "session_id": stream["session_id"],
        "script": {"type": "text", "input": "Hello there"},
        "metadata": {},
    }
    r = api.post(f"/agents/{agent['id']}/streams/{stream['id']}", json=body)
    assert r.status_code == 501 and r.json()["kind"] == "NotImplemented"
    assert "produces no audio or video" in r.json()["description"]
    wrong = api.post(f"/agents/{agent['id']}/streams/{stream['id']}", json={**body, "session_id": "x"})
    assert wrong.json() == SESSION_ERROR


def test_stream_rules(did_emulator: EmulatorServer, api: httpx.Client, api2: httpx.Client) -> None:
    expressive = create_agent(api, presenter=EXPRESSIVE)
    r = api.post(f"/agents/{expressive['id']}/streams", json={})
    assert r.status_code == 400 and r.json()["kind"] == "BadRequest"
    clip = create_agent(api, presenter={"type": "clip", "presenter_id": "v2_public_Amber@0zSz8kflCN"})
    stream = _stream(api, clip["id"])
    assert api2.post(f"/agents/{clip['id']}/streams/{stream['id']}/ice", json={}).status_code == 404
    bad = api.post(f"/agents/{clip['id']}/streams", json={"output_resolution": 2000})
    assert bad.status_code == 400 and bad.json()["description"].startswith("output_resolution:")
    did_emulator.configure(agent_ready_delay=60)
    fresh = create_agent(api)
    early = api.post(f"/agents/{fresh['id']}/streams", json={})
    assert early.status_code == 409 and early.json()["kind"] == "NotReadyError"


def test_chat_naming_a_stream_checks_it(did_emulator: EmulatorServer, api: httpx.Client) -> None:
    """The SDK sends its stream's ids with each message and reconnects on this exact error."""
    agent = create_agent(api)
    with browser(did_emulator, client_key(api, agent["id"])) as page:
        stream = _stream(page, agent["id"])
        chat = open_chat(page, agent["id"])
        ids = {"streamId": stream["id"], "sessionId": stream["session_id"], "chatMode": "Functional"}
        url = f"/agents/{agent['id']}/chat/{chat}"
        ok = page.post(url, json={**ids, "messages": [user_message("hello")]})
        assert ok.status_code == 200 and ok.json()["chatMode"] == "Functional"
        wrong = page.post(url, json={**ids, "sessionId": "stale", "messages": [user_message("hello")]})
        assert wrong.status_code == 400 and wrong.json() == SESSION_ERROR
        page.request(
            "DELETE",
            f"/agents/{agent['id']}/streams/{stream['id']}",
            json={"session_id": stream["session_id"]},
        )
        closed = page.post(url, json={**ids, "messages": [user_message("hello")]})
        assert closed.status_code == 400 and closed.json() == SESSION_ERROR
    other = create_agent(api)
    foreign = _stream(api, other["id"])
    r = api.post(
        url,
        json={
            "streamId": foreign["id"],
            "sessionId": foreign["session_id"],
            "messages": [user_message("hi")],
        },
    )
    assert r.json() == SESSION_ERROR  # another agent's stream
