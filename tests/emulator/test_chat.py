"""Chat: grounded answers from the agent's knowledge, memory, history, chat modes, stream checks, deletion."""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

import httpx
from hypothesis import given, settings
from hypothesis import strategies as st

from did_agents_emulator.responder import NO_INFORMATION, Passage, answer
from did_agents_emulator.retrieval import K1, B, Bm25Index, build_query, tokenize
from did_agents_emulator.testing import EmulatorServer

from .conftest import (
    add_document,
    browser,
    client_for,
    client_key,
    create_agent,
    create_kb,
    doc_part,
    open_chat,
    user_message,
)

WARRANTY = (
    "data:text/plain,"
    "Acme Kettle manual. The warranty lasts two years from the date of purchase. "
    "The warranty does not cover water damage caused by overfilling. "
    "Descale the kettle every month with white vinegar."
)
SHIPPING = "data:text/plain,Shipping is free for orders above 50 euros. Delivery takes three working days."


def _agent_with_docs(api: httpx.Client) -> tuple[dict[str, Any], dict[str, Any], list[str]]:
    kb = create_kb(api)
    docs = [
        add_document(api, kb["id"], WARRANTY, title="Kettle manual")["id"],
        add_document(api, kb["id"], SHIPPING, title="Shipping")["id"],
    ]
    agent = create_agent(
        api, knowledge={"id": kb["id"]}, llm={"provider": "openai", "instructions": "Be helpful"}
    )
    return agent, kb, docs


def _chat(api: httpx.Client, agent_id: str, persist: bool = True) -> str:
    r = api.post(f"/agents/{agent_id}/chat", json={"persist": persist})
    assert r.status_code == 200, r.text  # the docs contract's status, not 201
    chat: dict[str, Any] = r.json()
    assert chat["id"].startswith("cht_") and chat["agent_id"] == agent_id and chat["messages"] == []
    assert chat["chat_mode"] == "Functional"
    assert chat["agent_id__created_at"] == chat["created"]  # the SDK's Chat fields
    return str(chat["id"])


def test_answer_quotes_the_document(api: httpx.Client) -> None:
    agent, kb, docs = _agent_with_docs(api)
    chat_id = _chat(api, agent["id"])
    r = api.post(
        f"/agents/{agent['id']}/chat/{chat_id}",
        json={"messages": [user_message("How long is the warranty?")]},
    )
    assert r.status_code == 200
    body = r.json()
    assert "The warranty lasts two years from the date of purchase." in body["result"]
    assert body["chatMode"] == "Functional"
    assert body["context"] == "\n\n".join(m["data"] for m in body["matches"])
    assert "two years" in body["context"]
    assert body["documentIds"][0] == docs[0]
    top = body["matches"][0]
    assert top["document_id"] == docs[0] and top["knowledge_id"] == kb["id"]
    assert top["title"] == "Kettle manual" and top["source_url"] == WARRANTY and "two years" in top["data"]
    again = api.post(
        f"/agents/{agent['id']}/chat/{chat_id}",
        json={"messages": [user_message("How long is the warranty?")]},
    )
    assert again.json()["result"] == body["result"]  # deterministic


def test_no_knowledge_or_no_match_gives_polite_refusal(api: httpx.Client) -> None:
    bare = create_agent(api)
    chat_id = _chat(api, bare["id"])
    r = api.post(
        f"/agents/{bare['id']}/chat/{chat_id}", json={"messages": [user_message("How long is the warranty?")]}
    )
    assert r.json() == {
        "result": NO_INFORMATION,
        "documentIds": [],
        "matches": [],
        "chatMode": "Functional",
        "context": "",
    }
    agent, _, _ = _agent_with_docs(api)
    chat_id = _chat(api, agent["id"])
    r = api.post(
        f"/agents/{agent['id']}/chat/{chat_id}",
        json={"messages": [user_message("What is the capital of Peru?")]},
    )
    assert r.json()["result"] == NO_INFORMATION and r.json()["matches"] == []


def test_memory_uses_previous_turn_for_pronouns(api: httpx.Client) -> None:
    agent, _, _ = _agent_with_docs(api)
    chat_id = _chat(api, agent["id"])
    url = f"/agents/{agent['id']}/chat/{chat_id}"
    api.post(url, json={"messages": [user_message("Tell me about the warranty")]})
    follow = api.post(url, json={"messages": [user_message("Does it cover water damage?")]}).json()
    assert "does not cover water damage" in follow["result"]
    api.post(url, json={"messages": [user_message("How should I descale the kettle?")]})
    short = api.post(url, json={"messages": [user_message("How often?")]}).json()
    assert "Descale the kettle every month" in short["result"]


def test_history_keeps_the_sdk_message_fields(api: httpx.Client) -> None:
    agent, _, _ = _agent_with_docs(api)
    chat_id = _chat(api, agent["id"])
    url = f"/agents/{agent['id']}/chat/{chat_id}"
    parts = [{"type": "text", "text": "How long is the warranty?"}]
    sdk_turn = user_message("How long is the warranty?", id="5f2a9c1e0b3d4", parts=parts)
    first = api.post(url, json={"chatMode": "Functional", "messages": [sdk_turn]}).json()
    answer = {
        "id": "a1b2c3d4e5f60",
        "role": "assistant",
        "content": first["result"],
        "parts": [],
        "context": "c",
    }
    api.post(url, json={"messages": [sdk_turn, answer, user_message("Is shipping free?")]})
    chat = api.get(url).json()
    assert [(m["role"], m["content"][:12]) for m in chat["messages"]] == [
        ("user", "How long is "),
        ("assistant", first["result"][:12]),
        ("user", "Is shipping "),
        ("assistant", "According to"),
    ]
    assert chat["messages"][0]["id"] == "5f2a9c1e0b3d4" and chat["messages"][0]["parts"] == parts
    assert chat["messages"][1]["id"].startswith("msg_") and chat["messages"][1]["context"] == first["context"]
    assert "free for orders" in chat["messages"][3]["content"]


def test_message_validation(api: httpx.Client) -> None:
    agent = create_agent(api)
    url = f"/agents/{agent['id']}/chat/{_chat(api, agent['id'])}"
    no_user = api.post(url, json={"messages": [{"role": "assistant", "content": "hi"}]})
    assert no_user.status_code == 400 and no_user.json()["description"].startswith("messages:")
    too_long = api.post(url, json={"messages": [user_message("x" * 2001)]})
    assert too_long.json()["description"] == "messages.content: must be 1 to 2000 characters"
    tool_turn = {"role": "tool", "content": "42", "created_at": "2024-05-01T12:00:00Z"}
    assert api.post(url, json={"messages": [tool_turn, user_message("hi")]}).status_code == 200  # SDK roles
    mode = api.post(url, json={"chatMode": "DirectPlayback", "messages": [user_message("hi")]})
    assert mode.status_code == 400 and mode.json()["description"].startswith("chatMode:")


def test_playground_header_makes_a_playground_chat(api: httpx.Client) -> None:
    agent, _, _ = _agent_with_docs(api)
    chat_id = open_chat(api, agent["id"], headers={"X-Playground-Chat": "true"})
    assert api.get(f"/agents/{agent['id']}/chat/{chat_id}").json()["chat_mode"] == "Playground"
    r = api.post(
        f"/agents/{agent['id']}/chat/{chat_id}",
        json={"chatMode": "Playground", "messages": [user_message("How long is the warranty?")]},
        headers={"X-Playground-Chat": "true"},
    )
    assert r.json()["chatMode"] == "Playground" and "two years" in r.json()["result"]
    plain = open_chat(api, agent["id"], headers={"X-Playground-Chat": "false"})
    assert api.get(f"/agents/{agent['id']}/chat/{plain}").json()["chat_mode"] == "Functional"


def test_forced_text_only_mode_answers_text_and_ignores_streams(
    did_emulator: EmulatorServer, api: httpx.Client
) -> None:
    agent, _, _ = _agent_with_docs(api)
    did_emulator.configure(forced_chat_mode="TextOnly")  # out of credits
    created = api.post(f"/agents/{agent['id']}/chat", json={}, headers={"X-Playground-Chat": "true"})
    assert created.json()["chat_mode"] == "TextOnly"  # the server's mode wins; the SDK follows it
    body = {
        "streamId": "strm_gone",
        "sessionId": "stale",
        "messages": [user_message("How long is the warranty?")],
    }
    r = api.post(f"/agents/{agent['id']}/chat/{created.json()['id']}", json=body)
    assert r.status_code == 200 and r.json()["chatMode"] == "TextOnly" and "two years" in r.json()["result"]


def test_maintenance_mode_answers_nothing(did_emulator: EmulatorServer, api: httpx.Client) -> None:
    agent, _, _ = _agent_with_docs(api)
    chat_id = _chat(api, agent["id"])
    did_emulator.configure(forced_chat_mode="Maintenance")
    assert api.post(f"/agents/{agent['id']}/chat", json={}).json()["chat_mode"] == "Maintenance"
    url = f"/agents/{agent['id']}/chat/{chat_id}"
    r = api.post(url, json={"messages": [user_message("How long is the warranty?")]})
    assert r.status_code == 200
    assert r.json() == {"matches": [], "documentIds": [], "chatMode": "Maintenance"}
    assert api.get(url).json()["messages"] == []
    did_emulator.configure(forced_chat_mode=None)
    assert "result" in api.post(url, json={"messages": [user_message("How long is the warranty?")]}).json()


def test_bad_stream_ids_get_the_error_the_sdk_retries_on(api: httpx.Client) -> None:
    agent = create_agent(api)
    url = f"/agents/{agent['id']}/chat/{_chat(api, agent['id'])}"
    for ids in ({"streamId": "strm_x", "sessionId": "s"}, {"streamId": "strm_x"}, {"sessionId": "s"}):
        r = api.post(url, json={**ids, "messages": [user_message("hello")]})
        assert r.status_code == 400, ids
        assert r.json() == {"kind": "SessionError", "description": "missing or invalid session_id"}


def test_delete_an_agents_chats(api: httpx.Client) -> None:
    agent, other = create_agent(api), create_agent(api)
    chats = [_chat(api, agent["id"]) for _ in range(2)]
    kept = _chat(api, other["id"])
    api.post(f"/agents/{agent['id']}/chat/{chats[0]}", json={"messages": [user_message("hello")]})
    r = api.delete(f"/agents/{agent['id']}/chats")
    assert r.status_code == 200 and r.json() == {}
    for chat_id in chats:
        assert api.get(f"/agents/{agent['id']}/chat/{chat_id}").status_code == 404
    assert api.get(f"/agents/{other['id']}/chat/{kept}").status_code == 200
    assert api.delete("/agents/agt_missing/chats").status_code == 404


def test_chat_not_found(api: httpx.Client) -> None:
    agent = create_agent(api)
    r = api.post(f"/agents/{agent['id']}/chat/cht_missing", json={"messages": [user_message("hi")]})
    assert r.status_code == 404 and r.json() == {"kind": "NotFound", "description": "Chat not found"}
    assert api.post("/agents/agt_missing/chat", json={}).status_code == 404


def test_headings_are_never_quoted_as_answers() -> None:
    paragraphs = [
        "Acme R2 handbook",
        "Warranty",
        "Every R2 comes with a 37-month warranty.",
        "Charging",
        "A charge takes 140 minutes.",
    ]
    text = "\n\n".join(paragraphs)
    reply = answer(build_query("How long is the warranty?", None), [Passage("Handbook", text)])
    assert reply == 'According to "Handbook": "Every R2 comes with a 37-month warranty."'


def test_answers_follow_document_changes(did_emulator: EmulatorServer, api: httpx.Client) -> None:
    """Retrieval indexes are cached per knowledge base and follow its documents: deleted ones are
    no longer quoted, added ones are once they are ready."""
    kb = create_kb(api)
    old = add_document(api, kb["id"], WARRANTY, title="Kettle manual")
    agent = create_agent(api, knowledge={"id": kb["id"]})
    url = f"/agents/{agent['id']}/chat/{_chat(api, agent['id'])}"

    def ask() -> str:
        reply = api.post(url, json={"messages": [user_message("How long is the warranty?")]})
        assert reply.status_code == 200, reply.text
        return str(reply.json()["result"])

    assert "two years" in ask()
    assert api.delete(f"/knowledge/{kb['id']}/documents/{doc_part(old['id'])}").status_code == 200
    assert ask() == NO_INFORMATION
    did_emulator.configure(document_ready_delay=0.3)
    add_document(api, kb["id"], "data:text/plain,The warranty lasts five years for registered kettles.")
    assert ask() == NO_INFORMATION  # not searched before it is done
    did_emulator.advance_clock(0.3)
    assert "five years" in ask()


def test_credentials_are_checked_before_the_body(did_emulator: EmulatorServer, api: httpx.Client) -> None:
    agent = create_agent(api)
    url = f"/agents/{agent['id']}/chat/{_chat(api, agent['id'])}"
    with client_for(did_emulator, "Basic nobody:wrong") as stranger:
        assert stranger.post(f"/agents/{agent['id']}/chat", json={"persist": "yes"}).status_code == 401
        assert stranger.post(url, json={"messages": "none"}).status_code == 401
    key = client_key(api, agent["id"], "https://shop.example")
    with browser(did_emulator, key) as page:  # from an origin the key does not allow
        assert page.post(url, json={"messages": "none"}).status_code == 403
    assert api.post(url, json={"messages": "none"}).status_code == 400


def _reference_bm25(query: dict[str, float], documents: list[str]) -> list[tuple[int, float]]:
    """The scoring as first written (one pass per document), against which the index is checked."""
    tokenized = [tokenize(d) for d in documents]
    if not documents or not query:
        return []
    n = len(tokenized)
    avgdl = sum(len(t) for t in tokenized) / n or 1.0
    df: Counter[str] = Counter()
    for toks in tokenized:
        df.update(set(toks))
    results = []
    for i, toks in enumerate(tokenized):
        tf = Counter(toks)
        score = 0.0
        for term, weight in query.items():
            freq = tf.get(term, 0)
            if freq:
                idf = math.log(1 + (n - df[term] + 0.5) / (df[term] + 0.5))
                score += weight * idf * freq * (K1 + 1) / (freq + K1 * (1 - B + B * len(toks) / avgdl))
        if score > 0:
            results.append((i, score))
    results.sort(key=lambda r: (-r[1], r[0]))
    return results


WORDS = st.sampled_from("warranty years two kettle descale water damage the is how long shipping".split())


@settings(max_examples=300, deadline=None)
@given(
    documents=st.lists(st.lists(WORDS, max_size=30).map(" ".join), max_size=8),
    query=st.dictionaries(WORDS, st.sampled_from([0.5, 1.0, 2.0]), max_size=4),
)
def test_the_bm25_index_scores_exactly_as_before(documents: list[str], query: dict[str, float]) -> None:
    index = Bm25Index(documents)
    ranked = [(s.index, s.score) for s in index.rank(query)]
    assert ranked == _reference_bm25(query, documents)
    assert [(s.index, s.score) for s in index.rank(query)] == ranked  # an index serves many queries
