"""Data steps of the learners migration: what a single-user database becomes (migrations.py, step 4)."""

from __future__ import annotations

import sqlite3
from collections import Counter

from tutor.core.learners import default_name
from tutor.core.xapi.vocabulary import answer_id

_TABLES = ("attempts", "exercise_state", "positions", "quiz_runs", "work")


def insert_default_learner(conn: sqlite3.Connection, now: float) -> None:
    """Everything already there is the progress of learner 1, named after the login.

    An empty database gets no learner: the first one is whoever is named (or asked) first.
    """
    if any(conn.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() for table in _TABLES):
        conn.execute("INSERT INTO learners (id, name, created_at) VALUES (1, ?, ?)", (default_name(), now))


def fill_attempt_context(conn: sqlite3.Connection, now: float) -> None:
    """Statement ids and try numbers for the answers checked before they were recorded.

    The same formulas as for new answers (store.py), so exporting an old answer gives the same
    statement on every machine and every time. Hints, durations and messages were not kept then:
    they stay unknown rather than invented.
    """
    row = conn.execute("SELECT name FROM learners WHERE id = 1").fetchone()
    if row is None:
        return
    learner = row[0]
    tries: Counter = Counter()
    rows = conn.execute("SELECT id, lesson_id, exercise_id, seed, at FROM attempts "
                        "WHERE verdict != 'invalid' ORDER BY id").fetchall()
    for attempt_id, lesson_id, exercise_id, seed, at in rows:
        tries[lesson_id, exercise_id, seed] += 1
        conn.execute("UPDATE attempts SET statement_id = ?, try_number = ? WHERE id = ?",
                     (answer_id(learner, lesson_id, exercise_id, at, attempt_id),
                      tries[lesson_id, exercise_id, seed], attempt_id))
