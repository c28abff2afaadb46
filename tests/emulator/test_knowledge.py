"""Knowledge bases and documents: CRUD, limits, id forms, status lifecycle, records, query."""

from __future__ import annotations

from urllib.parse import quote

import httpx

from did_agents_emulator.testing import EmulatorServer

from .conftest import add_document, create_kb, doc_part

TEXT = "data:text/plain,The%20warranty%20lasts%20two%20years%20from%20the%20date%20of%20purchase."


def test_knowledge_crud(api: httpx.Client) -> None:
    kb = create_kb(api, "Manuals")
    assert kb["id"].startswith("knl_") and kb["type"] == "knowledge"
    assert kb["status"] == "" and kb["name"] == "Manuals" and kb["description"] == "Manuals knowledge"
    assert kb["vector_store"] == "pinecone"  # the SDK's KnowledgeData
    assert {"owner_id", "created_by", "created_at", "modified_at"} <= set(kb)
    assert api.get("/knowledge").json() == [kb]
    assert api.get(f"/knowledge/{kb['id']}").json() == kb
    patched = api.patch(f"/knowledge/{kb['id']}", json={"description": "New"}).json()
    assert patched["name"] == "Manuals" and patched["description"] == "New"
    deleted = api.delete(f"/knowledge/{kb['id']}")
    assert deleted.status_code == 200 and deleted.json() == {"knowledge": True, "deletedDocuments": []}
    assert api.get(f"/knowledge/{kb['id']}").status_code == 404


def test_document_crud_and_id_forms(api: httpx.Client) -> None:
    kb = create_kb(api)
    doc = add_document(api, kb["id"], TEXT, title="Warranty", documentType="text")
    assert doc["id"].startswith(kb["id"] + "#doc_")
    assert doc["type"] == "document" and doc["status"] == "created" and doc["documentType"] == "text"
    assert doc["source_url"] == TEXT and doc["title"] == "Warranty" and "parsed_url" in doc
    by_part = api.get(f"/knowledge/{kb['id']}/documents/{doc_part(doc['id'])}")
    by_full = api.get(f"/knowledge/{kb['id']}/documents/{quote(doc['id'], safe='')}")
    assert by_part.status_code == by_full.status_code == 200
    assert by_part.json() == by_full.json() and by_part.json()["status"] == "done"
    assert [d["id"] for d in api.get(f"/knowledge/{kb['id']}/documents").json()] == [doc["id"]]
    other = create_kb(api, "Other")
    assert api.get(f"/knowledge/{other['id']}/documents/{doc_part(doc['id'])}").status_code == 404
    deleted = api.delete(f"/knowledge/{kb['id']}/documents/{quote(doc['id'], safe='')}")
    assert deleted.status_code == 200
    assert deleted.json() == [{"s3": True, "embeddings": True, "document": True, "id": doc["id"]}]
    missing = api.get(f"/knowledge/{kb['id']}/documents/{doc_part(doc['id'])}")
    assert missing.status_code == 404 and missing.json()["description"] == "Document not found"


def test_raw_hash_in_a_document_path_never_reaches_the_server(api: httpx.Client) -> None:
    """A client cuts a URL at a raw ``#`` (it starts the fragment): ``…/documents/knl_x#doc_y``
    arrives as ``…/documents/knl_x``, so it finds nothing and deletes nothing."""
    kb = create_kb(api)
    doc = add_document(api, kb["id"], TEXT)
    raw = f"/knowledge/{kb['id']}/documents/{doc['id']}"
    for call in (api.get, api.delete):
        r = call(raw)
        assert r.status_code == 404 and r.json() == {"kind": "NotFound", "description": "Document not found"}
    assert api.get(f"/knowledge/{kb['id']}/documents/{quote(doc['id'], safe='')}").status_code == 200


def test_sixth_document_is_rejected(api: httpx.Client) -> None:
    kb = create_kb(api)
    for i in range(5):
        add_document(api, kb["id"], f"data:,document%20{i}", title=f"D{i}")
    r = api.post(
        f"/knowledge/{kb['id']}/documents",
        json={"documentType": "text", "source_url": "data:,six", "title": "D6"},
    )
    assert r.status_code == 400
    assert r.json() == {
        "kind": "BadRequest",
        "description": "Knowledge has reached the maximum of 5 documents",
    }
    assert len(api.get(f"/knowledge/{kb['id']}/documents").json()) == 5


def test_status_lifecycle_with_delay(did_emulator: EmulatorServer, api: httpx.Client) -> None:
    did_emulator.configure(document_ready_delay=0.4)
    kb = create_kb(api)
    good = add_document(api, kb["id"], TEXT)
    assert api.get(f"/knowledge/{kb['id']}").json()["status"] == "processing"
    assert api.get(f"/knowledge/{kb['id']}/documents/{doc_part(good['id'])}").json()["status"] == "created"
    did_emulator.advance_clock(0.4)
    assert api.get(f"/knowledge/{kb['id']}/documents/{doc_part(good['id'])}").json()["status"] == "done"
    assert api.get(f"/knowledge/{kb['id']}").json()["status"] == "done"
    did_emulator.configure(document_ready_delay=0)
    bad = add_document(api, kb["id"], "https://example.com/doc.txt")
    assert bad["status"] == "created"  # the create answer precedes processing
    failed = api.get(f"/knowledge/{kb['id']}/documents/{doc_part(bad['id'])}").json()
    assert failed["status"] == "error" and "loopback" in failed["error"]
    assert api.get(f"/knowledge/{kb['id']}").json()["status"] == "error"


def test_deleting_knowledge_deletes_documents(api: httpx.Client) -> None:
    kb = create_kb(api)
    docs = [add_document(api, kb["id"], TEXT, title=f"D{i}")["id"] for i in range(2)]
    r = api.delete(f"/knowledge/{kb['id']}")
    assert r.json() == {"knowledge": True, "deletedDocuments": docs}
    assert api.get(f"/knowledge/{kb['id']}/documents").status_code == 404
    assert api.get(f"/knowledge/{kb['id']}/documents/{doc_part(docs[0])}").status_code == 404


def test_records_and_query(api: httpx.Client) -> None:
    kb = create_kb(api)
    doc = add_document(api, kb["id"], TEXT, title="Warranty")
    records = api.get(f"/knowledge/{kb['id']}/documents/{doc_part(doc['id'])}/records").json()
    assert len(records) == 1 and records[0]["type"] == "record"
    assert records[0]["data"] == "The warranty lasts two years from the date of purchase."
    assert records[0]["start_index"] == 0 and records[0]["title"] == "Warranty"
    result = api.post(f"/knowledge/{kb['id']}/query", json={"query": "warranty length"}).json()
    assert result["documentIds"] == [doc["id"]]
    assert result["matches"][0]["id"] == records[0]["id"]
    assert "two years" in result["result"]
    none = api.post(f"/knowledge/{kb['id']}/query", json={"query": "refund policy"}).json()
    assert none["matches"] == [] and none["documentIds"] == []


def test_document_validation(api: httpx.Client) -> None:
    kb = create_kb(api)
    url = f"/knowledge/{kb['id']}/documents"
    r = api.post(url, json={"title": "t", "source_url": "data:,x"})
    assert r.status_code == 400 and r.json()["description"] == "documentType: Field required"
    r = api.post(url, json={"documentType": "text", "title": "t"})
    assert r.status_code == 400 and r.json()["description"].startswith("source_url:")
    for unsupported in ("x", "html", "markdown"):  # the create enum is pdf | text | powerpoint
        r = api.post(url, json={"title": "t", "source_url": "data:,x", "documentType": unsupported})
        assert r.status_code == 400 and r.json()["description"].startswith("documentType:")
    slides = add_document(api, kb["id"], "data:,slides", document_type="powerpoint")
    got = api.get(f"{url}/{doc_part(slides['id'])}").json()
    assert got["documentType"] == "powerpoint" and got["status"] == "error"
    assert "cannot be parsed by the emulator" in got["error"]


def test_default_document_delay(did_emulator: EmulatorServer, api: httpx.Client) -> None:
    did_emulator.restore_config()  # documents 0.5 s
    kb = create_kb(api)
    doc = add_document(api, kb["id"], TEXT)
    url = f"/knowledge/{kb['id']}/documents/{doc_part(doc['id'])}"
    assert api.get(url).json()["status"] == "created"
    assert api.get(f"/knowledge/{kb['id']}/documents/{doc_part(doc['id'])}/records").json() == []
    did_emulator.advance_clock(0.49)
    assert api.get(url).json()["status"] == "created"
    did_emulator.advance_clock(0.02)
    assert (
        api.get(url).json()["status"] == "done"
        and api.get(f"/knowledge/{kb['id']}").json()["status"] == "done"
    )
