"""DirectoryUploader: content-addressed copies, file:// or web server URLs."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from pulumi_did_agents.uploaders import (
    DirectoryUploader,
    Uploader,
    UploaderError,
    content_key,
    guess_content_type,
)


def test_copies_once_per_content(tmp_path: Path) -> None:
    source = tmp_path / "notes" / "FAQ (v2).md"
    source.parent.mkdir()
    source.write_text("# FAQ\n", encoding="utf-8")
    digest = hashlib.sha256(b"# FAQ\n").hexdigest()
    site = tmp_path / "site"
    uploader = DirectoryUploader(site, prefix="kb")
    assert isinstance(uploader, Uploader)
    url = uploader.publish(source)
    target = site / "kb" / digest / "FAQ-v2-.md"
    assert url == target.resolve().as_uri() and target.read_text(encoding="utf-8") == "# FAQ\n"
    stamp = target.stat().st_mtime_ns
    assert uploader.publish(source) == url and target.stat().st_mtime_ns == stamp  # not copied again
    served = DirectoryUploader(site, base_url="http://127.0.0.1:8000/files/", prefix="kb")
    assert served.publish(source) == f"http://127.0.0.1:8000/files/kb/{digest}/FAQ-v2-.md"
    assert sorted(p.name for p in site.rglob("*") if p.is_file()) == ["FAQ-v2-.md"]


def test_unwritable_destination(tmp_path: Path) -> None:
    source = tmp_path / "a.md"
    source.write_text("a", encoding="utf-8")
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    with pytest.raises(UploaderError) as caught:
        DirectoryUploader(blocker).publish(source)
    key = content_key(source, hashlib.sha256(b"a").hexdigest())
    assert str(caught.value).startswith(f"publishing {source} to {blocker / key} failed: ")


@pytest.mark.parametrize(
    ("name", "media"),
    [
        ("a.md", "text/markdown; charset=utf-8"),
        ("a.MARKDOWN", "text/markdown; charset=utf-8"),
        ("a.txt", "text/plain; charset=utf-8"),
        ("a.pdf", "application/pdf"),
        ("a.html", "text/html; charset=utf-8"),
        ("a.csv", "text/csv; charset=utf-8"),
        ("a.json", "application/json"),
        ("a.bin", "application/octet-stream"),
        ("noext", "application/octet-stream"),
    ],
)
def test_content_types(name: str, media: str) -> None:
    assert guess_content_type(name) == media


def test_keys_keep_the_suffix_and_drop_unsafe_characters() -> None:
    assert content_key("/x/Ünïcode name!.PDF", "ab", prefix="/docs//") == "docs/ab/n-code-name-.PDF"
    assert content_key("/x/...", "ab") == "ab/..."
    assert content_key("/x/???", "ab") == "ab/file"
