"""The SQL behind sending: lines waiting for the submit folder, statements already in an LRS.

Both are the machine's, not a learner's: whoever runs the tutor next sends what is waiting.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Pending:
    """One line waiting to be appended to `file` in the submit folder `folder`."""

    id: int
    folder: str
    file: str
    line: str


def queue(conn: sqlite3.Connection, folder: str, file: str, line: str, at: float) -> None:
    conn.execute("INSERT INTO outbox (folder, file, line, queued_at) VALUES (?, ?, ?, ?)", (folder, file, line, at))


def pending(conn: sqlite3.Connection) -> tuple[Pending, ...]:
    return tuple(Pending(*row) for row in conn.execute("SELECT id, folder, file, line FROM outbox ORDER BY id"))


def remove(conn: sqlite3.Connection, ids: Iterable[int]) -> None:
    conn.executemany("DELETE FROM outbox WHERE id = ?", [(i,) for i in ids])


def pushed_ids(conn: sqlite3.Connection, endpoint: str) -> set[str]:
    return {r[0] for r in conn.execute("SELECT statement_id FROM pushed WHERE endpoint = ?", (endpoint,))}


def mark_pushed(conn: sqlite3.Connection, endpoint: str, ids: Iterable[str], at: float) -> None:
    conn.executemany("INSERT OR IGNORE INTO pushed VALUES (?, ?, ?)", [(endpoint, i, at) for i in ids])
