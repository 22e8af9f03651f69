"""The schema as numbered migration steps: append a step, never edit a released one."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Migration:
    """One step: the statements that take a database from `version - 1` to `version`."""

    version: int
    summary: str
    statements: tuple[str, ...]


# Append only. A released step is never edited: databases out there already ran it.
MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "attempts, exercise state, positions and quizzes", (
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        """CREATE TABLE attempts (
            id INTEGER PRIMARY KEY, lesson_id TEXT NOT NULL, exercise_id TEXT NOT NULL,
            seed INTEGER NOT NULL, answer TEXT NOT NULL,
            verdict TEXT NOT NULL CHECK (verdict IN ('correct', 'incorrect', 'invalid')),
            diagnosis TEXT, elapsed_ms REAL NOT NULL DEFAULT 0, at REAL NOT NULL)""",
        "CREATE INDEX attempts_by_exercise ON attempts (lesson_id, exercise_id)",
        """CREATE TABLE exercise_state (
            lesson_id TEXT NOT NULL, exercise_id TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0, correct INTEGER NOT NULL DEFAULT 0,
            solved INTEGER NOT NULL DEFAULT 0, completed INTEGER NOT NULL DEFAULT 0,
            first_solved_at REAL, revealed INTEGER NOT NULL DEFAULT 0, revealed_seed INTEGER,
            mastery REAL NOT NULL DEFAULT 0, last_attempt_at REAL,
            PRIMARY KEY (lesson_id, exercise_id))""",
        """CREATE TABLE positions (
            lesson_id TEXT PRIMARY KEY, page INTEGER, exercise_id TEXT, updated_at REAL NOT NULL)""",
        """CREATE TABLE quiz_runs (
            id INTEGER PRIMARY KEY, started_at REAL NOT NULL, finished_at REAL,
            lesson_ids TEXT NOT NULL, planned INTEGER NOT NULL)""",
        """CREATE TABLE quiz_answers (
            quiz_id INTEGER NOT NULL REFERENCES quiz_runs (id), number INTEGER NOT NULL,
            lesson_id TEXT NOT NULL, exercise_id TEXT NOT NULL, seed INTEGER NOT NULL,
            answer TEXT NOT NULL, verdict TEXT NOT NULL, expected TEXT NOT NULL,
            tries INTEGER NOT NULL DEFAULT 1, at REAL NOT NULL,
            PRIMARY KEY (quiz_id, number))""",
    )),
    # Version 1 kept study answers only; quizzes needed the mode, and the UI the hint count.
    Migration(2, "attempt mode and checking method; hints used per exercise", (
        "ALTER TABLE attempts ADD COLUMN mode TEXT NOT NULL DEFAULT 'study' CHECK (mode IN ('study', 'quiz'))",
        "ALTER TABLE attempts ADD COLUMN method TEXT",
        "ALTER TABLE exercise_state ADD COLUMN hints_used INTEGER NOT NULL DEFAULT 0",
    )),
    # Modes are checked by rules.py (one list in Python); a CHECK on the column meant a table
    # rebuild for every new mode, so the column is rebuilt once without it. Descent by hand keeps
    # the steps already right, so quitting halfway loses nothing.
    Migration(3, "attempt modes checked in code (practice added); work in progress on an exercise", (
        """CREATE TABLE attempts_new (
            id INTEGER PRIMARY KEY, lesson_id TEXT NOT NULL, exercise_id TEXT NOT NULL,
            seed INTEGER NOT NULL, answer TEXT NOT NULL,
            verdict TEXT NOT NULL CHECK (verdict IN ('correct', 'incorrect', 'invalid')),
            diagnosis TEXT, elapsed_ms REAL NOT NULL DEFAULT 0, at REAL NOT NULL,
            mode TEXT NOT NULL DEFAULT 'study', method TEXT)""",
        "INSERT INTO attempts_new SELECT id, lesson_id, exercise_id, seed, answer, verdict, diagnosis,"
        " elapsed_ms, at, mode, method FROM attempts",
        "DROP TABLE attempts",
        "ALTER TABLE attempts_new RENAME TO attempts",
        "CREATE INDEX attempts_by_exercise ON attempts (lesson_id, exercise_id)",
        """CREATE TABLE work (
            lesson_id TEXT NOT NULL, exercise_id TEXT NOT NULL, seed INTEGER NOT NULL,
            answers TEXT NOT NULL, updated_at REAL NOT NULL,
            PRIMARY KEY (lesson_id, exercise_id))""",
    )),
)
LATEST_VERSION = MIGRATIONS[-1].version
assert [m.version for m in MIGRATIONS] == list(range(1, LATEST_VERSION + 1))
