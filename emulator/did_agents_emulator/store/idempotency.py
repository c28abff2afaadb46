"""Stored answers of the ``Idempotency-Key`` extension (see ``idempotency.py``), per (account, key)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from ..db import Database

Headers = list[tuple[bytes, bytes]]


@dataclass(frozen=True)
class StoredAnswer:
    fingerprint: str
    """SHA-256 of the first request's path, query and body: the same key with another request is refused."""
    status: int
    headers: Headers
    body: bytes


def lookup(db: Database, *, account: str, key: str) -> StoredAnswer | None:
    with db.read() as conn:
        row = conn.execute(
            "SELECT fingerprint, status, headers, body FROM idempotency WHERE account = ? AND key = ?",
            (account, key),
        ).fetchone()
    if row is None:
        return None
    headers = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in json.loads(row["headers"]).items()]
    return StoredAnswer(row["fingerprint"], row["status"], headers, bytes(row["body"]))


def save(db: Database, *, account: str, key: str, answer: StoredAnswer) -> None:
    headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in answer.headers}
    with db.tx() as conn:
        conn.execute(
            "INSERT OR REPLACE INTO idempotency "
            "(account, key, fingerprint, status, headers, body, created_ts) VALUES (?,?,?,?,?,?,?)",
            (
                account,
                key,
                answer.fingerprint,
                answer.status,
                json.dumps(headers),
                answer.body,
                db.clock.now(),
            ),
        )
