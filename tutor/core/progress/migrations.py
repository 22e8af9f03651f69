"""The schema as numbered migration steps: append a step, never edit a released one."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from .legacy import fill_attempt_context, insert_default_learner

# A step in Python, for what SQL alone cannot say (a name from the system, a UUID); given the time.
DataStep = Callable[[sqlite3.Connection, float], None]


@dataclass(frozen=True)
class Migration:
    """One step: what takes a database from `version - 1` to `version`, in order.

    Each item is SQL, or a DataStep that moves data; the schema itself is only ever SQL, so the
    tables a version has can be built from the SQL alone (schema.expected_columns).
    """

    version: int
    summary: str
    statements: tuple[str | DataStep, ...]


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
    # Progress belongs to a named learner: a lab machine is shared by a class. What was there
    # belongs to the one learner it always belonged to (named after the login, legacy.py). Each
    # answer also keeps what its xAPI statement says, fixed when it was checked: statement id,
    # try, hints and solution seen so far, time on the try, the feedback, the sheet it was for,
    # and the statement itself as made then (or as imported): exports write it as it is.
    Migration(4, "learners; each answer's xAPI context; lab sheets, submit outbox, LRS pushes", (
        "CREATE TABLE learners (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, created_at REAL NOT NULL)",
        insert_default_learner,
        """CREATE TABLE attempts_new (
            id INTEGER PRIMARY KEY, learner_id INTEGER NOT NULL REFERENCES learners (id),
            lesson_id TEXT NOT NULL, exercise_id TEXT NOT NULL, seed INTEGER NOT NULL, answer TEXT NOT NULL,
            verdict TEXT NOT NULL CHECK (verdict IN ('correct', 'incorrect', 'invalid')),
            diagnosis TEXT, elapsed_ms REAL NOT NULL DEFAULT 0, at REAL NOT NULL,
            mode TEXT NOT NULL DEFAULT 'study', method TEXT,
            statement_id TEXT UNIQUE, try_number INTEGER, hints INTEGER, solution_shown INTEGER,
            duration_ms REAL, message TEXT,
            exercise_name TEXT, response TEXT, choice_text TEXT,
            sheet_id TEXT, sheet_title TEXT, class_name TEXT, statement TEXT)""",
        "INSERT INTO attempts_new (id, learner_id, lesson_id, exercise_id, seed, answer, verdict, diagnosis,"
        " elapsed_ms, at, mode, method) SELECT id, 1, lesson_id, exercise_id, seed, answer, verdict,"
        " diagnosis, elapsed_ms, at, mode, method FROM attempts",
        "DROP TABLE attempts",
        "ALTER TABLE attempts_new RENAME TO attempts",
        "CREATE INDEX attempts_by_exercise ON attempts (learner_id, lesson_id, exercise_id)",
        "CREATE INDEX attempts_by_time ON attempts (learner_id, at)",
        fill_attempt_context,
        """CREATE TABLE exercise_state_new (
            learner_id INTEGER NOT NULL REFERENCES learners (id),
            lesson_id TEXT NOT NULL, exercise_id TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0, correct INTEGER NOT NULL DEFAULT 0,
            solved INTEGER NOT NULL DEFAULT 0, completed INTEGER NOT NULL DEFAULT 0,
            first_solved_at REAL, revealed INTEGER NOT NULL DEFAULT 0, revealed_seed INTEGER,
            mastery REAL NOT NULL DEFAULT 0, last_attempt_at REAL, hints_used INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (learner_id, lesson_id, exercise_id))""",
        "INSERT INTO exercise_state_new SELECT 1, lesson_id, exercise_id, attempts, correct, solved, completed,"
        " first_solved_at, revealed, revealed_seed, mastery, last_attempt_at, hints_used FROM exercise_state",
        "DROP TABLE exercise_state",
        "ALTER TABLE exercise_state_new RENAME TO exercise_state",
        """CREATE TABLE positions_new (
            learner_id INTEGER NOT NULL REFERENCES learners (id), lesson_id TEXT NOT NULL,
            page INTEGER, exercise_id TEXT, updated_at REAL NOT NULL, PRIMARY KEY (learner_id, lesson_id))""",
        # In rowid order: the last saved position is the one with the highest rowid.
        "INSERT INTO positions_new SELECT 1, lesson_id, page, exercise_id, updated_at FROM positions ORDER BY rowid",
        "DROP TABLE positions",
        "ALTER TABLE positions_new RENAME TO positions",
        """CREATE TABLE work_new (
            learner_id INTEGER NOT NULL REFERENCES learners (id), lesson_id TEXT NOT NULL,
            exercise_id TEXT NOT NULL, seed INTEGER NOT NULL, answers TEXT NOT NULL, updated_at REAL NOT NULL,
            PRIMARY KEY (learner_id, lesson_id, exercise_id))""",
        "INSERT INTO work_new SELECT 1, lesson_id, exercise_id, seed, answers, updated_at FROM work",
        "DROP TABLE work",
        "ALTER TABLE work_new RENAME TO work",
        # quiz_answers refers to quiz_runs, so quiz_runs gains a column rather than being rebuilt.
        "ALTER TABLE quiz_runs ADD COLUMN learner_id INTEGER REFERENCES learners (id)",
        "UPDATE quiz_runs SET learner_id = 1",
        """CREATE TABLE help_shown (
            learner_id INTEGER NOT NULL REFERENCES learners (id), lesson_id TEXT NOT NULL,
            exercise_id TEXT NOT NULL, seed INTEGER, sheet_id TEXT,
            kind TEXT NOT NULL CHECK (kind IN ('hint', 'solution')), at REAL NOT NULL)""",
        "CREATE INDEX help_by_variant ON help_shown (learner_id, lesson_id, exercise_id, seed)",
        """CREATE TABLE sheet_runs (
            learner_id INTEGER NOT NULL REFERENCES learners (id), sheet_id TEXT NOT NULL,
            title TEXT NOT NULL, class_name TEXT NOT NULL, mode TEXT NOT NULL,
            started_at REAL NOT NULL, finished_at REAL, solved INTEGER, items INTEGER, statement TEXT,
            PRIMARY KEY (learner_id, sheet_id))""",
        """CREATE TABLE outbox (
            id INTEGER PRIMARY KEY, folder TEXT NOT NULL, file TEXT NOT NULL, line TEXT NOT NULL,
            queued_at REAL NOT NULL)""",
        """CREATE TABLE pushed (
            endpoint TEXT NOT NULL, statement_id TEXT NOT NULL, at REAL NOT NULL,
            PRIMARY KEY (endpoint, statement_id))""",
    )),
    # Spaced review and the learner's own slips. Each exercise completed becomes a review card,
    # scheduled by FSRS (the card as the fsrs package writes it, and its due time for SQL); each
    # rating is logged. Exercises completed before this version get a card with no FSRS state yet,
    # due a day after their last answer: their first review schedules them. Slips (named
    # mistakes) are counted per learner from the answers already kept.
    Migration(5, "review cards and their log; slip counts per learner", (
        """CREATE TABLE review_cards (
            learner_id INTEGER NOT NULL REFERENCES learners (id), lesson_id TEXT NOT NULL,
            exercise_id TEXT NOT NULL, card TEXT, due REAL NOT NULL,
            reps INTEGER NOT NULL DEFAULT 0, lapses INTEGER NOT NULL DEFAULT 0, last_rating INTEGER,
            last_review REAL, created_at REAL NOT NULL,
            PRIMARY KEY (learner_id, lesson_id, exercise_id))""",
        "CREATE INDEX review_cards_due ON review_cards (learner_id, due)",
        """CREATE TABLE review_log (
            id INTEGER PRIMARY KEY, learner_id INTEGER NOT NULL REFERENCES learners (id),
            lesson_id TEXT NOT NULL, exercise_id TEXT NOT NULL,
            rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4), mode TEXT NOT NULL, seed INTEGER,
            attempt_id INTEGER, at REAL NOT NULL, due REAL NOT NULL)""",
        "CREATE INDEX review_log_by_card ON review_log (learner_id, lesson_id, exercise_id)",
        """CREATE TABLE slips (
            learner_id INTEGER NOT NULL REFERENCES learners (id), code TEXT NOT NULL,
            count INTEGER NOT NULL, last_at REAL NOT NULL, lesson_id TEXT, exercise_id TEXT,
            drilled INTEGER NOT NULL DEFAULT 0, drilled_at REAL,
            PRIMARY KEY (learner_id, code))""",
        "INSERT INTO review_cards (learner_id, lesson_id, exercise_id, card, due, created_at)"
        " SELECT learner_id, lesson_id, exercise_id, NULL, last_attempt_at + 86400, last_attempt_at"
        " FROM exercise_state WHERE completed AND last_attempt_at IS NOT NULL",
        # One max() in the query: SQLite takes the bare lesson and exercise from the row holding it.
        "INSERT INTO slips (learner_id, code, count, last_at, lesson_id, exercise_id)"
        " SELECT learner_id, diagnosis, count(*), max(at), lesson_id, exercise_id FROM attempts"
        " WHERE verdict = 'incorrect' AND diagnosis IS NOT NULL GROUP BY learner_id, diagnosis",
        # The drill offer needs the same slip's count per learner; home needs the top slips.
        "CREATE INDEX slips_by_count ON slips (learner_id, count)",
    )),
)
LATEST_VERSION = MIGRATIONS[-1].version
assert [m.version for m in MIGRATIONS] == list(range(1, LATEST_VERSION + 1))
