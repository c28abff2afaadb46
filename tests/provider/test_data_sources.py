"""``data:`` document sources are decoded at preview as the URL standard says, and refused naming
the field when they cannot be (no API call: the session has no key)."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from pulumi_did_agents.core import DocumentCore
from pulumi_did_agents.core.knowledge import DataURLError, decode_data_url, forgiving_base64_decode

from .conftest import EMULATOR


def doc(source_url: str) -> dict[str, Any]:
    return {"knowledge_id": "knl_1", "source_url": source_url, "title": "Guide"}


def failures(source_url: str) -> list[str]:
    return [str(f) for f in DocumentCore(EMULATOR).check({}, doc(source_url)).failures]


HELLO = base64.b64encode(b"Returns within 30 days.\n").decode()  # "...Cg==": two padding characters


@pytest.mark.parametrize(
    ("url", "body"),
    [
        ("data:text/plain,hello", b"hello"),
        ("data:,hello%20there", b"hello there"),
        ("data:text/plain,caf%C3%A9", "café".encode()),
        ("data:text/plain,50%25%zz", b"50%%zz"),  # a % not followed by two hex digits stays
        (f"data:text/plain;base64,{HELLO}", b"Returns within 30 days.\n"),
        (f"data:text/plain;base64,{HELLO.rstrip('=')}", b"Returns within 30 days.\n"),  # no padding
        ("data:text/plain;base64,aGVs%20bG8%3D", b"hello"),  # percent-decoded first, whitespace ignored
        ("data:text/plain;base64,aGVs%0AbG8", b"hello"),  # an encoded newline is whitespace too
        ("DATA:text/plain;BASE64,aGVsbG8", b"hello"),  # scheme and ;base64 are case-insensitive
        ("data:text/plain,hello#not-content", b"hello"),
        ("data:text/plain;base64,aGVsbG8#%%%", b"hello"),  # the fragment is never decoded
        ("data:text/plain;base64,", b""),
    ],
)
def test_data_urls_decode_as_the_url_standard_says(url: str, body: bytes) -> None:
    assert decode_data_url(url).body == body
    assert failures(url) == []


def test_the_url_parser_drops_tabs_and_newlines_anywhere() -> None:
    assert decode_data_url("data:text/plain;base64,aGVs\nbG8\t").body == b"hello"
    assert decode_data_url(" data:text/plain,he\r\nllo ").body == b"hello"


def test_media_type_defaults_and_base64_suffix() -> None:
    assert decode_data_url("data:,x").mime_type == "text/plain;charset=US-ASCII"
    assert decode_data_url("data:;charset=utf-8,x").mime_type == "text/plain;charset=utf-8"
    assert decode_data_url("data:text/markdown ;base64,eA").mime_type == "text/markdown"
    assert decode_data_url("data:text/plain; BASE64,aGVsbG8").body == b"hello"  # ";  base64" too
    assert decode_data_url("data:application/pdf;base64,eA").mime_type == "application/pdf"


@pytest.mark.parametrize(
    "url",
    [
        "data:text/plain;base64,aGVsbG8*",  # a character outside the alphabet
        "data:text/plain;base64,aGVsbG8-_",  # the URL-safe alphabet is not base64
        "data:text/plain;base64,a",  # impossible length (4n+1)
        "data:text/plain;base64,aGVsb",  # impossible length once unpadded
        "data:text/plain;base64,aGVsbG8==",  # padding that makes the length wrong
        "data:text/plain;base64,aG=Vs",  # padding in the middle
        "data:text/plain;base64,aGVs%FFbG8",  # a percent-encoded byte outside the alphabet
    ],
)
def test_invalid_base64_fails_the_check_naming_the_field(url: str) -> None:
    with pytest.raises(DataURLError, match="not valid base64"):
        decode_data_url(url)
    assert failures(url) == ["source_url: data: URL is not valid base64"]


def test_a_data_url_without_a_comma_fails_the_check() -> None:
    assert failures("data:text/plain;base64") == [
        "source_url: data: URL has no comma between its media type and its content"
    ]


def test_a_data_url_without_base64_is_not_base64_decoded() -> None:
    """Only a ``;base64`` media type decodes: ``*`` in a plain body is just a character."""
    assert decode_data_url("data:text/plain,aGVsbG8*").body == b"aGVsbG8*"
    assert decode_data_url("data:text/base64,aGVsbG8").body == b"aGVsbG8"


@pytest.mark.parametrize(
    ("encoded", "decoded"),
    [
        ("", b""),
        ("YQ", b"a"),
        ("YQ==", b"a"),
        ("YWI", b"ab"),
        ("YWI=", b"ab"),
        (" Y W I = \t\n", b"ab"),
        ("YR", b"a"),  # leftover bits are discarded, not an error
    ],
)
def test_forgiving_base64(encoded: str, decoded: bytes) -> None:
    assert forgiving_base64_decode(encoded) == decoded


@pytest.mark.parametrize("encoded", ["Y", "YQ=", "YQ===", "Y===", "YQ=a", "=YQ", "YWJj=", "Y Q = "])
def test_forgiving_base64_failures(encoded: str) -> None:
    with pytest.raises(ValueError):
        forgiving_base64_decode(encoded)


def test_a_data_source_has_no_content_hash_so_the_fragment_never_matters() -> None:
    """The URL is the content: no hash is derived (state from earlier versions has none either),
    and two URLs differing only in their fragment decode to the same bytes."""
    first = DocumentCore(EMULATOR).check({}, doc("data:text/plain,hello#a")).inputs
    second = DocumentCore(EMULATOR).check({}, doc("data:text/plain,hello#b")).inputs
    assert "content_hash" not in first and "content_hash" not in second
    assert decode_data_url(first["source_url"]) == decode_data_url(second["source_url"])
