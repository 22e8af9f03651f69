"""Schema versions: an older database is upgraded in place, a newer one is left untouched."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from tutor.core.progress import LATEST_VERSION, ProgressStore
from tutor.core.progress.migrations import MIGRATIONS

# The version-1 schema as it shipped, written out by hand: the test must not trust MIGRATIONS
# to describe the old files that exist on learners' disks.
V1_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE attempts (
    id INTEGER PRIMARY KEY, lesson_id TEXT NOT NULL, exercise_id TEXT NOT NULL,
    seed INTEGER NOT NULL, answer TEXT NOT NULL,
    verdict TEXT NOT NULL CHECK (verdict IN ('correct', 'incorrect', 'invalid')),
    diagnosis TEXT, elapsed_ms REAL NOT NULL DEFAULT 0, at REAL NOT NULL);
CREATE INDEX attempts_by_exercise ON attempts (lesson_id, exercise_id);
CREATE TABLE exercise_state (
    lesson_id TEXT NOT NULL, exercise_id TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0, correct INTEGER NOT NULL DEFAULT 0,
    solved INTEGER NOT NULL DEFAULT 0, completed INTEGER NOT NULL DEFAULT 0,
    first_solved_at REAL, revealed INTEGER NOT NULL DEFAULT 0, revealed_seed INTEGER,
    mastery REAL NOT NULL DEFAULT 0, last_attempt_at REAL,
    PRIMARY KEY (lesson_id, exercise_id));
CREATE TABLE positions (
    lesson_id TEXT PRIMARY KEY, page INTEGER, exercise_id TEXT, updated_at REAL NOT NULL);
CREATE TABLE quiz_runs (
    id INTEGER PRIMARY KEY, started_at REAL NOT NULL, finished_at REAL,
    lesson_ids TEXT NOT NULL, planned INTEGER NOT NULL);
CREATE TABLE quiz_answers (
    quiz_id INTEGER NOT NULL REFERENCES quiz_runs (id), number INTEGER NOT NULL,
    lesson_id TEXT NOT NULL, exercise_id TEXT NOT NULL, seed INTEGER NOT NULL,
    answer TEXT NOT NULL, verdict TEXT NOT NULL, expected TEXT NOT NULL,
    tries INTEGER NOT NULL DEFAULT 1, at REAL NOT NULL,
    PRIMARY KEY (quiz_id, number));
INSERT INTO meta VALUES ('schema_version', '1');
INSERT INTO attempts (lesson_id, exercise_id, seed, answer, verdict, diagnosis, elapsed_ms, at)
    VALUES ('basics', 'dfdx', 3, '2*x', 'correct', NULL, 4.0, 1600000000.0),
           ('basics', 'dfdy', 4, '3y', 'incorrect', 'constant_kept', 6.0, 1600000010.0);
INSERT INTO exercise_state (lesson_id, exercise_id, attempts, correct, solved, completed,
    first_solved_at, mastery, last_attempt_at)
    VALUES ('basics', 'dfdx', 1, 1, 1, 1, 1600000000.0, 0.3, 1600000000.0),
           ('basics', 'dfdy', 1, 0, 0, 0, NULL, 0.0, 1600000010.0);
INSERT INTO positions VALUES ('basics', 4, NULL, 1600000020.0);
"""


def _make_db(path: Path, script: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = sqlite3.connect(path)
    try:
        raw.executescript(script)
        raw.commit()
    finally:
        raw.close()


def _query(path: Path, sql: str) -> list[tuple]:
    raw = sqlite3.connect(path)
    try:
        return raw.execute(sql).fetchall()
    finally:
        raw.close()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_migrations_are_numbered_from_one_and_one_is_real():
    assert [m.version for m in MIGRATIONS] == list(range(1, LATEST_VERSION + 1))
    assert LATEST_VERSION >= 2


def test_version_1_database_is_upgraded_and_keeps_everything(tmp_path):
    db = tmp_path / "progress.sqlite3"
    _make_db(db, V1_SCHEMA)
    store, message = ProgressStore.open(db)
    with store:
        assert message is None and store.persistent
        state = store.exercise_state("basics", "dfdx")
        assert (state.solved, state.attempts, state.mastery, state.hints_used) == (True, 1, 0.3, 0)
        old = store.recent_attempts(10)
        assert [(a.answer, a.mode, a.method) for a in old] == [("3y", "study", None), ("2*x", "study", None)]
        assert old[0].diagnosis == "constant_kept"
        assert store.last_position().page == 4
        # The new columns work.
        store.record_attempt("basics", "dfdy", seed=5, answer="3", verdict="correct", mode="quiz", method="symbolic")
        assert store.mark_hint_used("basics", "dfdy").hints_used == 1
    assert _query(db, "SELECT value FROM meta WHERE key = 'schema_version'") == [(str(LATEST_VERSION),)]
    assert _query(db, "PRAGMA integrity_check") == [("ok",)]


def test_failed_migration_leaves_the_old_file_whole(tmp_path):
    # Claims version 1 but already has a column that step 2 adds: the upgrade cannot run.
    db = tmp_path / "progress.sqlite3"
    _make_db(db, V1_SCHEMA + "ALTER TABLE attempts ADD COLUMN mode TEXT;")
    store, message = ProgressStore.open(db)
    with store:
        assert message is not None and "moved aside" in message
        assert store.persistent and store.recent_attempts() == ()
    (moved,) = tmp_path.glob("progress.sqlite3.corrupt-*")
    # The step ran in a transaction: the moved file is still exactly the version-1 database.
    assert _query(moved, "SELECT value FROM meta WHERE key = 'schema_version'") == [("1",)]
    assert len(_query(moved, "SELECT * FROM attempts")) == 2


def test_newer_database_is_left_untouched(tmp_path):
    db = tmp_path / "progress.sqlite3"
    store, _ = ProgressStore.open(db)
    store.record_attempt("l", "e", seed=1, answer="x", verdict="correct")
    store.close()
    raw = sqlite3.connect(db)
    try:
        raw.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(LATEST_VERSION + 1),))
        raw.execute("ALTER TABLE attempts ADD COLUMN confidence REAL")  # what a future tutor might do
        raw.commit()
    finally:
        raw.close()
    before = _digest(db)
    store, message = ProgressStore.open(db)
    with store:
        assert message is not None
        assert "newer version of tutor" in message and "will not be saved" in message
        assert f"schema {LATEST_VERSION + 1}" in message
        assert not store.persistent
        # The session still works, in memory.
        assert store.record_attempt("l", "e", seed=2, answer="x", verdict="correct").attempts == 1
    assert _digest(db) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["progress.sqlite3"]


@pytest.mark.parametrize("script, why", [
    ("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine');", "no tutor schema version"),
    ("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
     "INSERT INTO meta VALUES ('schema_version', 'two');", "schema version is unreadable"),
    ("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
     "INSERT INTO meta VALUES ('schema_version', '2');", "missing"),
])
def test_unusable_schema_is_moved_aside(tmp_path, script, why):
    db = tmp_path / "progress.sqlite3"
    _make_db(db, script)
    before = _digest(db)
    store, message = ProgressStore.open(db)
    with store:
        assert message is not None and why in message and "moved aside" in message
        assert store.persistent
        assert store.record_attempt("l", "e", seed=1, answer="x", verdict="correct").solved
    (moved,) = tmp_path.glob("progress.sqlite3.corrupt-*")
    assert str(moved) in message and _digest(moved) == before
