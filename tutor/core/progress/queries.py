"""The SQL behind exercise state, positions and work in progress; one learner's rows, frozen records out."""

from __future__ import annotations

import json
import sqlite3

from .records import ExerciseState, Position, Work

_STATE_COLUMNS = ("attempts", "correct", "solved", "completed", "first_solved_at", "revealed",
                  "revealed_seed", "hints_used", "mastery", "last_attempt_at")


def load_state(conn: sqlite3.Connection, learner: int, lesson_id: str, exercise_id: str) -> ExerciseState:
    """The stored state, or a fresh one for an exercise never touched."""
    row = conn.execute(
        f"SELECT {', '.join(_STATE_COLUMNS)} FROM exercise_state"
        " WHERE learner_id = ? AND lesson_id = ? AND exercise_id = ?",
        (learner, lesson_id, exercise_id)).fetchone()
    if row is None:
        return ExerciseState(lesson_id, exercise_id)
    values = dict(zip(_STATE_COLUMNS, row))
    for flag in ("solved", "completed", "revealed"):
        values[flag] = bool(values[flag])
    return ExerciseState(lesson_id, exercise_id, **values)


def save_state(conn: sqlite3.Connection, learner: int, state: ExerciseState) -> None:
    values = [getattr(state, c) for c in _STATE_COLUMNS]
    placeholders = ", ".join("?" * (3 + len(_STATE_COLUMNS)))
    conn.execute(
        f"INSERT OR REPLACE INTO exercise_state (learner_id, lesson_id, exercise_id, {', '.join(_STATE_COLUMNS)}) "
        f"VALUES ({placeholders})", [learner, state.lesson_id, state.exercise_id, *values])


def load_states(conn: sqlite3.Connection, learner: int, lesson_id: str) -> dict[str, ExerciseState]:
    """Every stored state of one lesson, by exercise id."""
    ids = [r[0] for r in conn.execute(
        "SELECT exercise_id FROM exercise_state WHERE learner_id = ? AND lesson_id = ?", (learner, lesson_id))]
    return {e: load_state(conn, learner, lesson_id, e) for e in ids}


def save_position(conn: sqlite3.Connection, learner: int, position: Position) -> None:
    conn.execute("INSERT OR REPLACE INTO positions VALUES (?, ?, ?, ?, ?)",
                 (learner, position.lesson_id, position.page, position.exercise_id, position.updated_at))


def load_position(conn: sqlite3.Connection, learner: int, lesson_id: str | None) -> Position | None:
    """The position in one lesson, or (lesson_id None) the most recently saved one."""
    if lesson_id is None:
        # rowid, not updated_at: INSERT OR REPLACE gives the saved row the highest rowid, and
        # that stays true when the system clock is set back.
        row = conn.execute("SELECT lesson_id, page, exercise_id, updated_at FROM positions "
                           "WHERE learner_id = ? ORDER BY rowid DESC LIMIT 1", (learner,)).fetchone()
    else:
        row = conn.execute("SELECT lesson_id, page, exercise_id, updated_at FROM positions "
                           "WHERE learner_id = ? AND lesson_id = ?", (learner, lesson_id)).fetchone()
    return None if row is None else Position(*row)


def save_work(conn: sqlite3.Connection, learner: int, work: Work) -> None:
    conn.execute("INSERT OR REPLACE INTO work VALUES (?, ?, ?, ?, ?, ?)",
                 (learner, work.lesson_id, work.exercise_id, work.seed, json.dumps(list(work.answers)),
                  work.updated_at))


def load_work(conn: sqlite3.Connection, learner: int, lesson_id: str, exercise_id: str) -> Work | None:
    row = conn.execute("SELECT seed, answers, updated_at FROM work"
                       " WHERE learner_id = ? AND lesson_id = ? AND exercise_id = ?",
                       (learner, lesson_id, exercise_id)).fetchone()
    if row is None:
        return None
    seed, answers, updated_at = row
    try:
        texts = tuple(str(a) for a in json.loads(answers))
    except (ValueError, TypeError):
        return None  # unreadable work is no work: the exercise starts over, nothing else is lost
    return Work(lesson_id, exercise_id, seed, texts, updated_at)


def clear_work(conn: sqlite3.Connection, learner: int, lesson_id: str, exercise_id: str) -> None:
    conn.execute("DELETE FROM work WHERE learner_id = ? AND lesson_id = ? AND exercise_id = ?",
                 (learner, lesson_id, exercise_id))


def load_setting(conn: sqlite3.Connection, name: str) -> str | None:
    # Settings (the theme) belong to the machine's tutor, not to a learner.
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (f"setting:{name}",)).fetchone()
    return None if row is None else str(row[0])


def save_setting(conn: sqlite3.Connection, name: str, value: str) -> None:
    conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (f"setting:{name}", value))
