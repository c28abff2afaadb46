"""The one ownership check of every agent-scoped route: an account's agent row, or the API's 404.

Its own module so that agents, chats, sessions and client keys can all use it without importing
each other in a cycle.
"""

from __future__ import annotations

import sqlite3

from ..errors import NotFoundError


def load_agent(conn: sqlite3.Connection, account: str, agent_id: str) -> sqlite3.Row:
    """The agent's row; another account's agent is as absent as a missing one."""
    row = conn.execute("SELECT * FROM agents WHERE id = ? AND account = ?", (agent_id, account)).fetchone()
    if row is None:
        raise NotFoundError("Agent not found")
    return row  # type: ignore[no-any-return]
