"""The SQL behind attempts, exercise state and positions; rows in, frozen records out."""

from __future__ import annotations

import json
import sqlite3

from .records import Attempt, ExerciseState, Position, Work

_STATE_COLUMNS = ("attempts", "correct", "solved", "completed", "first_solved_at", "revealed",
                  "revealed_seed", "hints_used", "mastery", "last_attempt_at")
_ATTEMPT_COLUMNS = ("id", "lesson_id", "exercise_id", "seed", "answer", "verdict", "diagnosis",
                    "method", "mode", "elapsed_ms", "at")


def load_state(conn: sqlite3.Connection, lesson_id: str, exercise_id: str) -> ExerciseState:
    """The stored state, or a fresh one for an exercise never touched."""
    row = conn.execute(
        f"SELECT {', '.join(_STATE_COLUMNS)} FROM exercise_state WHERE lesson_id = ? AND exercise_id = ?",
        (lesson_id, exercise_id)).fetchone()
    if row is None:
        return ExerciseState(lesson_id, exercise_id)
    values = dict(zip(_STATE_COLUMNS, row))
    for flag in ("solved", "completed", "revealed"):
        values[flag] = bool(values[flag])
    return ExerciseState(lesson_id, exercise_id, **values)


def save_state(conn: sqlite3.Connection, state: ExerciseState) -> None:
    values = [getattr(state, c) for c in _STATE_COLUMNS]
    placeholders = ", ".join("?" * (2 + len(_STATE_COLUMNS)))
    conn.execute(
        f"INSERT OR REPLACE INTO exercise_state (lesson_id, exercise_id, {', '.join(_STATE_COLUMNS)}) "
        f"VALUES ({placeholders})", [state.lesson_id, state.exercise_id, *values])


def load_states(conn: sqlite3.Connection, lesson_id: str) -> dict[str, ExerciseState]:
    """Every stored state of one lesson, by exercise id."""
    ids = [r[0] for r in conn.execute(
        "SELECT exercise_id FROM exercise_state WHERE lesson_id = ?", (lesson_id,))]
    return {e: load_state(conn, lesson_id, e) for e in ids}


def insert_attempt(conn: sqlite3.Connection, values: dict) -> int:
    columns = [c for c in _ATTEMPT_COLUMNS if c != "id"]
    cursor = conn.execute(
        f"INSERT INTO attempts ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
        [values[c] for c in columns])
    return int(cursor.lastrowid)


def recent_attempts(conn: sqlite3.Connection, limit: int, lesson_id: str | None,
                    exercise_id: str | None) -> tuple[Attempt, ...]:
    where, args = [], []
    if lesson_id is not None:
        where.append("lesson_id = ?")
        args.append(lesson_id)
    if exercise_id is not None:
        where.append("exercise_id = ?")
        args.append(exercise_id)
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    # id, not time, orders them: ids only grow, while the clock can jump backwards.
    rows = conn.execute(
        f"SELECT {', '.join(_ATTEMPT_COLUMNS)} FROM attempts {clause} ORDER BY id DESC LIMIT ?",
        [*args, max(0, limit)])
    return tuple(Attempt(*row) for row in rows)


def save_position(conn: sqlite3.Connection, position: Position) -> None:
    conn.execute("INSERT OR REPLACE INTO positions VALUES (?, ?, ?, ?)",
                 (position.lesson_id, position.page, position.exercise_id, position.updated_at))


def load_position(conn: sqlite3.Connection, lesson_id: str | None) -> Position | None:
    """The position in one lesson, or (lesson_id None) the most recently saved one."""
    if lesson_id is None:
        # rowid, not updated_at: INSERT OR REPLACE gives the saved row the highest rowid, and
        # that stays true when the system clock is set back.
        row = conn.execute("SELECT lesson_id, page, exercise_id, updated_at FROM positions "
                           "ORDER BY rowid DESC LIMIT 1").fetchone()
    else:
        row = conn.execute("SELECT lesson_id, page, exercise_id, updated_at FROM positions "
                           "WHERE lesson_id = ?", (lesson_id,)).fetchone()
    return None if row is None else Position(*row)


def save_work(conn: sqlite3.Connection, work: Work) -> None:
    conn.execute("INSERT OR REPLACE INTO work VALUES (?, ?, ?, ?, ?)",
                 (work.lesson_id, work.exercise_id, work.seed, json.dumps(list(work.answers)), work.updated_at))


def load_work(conn: sqlite3.Connection, lesson_id: str, exercise_id: str) -> Work | None:
    row = conn.execute("SELECT seed, answers, updated_at FROM work WHERE lesson_id = ? AND exercise_id = ?",
                       (lesson_id, exercise_id)).fetchone()
    if row is None:
        return None
    seed, answers, updated_at = row
    try:
        texts = tuple(str(a) for a in json.loads(answers))
    except (ValueError, TypeError):
        return None  # unreadable work is no work: the exercise starts over, nothing else is lost
    return Work(lesson_id, exercise_id, seed, texts, updated_at)


def clear_work(conn: sqlite3.Connection, lesson_id: str, exercise_id: str) -> None:
    conn.execute("DELETE FROM work WHERE lesson_id = ? AND exercise_id = ?", (lesson_id, exercise_id))


def load_setting(conn: sqlite3.Connection, name: str) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (f"setting:{name}",)).fetchone()
    return None if row is None else str(row[0])


def save_setting(conn: sqlite3.Connection, name: str, value: str) -> None:
    conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (f"setting:{name}", value))
