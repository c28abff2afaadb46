"""Ingestion: real fetching (loopback HTTP, file://, data:), text extraction per type, chunking, failures."""

from __future__ import annotations

import base64
import re
import socket
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest

from did_agents_emulator.ingestion.chunk import chunk_text
from did_agents_emulator.ingestion.extract import ExtractError, extract_text, infer_type
from did_agents_emulator.ingestion.fetch import Fetched, FetchError, fetch, is_loopback_host
from did_agents_emulator.rag.ingest import parser_for

from .conftest import add_document, create_kb, doc_part, make_pdf

SENTENCE = "The warranty lasts two years from the date of purchase."


def _records(api: httpx.Client, kb_id: str, doc_id: str) -> tuple[dict[str, object], list[dict[str, object]]]:
    doc = api.get(f"/knowledge/{kb_id}/documents/{doc_part(doc_id)}").json()
    records = api.get(f"/knowledge/{kb_id}/documents/{doc_part(doc_id)}/records").json()
    return doc, records


@pytest.mark.parametrize(
    ("name", "content", "expected", "absent"),
    [
        ("faq.txt", f"Product FAQ\n\n{SENTENCE}\n".encode(), SENTENCE, None),
        (
            "faq.md",
            f"# Warranty\n\n**{SENTENCE}** See [the terms](https://x/terms).".encode(),
            SENTENCE,
            "**",
        ),
        (
            "faq.html",
            f"<html><head><style>p {{color: red}}</style><script>var secret=1;</script></head>"
            f"<body><h1>FAQ</h1><p>{SENTENCE}</p></body></html>".encode(),
            SENTENCE,
            "secret",
        ),
        ("faq.pdf", make_pdf(SENTENCE), SENTENCE, None),
    ],
    ids=["text", "markdown", "html", "pdf"],
)
def test_ingests_over_loopback_http(
    api: httpx.Client,
    file_server: tuple[str, Path],
    name: str,
    content: bytes,
    expected: str,
    absent: str | None,
) -> None:
    base, directory = file_server
    (directory / name).write_bytes(content)
    kb = create_kb(api)
    document_type = "pdf" if name.endswith(".pdf") else "text"  # text covers Markdown and HTML sources
    created = add_document(api, kb["id"], f"{base}/{name}", title=name, document_type=document_type)
    doc, records = _records(api, kb["id"], created["id"])
    assert doc["status"] == "done", doc
    assert doc["documentType"] == document_type
    text = " ".join(str(r["data"]) for r in records)
    assert expected in text
    if absent:
        assert absent not in text


def test_ingests_file_and_data_urls(api: httpx.Client, tmp_path: Path) -> None:
    path = tmp_path / "manual.pdf"
    path.write_bytes(make_pdf(SENTENCE))
    kb = create_kb(api)
    from_file = add_document(api, kb["id"], path.as_uri(), title="file", document_type="pdf")
    from_data = add_document(api, kb["id"], "data:text/html;base64,PHA+SGVsbG8gd29ybGQ8L3A+", title="data")
    assert _records(api, kb["id"], from_file["id"])[1][0]["data"] == SENTENCE
    doc, records = _records(api, kb["id"], from_data["id"])
    assert doc["documentType"] == "text" and records[0]["data"] == "Hello world"  # read as HTML


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.parametrize(
    ("url_factory", "reason"),
    [
        (lambda base, d: f"http://127.0.0.1:{_closed_port()}/doc.txt", "fetch failed"),
        (lambda base, d: "https://docs.example.com/manual.pdf", "not a loopback"),
        (lambda base, d: "http://10.0.0.1/doc.txt", "not a loopback"),
        (lambda base, d: f"{base}/missing.txt", "HTTP 404"),
        (lambda base, d: f"{base}/garbage.pdf", "unparseable PDF"),
        (lambda base, d: f"{base}/empty.txt", "empty text"),
        (lambda base, d: (d / "nope.txt").as_uri(), "fetch failed"),
        (lambda base, d: "ftp://127.0.0.1/doc.txt", "unsupported URL scheme"),
    ],
    ids=["refused", "remote-host", "private-ip", "http-404", "garbage-pdf", "empty", "missing-file", "ftp"],
)
def test_ingestion_errors(
    api: httpx.Client, file_server: tuple[str, Path], url_factory: object, reason: str
) -> None:
    base, directory = file_server
    (directory / "garbage.pdf").write_bytes(b"%PDF-1.4\nthis is not really a pdf\x00\x01")
    (directory / "empty.txt").write_bytes(b"   \n")
    assert callable(url_factory)
    kb = create_kb(api)
    created = add_document(api, kb["id"], url_factory(base, directory))
    doc, records = _records(api, kb["id"], created["id"])
    assert doc["status"] == "error" and reason in str(doc["error"]), doc
    assert records == []


def test_text_documents_are_read_by_their_source() -> None:
    assert [
        parser_for("text", u) for u in ("https://x/a.md", "https://x/a.html", "data:text/csv,a", "x")
    ] == [
        "markdown",
        "html",
        "csv",
        "text",
    ]
    assert parser_for("pdf", "https://x/a.txt") == "pdf" and infer_type("https://x/a.pdf") == "pdf"


def test_garbage_declared_as_pdf_is_an_error() -> None:
    with pytest.raises(ExtractError, match="unparseable PDF"):
        extract_text(b"hello", document_type="pdf", content_type=None)


def test_loopback_hosts() -> None:
    for host in ("localhost", "127.0.0.1", "127.5.6.7", "::1", "[::1]"):
        assert is_loopback_host(host)
    for other in ("example.com", "10.0.0.1", "0.0.0.0", None, ""):  # noqa: S104 - a string, not a bind
        assert not is_loopback_host(other)


def test_chunks_overlap_and_cover_all_words() -> None:
    words = [f"w{i}" for i in range(200)]
    chunks = chunk_text(" ".join(words), window=80, overlap=20)
    assert [c.start_index for c in chunks] == [0, 60, 120]
    assert chunks[0].text.split()[-20:] == chunks[1].text.split()[:20]
    assert chunks[-1].text.split()[-1] == "w199"
    assert chunk_text("") == []


def test_markdown_headings_and_marks_become_plain_paragraphs() -> None:
    source = b"# Handbook\n\n## Warranty\nThe **R2** has a *37-month* warranty.\n- `brushes`: rinse them\n"
    text = extract_text(source, document_type="markdown", content_type=None)
    paragraphs = [p.strip() for p in text.split("\n\n")]
    assert paragraphs[:2] == ["Handbook", "Warranty"]
    assert "The R2 has a 37-month warranty." in text
    assert "brushes: rinse them" in text
    assert not any(mark in text for mark in ("#", "*", "`"))


def test_chunks_keep_line_breaks() -> None:
    chunks = chunk_text("Warranty\n\nThe R2 has a 37-month warranty.\nIt starts on delivery.")
    assert chunks[0].text == "Warranty\n\nThe R2 has a 37-month warranty.\nIt starts on delivery."


# data: URLs (an emulator extension), read by the WHATWG Fetch "data: URL processor".
MARKER = "#pulumi=abc123def456"  # the provider's ownership marker rides in the fragment


def _unpadded_b64(content: bytes) -> str:
    return base64.b64encode(content).decode().rstrip("=")


def test_data_url_unpadded_base64_with_marker_ingests_the_exact_bytes(api: httpx.Client) -> None:
    text = "Ünïcode warranty: two years.\nRefunds: thirty days."
    encoded = _unpadded_b64(text.encode())
    assert len(encoded) % 4 != 0  # really unpadded
    for url in (f"data:text/plain;base64,{encoded}{MARKER}", f"data:;base64,{encoded}#x&pulumi=abc123def456"):
        assert fetch(url).content == text.encode()
        kb = create_kb(api)
        doc, records = _records(api, kb["id"], add_document(api, kb["id"], url)["id"])
        assert doc["status"] == "done" and doc["source_url"] == url, doc
        assert [r["data"] for r in records] == [text]
    binary = bytes(range(256))
    assert fetch(f"data:application/octet-stream;base64,{_unpadded_b64(binary)}{MARKER}").content == binary


def test_data_url_percent_encoded_with_marker_yields_only_the_decoded_text(api: httpx.Client) -> None:
    text = "Returns: 30 days, 100% refund & free shipping? Yes #1 café."
    url = "data:text/plain;charset=utf-8," + quote(text, safe="") + "#x&pulumi=abc123def456"
    assert fetch(url).content == text.encode()
    kb = create_kb(api)
    doc, records = _records(api, kb["id"], add_document(api, kb["id"], url)["id"])
    assert doc["status"] == "done", doc
    assert [r["data"] for r in records] == [text]  # the marker is in source_url only
    assert records[0]["source_url"] == url


@pytest.mark.parametrize(
    ("url", "content", "content_type"),
    [
        ("data:,Hello%2C%20World%21", b"Hello, World!", "text/plain;charset=US-ASCII"),
        ("data:,a?b=c#d", b"a?b=c", "text/plain;charset=US-ASCII"),  # a query is body, a fragment not
        ("DATA:TEXT/HTML;BASE64,PHA+aGk8L3A+", b"<p>hi</p>", "TEXT/HTML"),
        ("data:text/plain;charset=utf-8;base64 ,aGk=", b"hi", "text/plain;charset=utf-8"),  # ";base64" only
        ("data:;base64, aG k\t=\n", b"hi", "text/plain;charset=US-ASCII"),  # whitespace, padding
        ("data:;base64,aGk", b"hi", "text/plain;charset=US-ASCII"),  # unpadded
        ("data:;base64,aG%6B=", b"hi", "text/plain;charset=US-ASCII"),  # percent-decoded first
        ("data:;base64,YR==", b"a", "text/plain;charset=US-ASCII"),  # leftover bits discarded
        ("data:text/csv,%FF%zz", b"\xff%zz", "text/csv"),  # percent-decoding is byte-wise, lenient
        ("  data:,a\tb\nc  ", b"abc", "text/plain;charset=US-ASCII"),  # URL-parser whitespace rules
        ("data:;charset=utf-8,x", b"x", "text/plain;charset=utf-8"),
        ("data:text/plain;base64,", b"", "text/plain"),
    ],
)
def test_data_url_processor(url: str, content: bytes, content_type: str) -> None:
    assert fetch(url) == Fetched(content, content_type)


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("data:;base64,aGk*", "'*' is not a base64 character"),
        ("data:;base64,aGk-", "'-' is not a base64 character"),  # base64url is not base64
        ("data:;base64,aGVsb", "5 base64 characters"),  # 4n+1: no padding makes it whole
        ("data:;base64,aGk==", "5 base64 characters"),  # too much padding
        ("data:;base64,aG=k", "'=' is not a base64 character"),  # padding inside
        ("data:;base64,aGk%3D%3D%3D", "'=' is not a base64 character"),
        ("data:text/plain;base64", "no ','"),
    ],
)
def test_bad_data_urls_fail(url: str, reason: str) -> None:
    with pytest.raises(FetchError, match=re.escape(reason)):
        fetch(url)


def test_bad_base64_is_a_document_error(api: httpx.Client) -> None:
    """Recorded choice: a bad data: URL is accepted (200) and the document ends in ``error``."""
    kb = create_kb(api)
    created = add_document(api, kb["id"], f"data:text/plain;base64,aGVsbG8*{MARKER}")
    assert created["status"] == "created"
    doc, records = _records(api, kb["id"], created["id"])
    assert doc["status"] == "error" and records == []
    assert doc["error"] == "fetch failed: data URL is not valid base64 ('*' is not a base64 character)"
