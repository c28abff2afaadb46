"""A syntactically valid WebRTC SDP offer for ``POST /agents/{id}/streams``.

Shaped like a media server's offer (send-only Opus audio and VP8 video, a data channel, one BUNDLE,
rtcp-mux, DTLS fingerprint) so a browser's ``setRemoteDescription`` accepts it and the SDK can answer.
It names no ICE candidate and no media ever flows: the emulator signals, it does not stream.
"""

from __future__ import annotations

import secrets

from . import ids


def _fingerprint() -> str:
    return ":".join(f"{b:02X}" for b in secrets.token_bytes(32))


def offer() -> str:
    """A fresh offer (random session id, ICE credentials and certificate fingerprint)."""
    session = str(secrets.randbelow(2**62) + 1)
    ufrag, pwd, fingerprint = ids.token(8), ids.token(24), _fingerprint()
    transport = [
        "c=IN IP4 0.0.0.0",
        f"a=ice-ufrag:{ufrag}",
        f"a=ice-pwd:{pwd}",
        "a=ice-options:trickle",
        f"a=fingerprint:sha-256 {fingerprint}",
        "a=setup:actpass",
    ]
    lines = [
        "v=0",
        f"o=- {session} 2 IN IP4 127.0.0.1",
        "s=-",
        "t=0 0",
        "a=group:BUNDLE 0 1 2",
        "a=msid-semantic: WMS emulator",
        "m=audio 9 UDP/TLS/RTP/SAVPF 111",
        *transport,
        "a=rtcp:9 IN IP4 0.0.0.0",
        "a=mid:0",
        "a=sendonly",
        "a=msid:emulator emulator-audio",
        "a=rtcp-mux",
        "a=rtpmap:111 opus/48000/2",
        "a=fmtp:111 minptime=10;useinbandfec=1",
        "a=ssrc:1001 cname:emulator",
        "m=video 9 UDP/TLS/RTP/SAVPF 96",
        *transport,
        "a=rtcp:9 IN IP4 0.0.0.0",
        "a=mid:1",
        "a=sendonly",
        "a=msid:emulator emulator-video",
        "a=rtcp-mux",
        "a=rtcp-rsize",
        "a=rtpmap:96 VP8/90000",
        "a=rtcp-fb:96 nack",
        "a=rtcp-fb:96 nack pli",
        "a=ssrc:1002 cname:emulator",
        "m=application 9 UDP/DTLS/SCTP webrtc-datachannel",
        *transport,
        "a=mid:2",
        "a=sctp-port:5000",
        "a=max-message-size:262144",
    ]
    return "\r\n".join(lines) + "\r\n"
