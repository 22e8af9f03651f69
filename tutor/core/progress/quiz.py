"""The SQL behind quiz runs: start, answer (upserted per question), finish, read back."""

from __future__ import annotations

import json
import sqlite3

from .records import QuizAnswer, QuizResult

_ANSWER_COLUMNS = ("number", "lesson_id", "exercise_id", "seed", "answer", "verdict", "expected",
                   "tries", "at")


def start(conn: sqlite3.Connection, learner: int, lesson_ids: tuple[str, ...], planned: int, at: float) -> int:
    cursor = conn.execute(
        "INSERT INTO quiz_runs (learner_id, started_at, lesson_ids, planned) VALUES (?, ?, ?, ?)",
        (learner, at, json.dumps(list(lesson_ids)), planned))
    return int(cursor.lastrowid)


def exists(conn: sqlite3.Connection, learner: int, quiz_id: int) -> bool:
    """The run exists and is this learner's (another learner's quiz is no quiz of theirs)."""
    return conn.execute("SELECT 1 FROM quiz_runs WHERE id = ? AND learner_id = ?",
                        (quiz_id, learner)).fetchone() is not None


def answer(conn: sqlite3.Connection, quiz_id: int, number: int, lesson_id: str, exercise_id: str,
           seed: int, text: str, verdict: str, expected: str, at: float) -> None:
    # A question that allows several tries keeps its last answer and counts the tries.
    conn.execute(
        "INSERT INTO quiz_answers (quiz_id, number, lesson_id, exercise_id, seed, answer, verdict,"
        " expected, tries, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?)"
        " ON CONFLICT (quiz_id, number) DO UPDATE SET lesson_id = excluded.lesson_id,"
        " exercise_id = excluded.exercise_id, seed = excluded.seed, answer = excluded.answer,"
        " verdict = excluded.verdict, expected = excluded.expected, tries = tries + 1,"
        " at = excluded.at",
        (quiz_id, number, lesson_id, exercise_id, seed, text, verdict, expected, at))


def answer_of(conn: sqlite3.Connection, quiz_id: int, number: int) -> QuizAnswer:
    row = conn.execute(f"SELECT {', '.join(_ANSWER_COLUMNS)} FROM quiz_answers"
                       " WHERE quiz_id = ? AND number = ?", (quiz_id, number)).fetchone()
    return QuizAnswer(*row)


def finish(conn: sqlite3.Connection, quiz_id: int, at: float) -> None:
    # Finishing twice keeps the first time: the summary's duration must not grow on a re-save.
    conn.execute("UPDATE quiz_runs SET finished_at = coalesce(finished_at, ?) WHERE id = ?",
                 (at, quiz_id))


def result(conn: sqlite3.Connection, learner: int, quiz_id: int) -> QuizResult | None:
    run = conn.execute("SELECT started_at, finished_at, lesson_ids, planned FROM quiz_runs"
                       " WHERE id = ? AND learner_id = ?", (quiz_id, learner)).fetchone()
    if run is None:
        return None
    started_at, finished_at, lesson_ids, planned = run
    rows = conn.execute(
        f"SELECT {', '.join(_ANSWER_COLUMNS)} FROM quiz_answers WHERE quiz_id = ? ORDER BY number",
        (quiz_id,))
    return QuizResult(
        id=quiz_id, started_at=started_at, finished_at=finished_at,
        lesson_ids=tuple(json.loads(lesson_ids)), planned=planned,
        answers=tuple(QuizAnswer(*row) for row in rows))


def recent_ids(conn: sqlite3.Connection, learner: int, limit: int) -> list[int]:
    return [r[0] for r in conn.execute("SELECT id FROM quiz_runs WHERE learner_id = ? ORDER BY id DESC LIMIT ?",
                                       (learner, max(0, limit)))]
