"""Paths as clients write them: trailing slashes (SDK 1.2.10) without redirects, document id forms;
and the one shape of every route behind them."""

from __future__ import annotations

from typing import get_args, get_origin
from urllib.parse import quote

import httpx
from fastapi.routing import APIRoute

from did_agents_emulator.app import create_app
from did_agents_emulator.auth import any_caller, api_caller, get_ctx
from did_agents_emulator.settings import Settings

from .conftest import TALK, add_document, create_agent, create_kb, doc_part

FILE_ROUTES = {"/_emulator/exports/{export_id}"}  # a stored file, sent as it is


def test_trailing_slashes_answer_without_redirects(api: httpx.Client) -> None:
    created = api.post("/agents/", json={"presenter": TALK, "preview_name": "Slash"})  # SDK 1.2.10 create
    assert created.status_code == 200 and "location" not in created.headers
    agent_id = created.json()["id"]
    listed = api.get("/agents/", params={"tag": "support"})  # getAgents(tag)
    assert listed.status_code == 200 and [a["id"] for a in listed.json()] == [agent_id]
    assert api.get(f"/agents/{agent_id}/").json()["id"] == agent_id
    assert api.patch(f"/agents/{agent_id}/", json={"preview_name": "S"}).json()["preview_name"] == "S"
    kb = api.post("/knowledge/", json={"name": "n", "description": "d"})
    assert kb.status_code == 200
    assert [k["id"] for k in api.get("/knowledge/").json()] == [kb.json()["id"]]
    doc = api.post(
        f"/knowledge/{kb.json()['id']}/documents/",
        json={"documentType": "text", "source_url": "data:,hello", "title": "t"},
    )
    assert doc.status_code == 200
    assert api.get(f"/knowledge/{kb.json()['id']}/documents/{doc_part(doc.json()['id'])}/").status_code == 200
    assert api.delete(f"/agents/{agent_id}/").status_code == 200
    assert api.get(f"/agents/{agent_id}/").status_code == 404


def test_unknown_paths_stay_404_with_or_without_slash(api: httpx.Client) -> None:
    for path in ("/no/such/route", "/no/such/route/", "//"):
        r = api.get(path)
        assert r.status_code == 404 and r.json()["kind"] == "NotFound", path


def test_document_id_forms(api: httpx.Client) -> None:
    kb = create_kb(api)
    doc = add_document(api, kb["id"], "data:,The%20warranty%20lasts%20two%20years.")
    base = f"/knowledge/{kb['id']}/documents"
    by_part = api.get(f"{base}/{doc_part(doc['id'])}")
    by_encoded = api.get(f"{base}/{quote(doc['id'], safe='')}")  # knl_…%23doc_…
    assert by_part.status_code == by_encoded.status_code == 200
    assert by_part.json()["id"] == by_encoded.json()["id"] == doc["id"]
    other = create_kb(api, "Other")
    wrong_kb = api.get(f"{base}/{quote(other['id'] + '#' + doc_part(doc['id']), safe='')}")
    assert wrong_kb.status_code == 404
    records = api.get(f"{base}/{quote(doc['id'], safe='')}/records")
    assert records.status_code == 200 and len(records.json()) == 1
    agent = create_agent(api)
    assert api.get(f"/agents/{agent['id']}/").status_code == 200


def test_every_route_has_the_one_shape() -> None:
    """As ``routes/__init__.py`` describes: one dependency that says who may call, and a response
    model of ``responses`` (the runtime config is its own dataclass); a 204 or a file has none."""
    routes = [r for r in create_app(Settings(api_keys=("k:s",))).routes if isinstance(r, APIRoute)]
    assert len(routes) > 50
    for route in routes:
        calls = [d.call for d in route.dependant.dependencies]
        admin = route.path.startswith("/_emulator")
        assert calls in (([get_ctx], []) if admin else ([api_caller], [any_caller])), route.path
        model = route.response_model
        if route.status_code == 204 or route.path in FILE_ROUTES:
            assert model is None, route.path
            continue
        model = get_args(model)[0] if get_origin(model) is list else model
        assert getattr(model, "__module__", "") in (
            "did_agents_emulator.responses",
            "did_agents_emulator.settings",
        ), (route.path, model)
