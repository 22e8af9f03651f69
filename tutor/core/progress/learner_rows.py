"""The SQL behind learners: list them, find or add one by name."""

from __future__ import annotations

import sqlite3

from .records import Learner

# Last active: the latest answer or saved position (a learner who only read pages is active too).
_LIST = """
SELECT l.id, l.name, l.created_at,
       max(coalesce((SELECT max(at) FROM attempts WHERE learner_id = l.id), 0),
           coalesce((SELECT max(updated_at) FROM positions WHERE learner_id = l.id), 0))
FROM learners l
"""


def all_learners(conn: sqlite3.Connection) -> tuple[Learner, ...]:
    rows = conn.execute(_LIST).fetchall()
    learners = [Learner(i, name, created, last or None) for i, name, created, last in rows]
    return tuple(sorted(learners, key=lambda learner: (learner.name.casefold(), learner.name)))


def get_or_create(conn: sqlite3.Connection, name: str, at: float) -> Learner:
    """The learner called `name` (already normalised), added if new."""
    row = conn.execute("SELECT id, created_at FROM learners WHERE name = ?", (name,)).fetchone()
    if row is None:
        cursor = conn.execute("INSERT INTO learners (name, created_at) VALUES (?, ?)", (name, at))
        return Learner(int(cursor.lastrowid), name, at)
    return Learner(row[0], name, row[1])
