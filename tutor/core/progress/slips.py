"""The SQL behind slips: each named mistake counted per learner, the top ones, a drill remembered."""

from __future__ import annotations

import sqlite3

from .records import Slip

_COLUMNS = ("code", "count", "last_at", "lesson_id", "exercise_id", "drilled", "drilled_at")


def count(conn: sqlite3.Connection, learner: int, code: str, lesson_id: str, exercise_id: str, at: float) -> Slip:
    """One more of `code`, made on this exercise at `at`; the slip as it is now."""
    conn.execute(
        "INSERT INTO slips (learner_id, code, count, last_at, lesson_id, exercise_id) VALUES (?, ?, 1, ?, ?, ?)"
        " ON CONFLICT (learner_id, code) DO UPDATE SET count = count + 1, last_at = excluded.last_at,"
        " lesson_id = excluded.lesson_id, exercise_id = excluded.exercise_id",
        (learner, code, at, lesson_id, exercise_id))
    return load(conn, learner, code)


def load(conn: sqlite3.Connection, learner: int, code: str) -> Slip | None:
    row = conn.execute(f"SELECT {', '.join(_COLUMNS)} FROM slips WHERE learner_id = ? AND code = ?",
                       (learner, code)).fetchone()
    return None if row is None else Slip(*row)


def top(conn: sqlite3.Connection, learner: int, limit: int) -> list[Slip]:
    """The commonest slips first (the latest first among equals)."""
    rows = conn.execute(f"SELECT {', '.join(_COLUMNS)} FROM slips WHERE learner_id = ?"
                        " ORDER BY count DESC, last_at DESC LIMIT ?", (learner, max(0, limit)))
    return [Slip(*r) for r in rows]


def drilled(conn: sqlite3.Connection, learner: int, code: str, at: float) -> None:
    """A drill on `code` was done: the offer waits for the slip to come back twice more."""
    conn.execute("UPDATE slips SET drilled = count, drilled_at = ? WHERE learner_id = ? AND code = ?",
                 (at, learner, code))
