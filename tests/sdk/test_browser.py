"""D-ID's client SDK, unmodified, in Chromium, against the emulator: the customer flow end to end.

The page (tests/sdk/page) loads a pinned SDK build from node_modules and talks to the emulator with a
client key in ``ChatMode.TextOnly``: no WebRTC stream, no notifications socket. Python drives the page
like a visitor (type, click) and checks what the SDK reported, which calls it made, and what the
emulator stored.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import httpx
import pytest

from did_agents_emulator.testing import EmulatorServer

from .site import StaticSite
from .world import (
    AGENT_NAME,
    HANDBOOK_TITLE,
    STARTERS,
    TURNS,
    GroundedAgent,
    api_client,
    create_client_key,
    create_grounded_agent,
    expect_json,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Request

SDK_VERSIONS = ["2.0.10", "1.2.10"]
TIMEOUT_MS = 15_000
FEEDBACK = (5, "Quick and to the point")
# How createAgentManager reads the agent: 2.x the trimmed runtime view, 1.x the full agent.
AGENT_CALL = {"2.0.10": "/agents/{agent_id}/runtime", "1.2.10": "/agents/{agent_id}"}


@dataclass
class Tab:
    """A page plus what it did: API calls (method, path) and uncaught script errors."""

    page: Page
    api_calls: list[tuple[str, str]] = field(default_factory=list)
    hosts: set[str] = field(default_factory=set)
    script_errors: list[str] = field(default_factory=list)

    def events(self, kind: str | None = None) -> list[dict[str, Any]]:
        """What app.js recorded from the SDK (callbacks, results, failures)."""
        recorded: list[dict[str, Any]] = self.page.evaluate("window.sdkEvents")
        return [e for e in recorded if kind is None or e["type"] == kind]

    def wait_for_event(self, kind: str, count: int) -> dict[str, Any]:
        """The ``count``-th event of ``kind``; fails with the SDK's error if an action failed first."""
        self.page.wait_for_function(
            """([kind, count]) => window.sdkEvents.filter((e) => e.type === kind).length >= count
                || window.sdkEvents.some((e) => e.type === 'actionFailed')""",
            arg=[kind, count],
        )
        failures = self.events("actionFailed")
        assert not failures, f"the SDK failed: {failures}"
        return self.events(kind)[count - 1]


@pytest.fixture
def api(did_emulator: EmulatorServer) -> Iterator[httpx.Client]:
    with api_client(did_emulator) as client:
        yield client


@pytest.fixture
def agent(api: httpx.Client, site: StaticSite) -> GroundedAgent:
    """The handbook agent; its document is fetched from the customer's site over loopback HTTP."""
    return create_grounded_agent(api, f"{site.origin()}/docs/rider-handbook.md")


@pytest.fixture
def tab(chromium: Browser, did_emulator: EmulatorServer) -> Iterator[Tab]:
    context = chromium.new_context()
    context.set_default_timeout(TIMEOUT_MS)
    tab = Tab(context.new_page())
    api_host = urlsplit(did_emulator.url).netloc

    def on_request(request: Request) -> None:
        url = urlsplit(request.url)
        tab.hosts.add(url.hostname or url.scheme)
        if url.netloc == api_host:
            tab.api_calls.append((request.method, url.path))

    tab.page.on("request", on_request)
    tab.page.on("pageerror", lambda error: tab.script_errors.append(str(error)))
    yield tab
    context.close()


def open_page(tab: Tab, site: StaticSite, emulator: EmulatorServer, *, host: str, **params: str) -> None:
    tab.page.goto(site.page_url(host=host, baseURL=emulator.url, **params))
    tab.page.wait_for_function("document.getElementById('status').dataset.state !== 'loading'")


def ask(tab: Tab, question: str, turn: int) -> dict[str, Any]:
    tab.page.get_by_label("Your question").fill(question)
    tab.page.get_by_role("button", name="Ask").click()
    answered = tab.wait_for_event("answered", turn)
    assert answered["question"] == question
    return answered


@pytest.mark.parametrize("version", SDK_VERSIONS)
def test_grounded_text_chat_with_rating_and_feedback(
    version: str,
    tab: Tab,
    site: StaticSite,
    did_emulator: EmulatorServer,
    api: httpx.Client,
    agent: GroundedAgent,
) -> None:
    """Load the agent with a client key from an allowed origin, two grounded turns, rate, feedback."""
    client_key = create_client_key(api, agent.agent_id, [site.origin()])
    open_page(
        tab, site, did_emulator, host="127.0.0.1", sdk=version, agentId=agent.agent_id, clientKey=client_key
    )

    assert tab.events("sdkLoaded") == [{"type": "sdkLoaded", "version": version}]
    loaded = tab.events("agentLoaded")
    assert loaded, f"createAgentManager failed: {tab.events()}"
    assert loaded[0]["agent"]["id"] == agent.agent_id
    assert loaded[0]["agent"]["knowledge"]["id"] == agent.knowledge_id
    if version == "2.0.10":  # the runtime view; 1.x reads starters from knowledge.starter_message
        assert loaded[0]["agent"]["avatar"]["type"] == "clip"
        assert loaded[0]["agent"]["name"] == AGENT_NAME
        assert loaded[0]["starterMessages"] == STARTERS
    else:
        assert loaded[0]["agent"]["presenter"]["type"] == "clip"

    answers = [ask(tab, question, turn)["response"] for turn, (question, _) in enumerate(TURNS, start=1)]
    for response, (_, sentence) in zip(answers, TURNS, strict=True):
        assert sentence in response["result"]
        assert HANDBOOK_TITLE in response["result"]  # the answer names the document it quotes
        assert response["matches"], response
        assert {m["document_id"] for m in response["matches"]} == {agent.document_id}
        assert {m["title"] for m in response["matches"]} == {HANDBOOK_TITLE}
    [chat_id] = [e["chatId"] for e in tab.events("newChat")]

    transcript = tab.page.locator("#transcript > li")
    assert [transcript.nth(i).get_attribute("data-role") for i in range(transcript.count())] == [
        "user",
        "assistant",
    ] * 2
    second_answer = transcript.nth(3)
    assert second_answer.locator("li[data-document-id]").first.text_content() == HANDBOOK_TITLE
    message_id = second_answer.get_attribute("data-message-id")
    assert message_id

    second_answer.get_by_role("button", name="Helpful", exact=True).click()
    created = tab.wait_for_event("rated", 1)["rating"]
    second_answer.get_by_role("button", name="Not helpful").click()
    updated = tab.wait_for_event("rated", 2)["rating"]
    expected_matches = [[m["document_id"], m["id"]] for m in answers[1]["matches"]]
    for rating, score in ((created, 1), (updated, -1)):
        assert rating["score"] == score
        assert rating["message_id"] == message_id
        assert rating["matches"] == expected_matches
        assert rating["knowledge_id"] == agent.knowledge_id
        assert rating["chat_id"] == chat_id
    assert updated["id"] == created["id"]

    tab.page.get_by_label("How was this chat").fill(str(FEEDBACK[0]))
    tab.page.get_by_label("Anything to add?").fill(FEEDBACK[1])
    tab.page.get_by_role("button", name="Send feedback").click()
    feedback = tab.wait_for_event("feedbackSent", 1)["response"]
    assert (feedback["chat_id"], feedback["rating"]) == (chat_id, FEEDBACK[0])
    assert feedback["submitted_at"]

    assert tab.events("error") == []
    assert tab.events("modeChange") == []  # TextOnly stayed TextOnly
    assert tab.script_errors == []
    assert tab.hosts == {"127.0.0.1"}, "the SDK must reach nothing but the page and baseURL"
    chat_path = f"/agents/{agent.agent_id}/chat/{chat_id}"
    assert tab.api_calls == [
        ("GET", AGENT_CALL[version].format(agent_id=agent.agent_id)),
        ("POST", f"/agents/{agent.agent_id}/chat"),
        ("POST", chat_path),
        ("POST", chat_path),
        ("POST", f"{chat_path}/ratings"),
        ("PATCH", f"{chat_path}/ratings/{created['id']}"),
        ("POST", f"{chat_path}/feedback"),
    ]

    # The emulator's side, through the API with the account's key.
    chat = expect_json(api.get(f"/agents/{agent.agent_id}/chat/{chat_id}"), 200)
    assert chat["persist"] is True  # persistentChat: true
    assert [(m["role"], m["content"]) for m in chat["messages"]] == [
        ("user", TURNS[0][0]),
        ("assistant", answers[0]["result"]),
        ("user", TURNS[1][0]),
        ("assistant", answers[1]["result"]),
    ]
    # The API has no GET for a rating: PATCH the score alone, and the answer must carry what the
    # SDK stored with it (message, matches, knowledge base).
    stored = expect_json(api.patch(f"{chat_path}/ratings/{created['id']}", json={"score": -1}), 200)
    assert {k: stored[k] for k in ("id", "message_id", "matches", "knowledge_id", "score")} == {
        "id": created["id"],
        "message_id": message_id,
        "matches": expected_matches,
        "knowledge_id": agent.knowledge_id,
        "score": -1,
    }


@pytest.mark.parametrize("version", SDK_VERSIONS)
def test_client_key_refused_from_an_origin_it_does_not_allow(
    version: str,
    tab: Tab,
    site: StaticSite,
    did_emulator: EmulatorServer,
    api: httpx.Client,
    agent: GroundedAgent,
) -> None:
    """The key allows http://127.0.0.1:PORT; the same page served as http://localhost:PORT is refused.

    The refusal must be readable by the page (CORS headers on the 403), so the SDK reports D-ID's
    ``{kind, description}`` rather than an opaque ``NetworkError``.
    """
    client_key = create_client_key(api, agent.agent_id, [site.origin("127.0.0.1")])
    open_page(
        tab, site, did_emulator, host="localhost", sdk=version, agentId=agent.agent_id, clientKey=client_key
    )

    refusal = {"kind": "PermissionError", "status": 403}
    [failed] = tab.events("loadFailed")  # createAgentManager rejected
    assert {k: failed[k] for k in refusal} == refusal, failed
    assert failed["message"].startswith("user has no permission"), failed
    [reported] = tab.events("error")  # and onError was called once, for the agent call
    assert {k: reported[k] for k in refusal} == refusal, reported
    assert reported["url"] == AGENT_CALL[version].removeprefix("/agents").format(agent_id=agent.agent_id)
    assert tab.page.locator("#status").get_attribute("data-state") == "failed"
    assert tab.api_calls == [("GET", AGENT_CALL[version].format(agent_id=agent.agent_id))]
    assert tab.script_errors == []
