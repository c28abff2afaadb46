"""SQLite storage: schema, concurrent readers and one writer with group commit.

File databases run in WAL mode: every thread reads through a connection of its own (readers never
wait for the writer or for each other), and all writes go through one writer connection. Writes are
committed before the route answers, so an acknowledged write survives kill -9; the writes of async
routes that arrive together share one COMMIT (one fsync) instead of queueing for one each.
``:memory:`` databases, which a second connection cannot see, use the one connection for reads too.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import sqlite3
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any, TypeVar

from .clock import Clock, SystemClock

T = TypeVar("T")
_Write = tuple[Callable[[sqlite3.Connection], Any], "asyncio.Future[Any]"]
_LOCK_RETRY = 0.001  # s between tries for the writer connection while a thread's tx() holds it

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
    account TEXT NOT NULL, persist INTEGER NOT NULL, created_ts REAL NOT NULL, modified_ts REAL NOT NULL,
    chat_mode TEXT NOT NULL DEFAULT 'Functional');
CREATE INDEX IF NOT EXISTS chats_agent ON chats(agent_id);
CREATE TABLE IF NOT EXISTS ratings (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT UNIQUE NOT NULL, chat_id TEXT NOT NULL,
    agent_id TEXT NOT NULL, account TEXT NOT NULL, data TEXT NOT NULL, created_ts REAL NOT NULL,
    modified_ts REAL NOT NULL);
CREATE TABLE IF NOT EXISTS feedback (
    chat_id TEXT PRIMARY KEY, agent_id TEXT NOT NULL, account TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS streams (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT UNIQUE NOT NULL, agent_id TEXT NOT NULL,
    account TEXT NOT NULL, session_id TEXT NOT NULL, data TEXT NOT NULL, created_ts REAL NOT NULL);
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
CREATE TABLE IF NOT EXISTS chat_exports (
    id TEXT PRIMARY KEY, account TEXT NOT NULL, data TEXT NOT NULL, result TEXT NOT NULL,
    created_ts REAL NOT NULL);
CREATE TABLE IF NOT EXISTS idempotency (
    account TEXT NOT NULL, key TEXT NOT NULL, fingerprint TEXT NOT NULL, status INTEGER NOT NULL,
    headers TEXT NOT NULL, body BLOB NOT NULL, created_ts REAL NOT NULL, PRIMARY KEY (account, key));
"""

# Columns added to a table after its first release: (table, column, definition). Files written by an
# older emulator get them on open; ``CREATE TABLE IF NOT EXISTS`` alone would leave them out.
ADDED_COLUMNS = (("chats", "chat_mode", "TEXT NOT NULL DEFAULT 'Functional'"),)


def _settle(outcomes: list[tuple[asyncio.Future[Any], bool, Any]], commit: asyncio.Future[None]) -> None:
    """Hand each write of a batch its result, or the COMMIT's failure (then none of the batch holds)."""
    failure = commit.exception() if not commit.cancelled() else asyncio.CancelledError()
    for future, ok, value in outcomes:
        if future.done():
            continue
        if failure is not None:
            future.set_exception(failure)
        elif ok:
            future.set_result(value)
        else:
            future.set_exception(value)


class Database:
    """One writer connection, per-thread reader connections (WAL files) and group commit.

    File databases use WAL with ``synchronous=FULL`` by default: each COMMIT is fsynced before the
    route answers, so an acknowledged write survives kill -9 *and* an OS crash. (``NORMAL`` would
    already survive kill -9 with WAL, since the WAL lives in the page cache, but not power loss.)

    Three ways in:

    * ``read()``: a consistent snapshot (one read transaction) on this thread's own connection;
    * ``await write_async(fn)`` (event loop): ``fn(conn)`` runs on the loop's thread inside a
      transaction shared with every write queued meanwhile, each in a SAVEPOINT (a failing write
      rolls back alone); the COMMIT, and its fsync, run on a commit thread while the loop serves
      other requests (and queues the next batch); the call returns once its batch is committed;
    * ``tx()`` / ``write(fn)`` (worker threads): a write transaction of its own, committed on exit.

    ``_lock`` (a plain lock: a batch takes it on the loop and its COMMIT releases it on the commit
    thread) says who has the writer connection. The loop never blocks on it: while a thread's
    ``tx()`` holds it, the batch retries a millisecond later.
    """

    def __init__(
        self, path: str = ":memory:", *, synchronous: str = "FULL", clock: Clock | None = None
    ) -> None:
        self.path = path
        self.clock: Clock = clock or SystemClock()
        """What rows are stamped and aged by (``created_ts``, ``ready_at``), as SQL's CURRENT_TIMESTAMP."""
        self._memory = path == ":memory:"
        self._synchronous = "NORMAL" if synchronous == "NORMAL" else "FULL"
        self._lock = threading.Lock()
        self._conn = self._connect()
        if not self._memory:
            self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.executescript(SCHEMA)
        self._add_missing_columns()
        self._local = threading.local()
        # Reader connections by the thread that owns them (worker threads come and go).
        self._readers: dict[int, tuple[threading.Thread, sqlite3.Connection]] = {}
        self._readers_lock = threading.Lock()
        self._queue: list[_Write] = []
        self._flusher: asyncio.Task[None] | None = None
        self._committer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="emulator-commit")
        self.derived: dict[object, object] = {}
        """Data derived from stored rows (retrieval indexes), each entry keyed and checked by its owner."""
        self.derived_lock = threading.Lock()

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None, timeout=30)
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA synchronous={self._synchronous}")
        conn.execute("PRAGMA foreign_keys=ON")
        return conn

    def _add_missing_columns(self) -> None:
        for table, column, definition in ADDED_COLUMNS:
            present = {row["name"] for row in self._conn.execute(f"PRAGMA table_info({table})")}
            if column not in present:
                self._conn.execute(f"ALTER TABLE {table} ADD COLUMN {column} {definition}")

    # -- writes from threads ---------------------------------------------------------------------

    @contextmanager
    def tx(self) -> Iterator[sqlite3.Connection]:
        """A write transaction on this thread, committed on success and rolled back on any exception."""
        local = self._local
        if getattr(local, "in_tx", False):  # nested: part of the enclosing transaction
            yield self._conn
            return
        # A :memory: read of this thread already holds the lock (which is not re-entrant).
        held = self._memory and getattr(local, "depth", 0) > 0
        with contextlib.nullcontext() if held else self._lock:
            local.in_tx = True
            try:
                self._conn.execute("BEGIN IMMEDIATE")
                try:
                    yield self._conn
                except BaseException:
                    self._conn.execute("ROLLBACK")
                    raise
                self._conn.execute("COMMIT")
            finally:
                local.in_tx = False

    def write(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """``fn(conn)`` in a transaction of its own on this thread; its result once committed."""
        with self.tx() as conn:
            return fn(conn)

    # -- group commit on the event loop ----------------------------------------------------------

    async def write_async(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """``fn(conn)`` in a group-committed transaction; its result (or exception) once committed.

        ``fn`` runs on the loop's thread: it must be quick and must not await.
        """
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        self._queue.append((fn, future))
        if self._flusher is None:
            # Started on the next turn of the loop: writes of requests handled meanwhile join the batch.
            self._flusher = loop.create_task(self._flush())
        return await future

    async def _flush(self) -> None:
        """Commit queued writes batch by batch; what arrives during a COMMIT makes the next batch."""
        try:
            while self._queue:
                while not self._lock.acquire(blocking=False):
                    await asyncio.sleep(_LOCK_RETRY)
                batch, self._queue = self._queue, []
                outcomes = self._run_batch(batch)  # releases the lock if nothing is left to commit
                if outcomes is None:
                    continue
                commit = asyncio.wrap_future(self._committer.submit(self._commit_and_release))
                # Answers go out once the COMMIT is done, even if this task is cancelled meanwhile.
                commit.add_done_callback(functools.partial(_settle, outcomes))
                with contextlib.suppress(Exception):
                    await asyncio.shield(commit)
        finally:
            self._flusher = None

    def _run_batch(self, batch: list[_Write]) -> list[tuple[asyncio.Future[Any], bool, Any]] | None:
        """BEGIN and each write in its savepoint, on the loop's thread, with ``_lock`` held."""
        conn, local = self._conn, self._local
        outcomes: list[tuple[asyncio.Future[Any], bool, Any]] = []
        local.in_tx = True
        try:
            conn.execute("BEGIN IMMEDIATE")
            for fn, future in batch:
                if future.cancelled():  # its request is gone: write nothing for it
                    continue
                conn.execute("SAVEPOINT write")
                try:
                    value = fn(conn)
                except Exception as exc:  # noqa: BLE001 - handed to the caller
                    conn.execute("ROLLBACK TO write")
                    conn.execute("RELEASE write")
                    outcomes.append((future, False, exc))
                else:
                    conn.execute("RELEASE write")
                    outcomes.append((future, True, value))
        except BaseException as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            self._lock.release()
            for _, future in batch:
                if not future.done():
                    future.set_exception(exc)
            if not isinstance(exc, Exception):
                raise
            return None
        finally:
            local.in_tx = False
        return outcomes

    def _commit_and_release(self) -> None:
        """COMMIT (the fsync) on the commit thread, then hand the writer connection back."""
        try:
            self._conn.execute("COMMIT")
        except BaseException:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise
        finally:
            self._lock.release()

    # -- reads -----------------------------------------------------------------------------------

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """A consistent snapshot across several SELECTs, on this thread's own connection (WAL files).

        Inside a write transaction of this thread it reads that transaction (its own writes included).
        """
        local = self._local
        depth: int = getattr(local, "depth", 0)
        if getattr(local, "in_tx", False) or (self._memory and depth):
            yield self._conn
            return
        if self._memory:
            with self._lock:
                local.depth = 1
                try:
                    yield self._conn
                finally:
                    local.depth = 0
            return
        conn: sqlite3.Connection | None = getattr(local, "conn", None)
        if conn is None:
            conn = local.conn = self._new_reader()
        if depth == 0:
            conn.execute("BEGIN")
        local.depth = depth + 1
        try:
            yield conn
        finally:
            local.depth = depth
            if depth == 0:
                conn.execute("COMMIT")  # ends the snapshot

    def _new_reader(self) -> sqlite3.Connection:
        """This thread's reader connection; those of threads that have ended are closed."""
        conn = self._connect()
        with self._readers_lock:
            for ident, (thread, old) in list(self._readers.items()):
                if not thread.is_alive():
                    old.close()
                    del self._readers[ident]
            self._readers[threading.get_ident()] = (threading.current_thread(), conn)
        return conn

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
        with self.derived_lock:
            self.derived.clear()

    def close(self) -> None:
        """Close every connection once the last COMMIT is done."""
        self._committer.shutdown(wait=True)
        with self._lock:
            with self._readers_lock:
                for _, conn in self._readers.values():
                    conn.close()
                self._readers.clear()
            self._conn.close()
