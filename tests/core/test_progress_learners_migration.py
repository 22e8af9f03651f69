"""Databases written before learners (the committed fixtures) become one learner's, with nothing lost."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from tutor.core.progress import LATEST_VERSION, ProgressDatabase, ProgressStore
from tutor.core.xapi.vocabulary import answer_id

FIXTURES = Path(__file__).parents[1] / "fixtures"
TABLES = ("attempts", "exercise_state", "positions", "quiz_runs", "quiz_answers")


def _rows(path: Path, table: str, columns: str = "*") -> list[tuple]:
    raw = sqlite3.connect(path)
    try:
        return raw.execute(f"SELECT {columns} FROM {table} ORDER BY rowid").fetchall()
    finally:
        raw.close()


@pytest.mark.parametrize("version", [2, 3])
def test_a_single_user_database_becomes_its_users_with_nothing_lost(tmp_path, monkeypatch, version):
    monkeypatch.setenv("LOGNAME", "marie")
    original = FIXTURES / f"progress-v{version}.sqlite3"
    db_path = tmp_path / "progress.sqlite3"
    shutil.copy(original, db_path)
    before = {t: _rows(original, t) for t in TABLES}
    db, message = ProgressDatabase.open(db_path)
    with db:
        assert message is None
        (learner,) = db.learners()
        assert learner.name == "marie" and learner.id == 1
        store = db.learner("marie")
        # Every attempt, state, position and quiz is the learner's, value for value.
        assert [a[1:] for a in _rows(db_path, "attempts", "id, lesson_id, exercise_id, seed, answer, verdict,"
                                     " diagnosis, elapsed_ms, at, mode, method")] == [a[1:] for a in before["attempts"]]
        assert len(store.recent_attempts(100)) == len(before["attempts"])
        dfdy = store.exercise_state("basic-example", "dfdy")
        assert (dfdy.completed, dfdy.solved, dfdy.revealed, dfdy.revealed_seed, dfdy.hints_used) == (True, False, True, 3, 2)
        assert store.exercise_state("basic-example", "dfdx").solved
        assert store.last_position().lesson_id == "gradient-vector" and store.position("basic-example").exercise_id == "dfdy"
        finished, unfinished = sorted(store.recent_quizzes(), key=lambda q: q.id)
        assert finished.finished_at is not None and [a.tries for a in finished.answers] == [2, 1]
        assert unfinished.finished_at is None and len(unfinished.answers) == 1
        assert _rows(db_path, "quiz_answers") == before["quiz_answers"]
        if version == 3:
            assert store.work("gradient-descent", "two-steps").answers == ("w = 0.8, b = 0.4",)
            assert store.setting("theme") == "textual-light"
        # Old answers export as statements: ids by the same formula as new ones, tries counted,
        # what was never recorded (hints per try, durations) left out; typos are no statements.
        statements = list(store.statements())
        graded = [r for r in before["attempts"] if r[5] != "invalid"]
        assert len(statements) == len(graded)
        first = statements[0]
        assert first["id"] == answer_id("marie", "basic-example", "dfdx", graded[0][8], graded[0][0])
        assert first["result"]["extensions"]["urn:tutor:ext:try"] == 1
        assert statements[1]["result"]["extensions"]["urn:tutor:ext:try"] == 2  # the typo did not count
        assert "urn:tutor:ext:hints" not in first["result"]["extensions"] and "duration" not in first["result"]
        # Another learner starts empty beside her.
        assert db.learner("Bo").recent_attempts() == ()
    raw = sqlite3.connect(db_path)
    assert raw.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == str(LATEST_VERSION)
    assert raw.execute("PRAGMA foreign_key_check").fetchall() == []
    raw.close()
    again, message = ProgressStore.open(db_path, learner="marie")
    with again:  # opened once more: nothing migrates twice
        assert message is None and again.learner.name == "marie"
        assert [s["id"] for s in again.statements()] == [s["id"] for s in statements]


def test_an_empty_database_gets_no_learner_until_one_is_named(tmp_path):
    db, _ = ProgressDatabase.open(tmp_path / "progress.sqlite3")
    with db:
        assert db.learners() == ()
