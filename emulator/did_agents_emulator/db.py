"""SQLite storage: schema and one serialised connection.

One connection guarded by a lock keeps ``:memory:`` shared across uvicorn's worker threads and makes
every write a short transaction committed before the response is sent (durability on kill -9).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager

SCHEMA = """
CREATE TABLE IF NOT EXISTS agents (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT UNIQUE NOT NULL, account TEXT NOT NULL,
    data TEXT NOT NULL, created_ts REAL NOT NULL, modified_ts REAL NOT NULL, ready_at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS agents_account ON agents(account);
CREATE TABLE IF NOT EXISTS knowledge (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT UNIQUE NOT NULL, account TEXT NOT NULL,
    data TEXT NOT NULL, created_ts REAL NOT NULL, modified_ts REAL NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT UNIQUE NOT NULL, doc_part TEXT NOT NULL,
    knowledge_id TEXT NOT NULL, account TEXT NOT NULL, data TEXT NOT NULL, created_ts REAL NOT NULL,
    modified_ts REAL NOT NULL, ready_at REAL NOT NULL, final_status TEXT NOT NULL, error TEXT);
CREATE INDEX IF NOT EXISTS documents_kb ON documents(knowledge_id);
CREATE TABLE IF NOT EXISTS chunks (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, document_id TEXT NOT NULL, knowledge_id TEXT NOT NULL,
    account TEXT NOT NULL, idx INTEGER NOT NULL, start_index INTEGER NOT NULL, text TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS chunks_kb ON chunks(knowledge_id);
CREATE TABLE IF NOT EXISTS chats (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT UNIQUE NOT NULL, agent_id TEXT NOT NULL,
    account TEXT NOT NULL, persist INTEGER NOT NULL, created_ts REAL NOT NULL, modified_ts REAL NOT NULL);
CREATE TABLE IF NOT EXISTS messages (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, chat_id TEXT NOT NULL, account TEXT NOT NULL,
    role TEXT NOT NULL, content TEXT NOT NULL, created_at TEXT NOT NULL, data TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS messages_chat ON messages(chat_id);
CREATE TABLE IF NOT EXISTS sessions (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT UNIQUE NOT NULL, agent_id TEXT NOT NULL,
    account TEXT NOT NULL, data TEXT NOT NULL, created_ts REAL NOT NULL);
CREATE TABLE IF NOT EXISTS client_keys (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT UNIQUE NOT NULL, account TEXT NOT NULL,
    agent_id TEXT, allowed_domains TEXT NOT NULL, name TEXT, created_ts REAL NOT NULL);
CREATE TABLE IF NOT EXISTS exports (
    id TEXT PRIMARY KEY, account TEXT NOT NULL, data TEXT NOT NULL, created_ts REAL NOT NULL);
CREATE TABLE IF NOT EXISTS idempotency (
    account TEXT NOT NULL, key TEXT NOT NULL, fingerprint TEXT NOT NULL, status INTEGER NOT NULL,
    headers TEXT NOT NULL, body BLOB NOT NULL, created_ts REAL NOT NULL, PRIMARY KEY (account, key));
"""

class Database:
    """A single SQLite connection used under a re-entrant lock.

    File databases use WAL with ``synchronous=FULL`` by default: each COMMIT is fsynced before the
    route returns, so an acknowledged write survives kill -9 *and* an OS crash. (``NORMAL`` would
    already survive kill -9 with WAL, since the WAL lives in the page cache, but not power loss.)
    """

    def __init__(self, path: str = ":memory:", *, synchronous: str = "FULL") -> None:
        self.path = path
        self._lock = threading.RLock()
        self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=30)
        self._conn.row_factory = sqlite3.Row
        if path != ":memory:":
            self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute(f"PRAGMA synchronous={'NORMAL' if synchronous == 'NORMAL' else 'FULL'}")
        self._conn.execute("PRAGMA foreign_keys=ON")
        self._conn.executescript(SCHEMA)

    @contextmanager
    def tx(self) -> Iterator[sqlite3.Connection]:
        """A write transaction, committed on success and rolled back on any exception."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """Serialised read access (a consistent snapshot across several SELECTs)."""
        with self._lock:
            yield self._conn

    def wipe(self) -> None:
        """Delete every account's data (``POST /_emulator/reset``)."""
        with self.tx() as conn:
            tables = [
                row["name"]
                for row in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                )
            ]
            for table in tables:
                conn.execute(f"DELETE FROM {table}")  # noqa: S608 - names from the schema itself

    def close(self) -> None:
        with self._lock:
            self._conn.close()
