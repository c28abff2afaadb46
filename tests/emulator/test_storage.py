"""The storage layer: group commit, per-thread readers and writes from threads and from the event loop."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from did_agents_emulator.db import Database
from did_agents_emulator.errors import NotFoundError


def _insert(conn: sqlite3.Connection, chat_id: str) -> str:
    conn.execute(
        "INSERT INTO feedback (chat_id, agent_id, account, data) VALUES (?, 'agt_x', 'acc_x', '{}')",
        (chat_id,),
    )
    return chat_id


def _ids(db: Database) -> set[str]:
    with db.read() as conn:
        return {row["chat_id"] for row in conn.execute("SELECT chat_id FROM feedback")}


@pytest.fixture(params=["file", "memory"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Database:
    database = Database(str(tmp_path / "emu.db") if request.param == "file" else ":memory:")
    request.addfinalizer(database.close)
    return database


@pytest.fixture
def file_db(tmp_path: Path) -> Iterator[Database]:
    """A database in ``tmp_path / "emu.db"``, closed after the test."""
    database = Database(str(tmp_path / "emu.db"))
    yield database
    database.close()


def test_a_batch_commits_every_write_but_the_failing_one(db: Database) -> None:
    def failing(conn: sqlite3.Connection) -> None:
        _insert(conn, "doomed")
        raise NotFoundError("Chat not found")

    async def writes() -> list[object]:
        jobs = [db.write_async(lambda conn, i=i: _insert(conn, f"c{i}")) for i in range(20)]
        jobs.insert(7, db.write_async(failing))
        return await asyncio.gather(*jobs, return_exceptions=True)

    results = asyncio.run(writes())
    assert isinstance(results[7], NotFoundError)  # the caller gets its own error...
    assert [r for i, r in enumerate(results) if i != 7] == [f"c{i}" for i in range(20)]
    assert _ids(db) == {f"c{i}" for i in range(20)}  # ...and only its own write is undone


def test_an_answer_means_committed(file_db: Database, tmp_path: Path) -> None:
    """Once ``write_async`` returns, another connection (another process, after kill -9) sees the row."""
    asyncio.run(file_db.write_async(lambda conn: _insert(conn, "acked")))
    other = sqlite3.connect(tmp_path / "emu.db")
    assert other.execute("SELECT chat_id FROM feedback").fetchall() == [("acked",)]
    other.close()


def test_thread_transactions_and_loop_batches_interleave(db: Database) -> None:
    """``tx()`` from worker threads and batches from the loop share the writer without deadlock."""

    def thread_writes(n: int) -> None:
        for i in range(25):
            with db.tx() as conn:
                _insert(conn, f"t{n}-{i}")
                with db.read() as same:  # reads inside a transaction see its own writes
                    assert same.execute("SELECT 1 FROM feedback WHERE chat_id = ?", (f"t{n}-{i}",)).fetchone()

    async def loop_writes() -> None:
        threads = [threading.Thread(target=thread_writes, args=(n,)) for n in range(3)]
        for thread in threads:
            thread.start()
        await asyncio.gather(*(db.write_async(lambda conn, i=i: _insert(conn, f"l{i}")) for i in range(100)))
        await asyncio.to_thread(lambda: [thread.join() for thread in threads])

    asyncio.run(loop_writes())
    assert len(_ids(db)) == 100 + 3 * 25


def test_a_read_is_one_snapshot(file_db: Database) -> None:
    file_db.write(lambda conn: _insert(conn, "before"))
    with file_db.read() as conn:
        first = conn.execute("SELECT COUNT(*) FROM feedback").fetchone()[0]
        writer = threading.Thread(target=file_db.write, args=(lambda c: _insert(c, "during"),))
        writer.start()
        writer.join()  # readers do not block the writer (WAL)...
        assert conn.execute("SELECT COUNT(*) FROM feedback").fetchone()[0] == first == 1  # ...nor see it
    assert _ids(file_db) == {"before", "during"}


def test_reader_connections_of_ended_threads_are_closed(file_db: Database) -> None:
    for _ in range(10):
        thread = threading.Thread(target=_ids, args=(file_db,))
        thread.start()
        thread.join()
    _ids(file_db)
    assert len(file_db._readers) <= 2  # this thread's, and at most the last ended one's until the next


def test_memory_reads_and_transactions_nest(db: Database) -> None:
    with db.read() as conn:
        with db.read():
            with db.tx() as tx:
                _insert(tx, "nested")
        assert conn.execute("SELECT COUNT(*) FROM feedback").fetchone()[0] == 1
    assert _ids(db) == {"nested"}


def test_group_committed_writes_survive_reopening(tmp_path: Path) -> None:
    path = str(tmp_path / "emu.db")
    db = Database(path)

    async def writes() -> None:
        await asyncio.gather(*(db.write_async(lambda conn, i=i: _insert(conn, f"w{i}")) for i in range(50)))

    asyncio.run(writes())
    db.close()
    again = Database(path)
    try:
        assert _ids(again) == {f"w{i}" for i in range(50)}
    finally:
        again.close()
