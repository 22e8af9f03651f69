"""The progress store: paths, recording and reading back, state rules, positions, quizzes."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tutor.core.progress import (DATABASE_NAME, ExerciseState, ProgressError, ProgressStore,
                                 data_dir, database_path)
from tutor.core.progress.rules import MASTERY_RATE


class Clock:
    """A clock that moves one second per reading, so times are distinct and predictable."""

    def __init__(self, start: float = 1_700_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        self.now += 1.0
        return self.now


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "data" / DATABASE_NAME


@pytest.fixture
def store(db: Path):
    opened, message = ProgressStore.open(db, clock=Clock())
    assert message is None
    yield opened
    opened.close()


# -- where progress lives ----------------------------------------------------------------------

def test_flag_wins_over_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("TUTOR_HOME", str(tmp_path / "env"))
    assert data_dir(str(tmp_path / "flag")) == tmp_path / "flag"
    assert database_path(str(tmp_path / "flag")) == tmp_path / "flag" / "progress.sqlite3"


def test_environment_when_no_flag(tmp_path, monkeypatch):
    monkeypatch.setenv("TUTOR_HOME", str(tmp_path / "env"))
    assert data_dir(None) == tmp_path / "env"
    assert data_dir("") == tmp_path / "env"  # an empty flag is no flag


def test_user_data_dir_when_neither(tmp_path, monkeypatch):
    monkeypatch.delenv("TUTOR_HOME")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    if sys.platform.startswith("linux"):
        assert data_dir(None) == tmp_path / "xdg" / "tutor"
    assert data_dir(None).name == "tutor"


def test_lookup_creates_nothing_but_opening_does(tmp_path, monkeypatch):
    monkeypatch.setenv("TUTOR_HOME", str(tmp_path / "env" / "deep"))
    path = database_path(None)
    assert not (tmp_path / "env").exists()
    store, message = ProgressStore.open(path)
    with store:
        assert message is None and store.persistent and store.path == path
    assert path.is_file()


# -- recording and reading back ---------------------------------------------------------------

def test_attempt_round_trip_survives_reopening(store, db):
    state = store.record_attempt("basics", "dfdx", seed=7, answer="2x", verdict="correct",
                                 method="symbolic", elapsed_ms=3.5)
    assert state.attempts == 1 and state.solved
    store.record_attempt("basics", "dfdx", seed=8, answer="2", verdict="incorrect",
                         diagnosis="constant_kept", method="numeric", mode="quiz")
    store.close()
    again, message = ProgressStore.open(db)
    with again:
        assert message is None
        newest, oldest = again.recent_attempts(10)
        assert (oldest.answer, oldest.verdict, oldest.seed, oldest.method, oldest.mode,
                oldest.elapsed_ms, oldest.diagnosis) == ("2x", "correct", 7, "symbolic", "study", 3.5, None)
        assert (newest.answer, newest.diagnosis, newest.mode) == ("2", "constant_kept", "quiz")
        assert newest.id > oldest.id and newest.at > oldest.at
        assert again.exercise_state("basics", "dfdx").attempts == 2


def test_unknown_exercise_reads_as_fresh_state(store):
    assert store.exercise_state("nowhere", "nothing") == ExerciseState("nowhere", "nothing")
    assert store.last_position() is None and store.quiz_result(12345) is None


def test_recent_attempts_filters_and_limits(store):
    for i in range(5):
        store.record_attempt("a", f"e{i % 2}", seed=i, answer=str(i), verdict="incorrect")
    store.record_attempt("b", "e0", seed=9, answer="9", verdict="correct")
    assert [a.answer for a in store.recent_attempts(3)] == ["9", "4", "3"]
    assert [a.answer for a in store.recent_attempts(10, lesson_id="a", exercise_id="e1")] == ["3", "1"]
    assert store.recent_attempts(0) == ()


def test_bad_verdict_or_mode_is_rejected_and_writes_nothing(store):
    with pytest.raises(ValueError):
        store.record_attempt("a", "e", seed=1, answer="x", verdict="maybe")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        store.record_attempt("a", "e", seed=1, answer="x", verdict="correct", mode="exam")  # type: ignore[arg-type]
    assert store.recent_attempts() == ()


# -- state rules -------------------------------------------------------------------------------

def test_solved_mastery_rises_with_correct_and_falls_with_wrong(store):
    s1 = store.record_attempt("l", "e", seed=1, answer="x", verdict="incorrect")
    assert (s1.attempts, s1.correct, s1.solved, s1.mastery) == (1, 0, False, 0.0)
    s2 = store.record_attempt("l", "e", seed=1, answer="2x", verdict="correct")
    assert s2.solved and s2.completed and s2.first_solved_at is not None
    assert s2.mastery == pytest.approx(MASTERY_RATE)
    s3 = store.record_attempt("l", "e", seed=2, answer="2x", verdict="correct")
    assert s3.mastery > s2.mastery and s3.first_solved_at == s2.first_solved_at
    s4 = store.record_attempt("l", "e", seed=3, answer="2", verdict="incorrect")
    assert s4.mastery < s3.mastery and s4.solved  # solved never goes back
    assert (s4.attempts, s4.correct) == (4, 2)
    assert store.exercise_state("l", "e") == s4


def test_invalid_answer_is_kept_but_changes_nothing(store):
    before = store.record_attempt("l", "e", seed=1, answer="2x", verdict="correct")
    after = store.record_attempt("l", "e", seed=1, answer="2x+", verdict="invalid")
    assert after == before
    assert [a.verdict for a in store.recent_attempts()] == ["invalid", "correct"]


def test_revealed_solution_completes_but_does_not_solve(store):
    store.mark_solution_revealed("l", "e", seed=5)
    copied = store.record_attempt("l", "e", seed=5, answer="2x", verdict="correct")
    assert copied.completed and not copied.solved and copied.mastery == 0.0
    assert copied.revealed and copied.first_solved_at is None
    # A fresh variant, answered without its solution, is the learner's own work.
    earned = store.record_attempt("l", "e", seed=6, answer="4x", verdict="correct")
    assert earned.solved and earned.mastery > 0


def test_quiz_answer_counts_even_for_a_revealed_variant(store):
    store.mark_solution_revealed("l", "e", seed=5)
    state = store.record_attempt("l", "e", seed=5, answer="2x", verdict="correct", mode="quiz")
    assert state.solved


def test_revealing_after_solving_keeps_it_solved(store):
    store.record_attempt("l", "e", seed=1, answer="2x", verdict="correct")
    state = store.mark_solution_revealed("l", "e", seed=1)
    assert state.solved and state.revealed


def test_hints_are_counted(store):
    store.mark_hint_used("l", "e")
    state = store.mark_hint_used("l", "e")
    assert state.hints_used == 2 and not state.solved and state.attempts == 0


def test_lesson_summary_over_current_exercises(store):
    store.record_attempt("l", "a", seed=1, answer="x", verdict="correct")
    store.mark_solution_revealed("l", "b", seed=1)
    store.record_attempt("l", "b", seed=1, answer="x", verdict="correct")
    store.record_attempt("l", "gone", seed=1, answer="x", verdict="correct")  # removed from the lesson
    summary = store.lesson_summary("l", ["a", "b", "c", "a"])
    assert (summary.solved, summary.completed, summary.total) == (1, 2, 3)
    assert summary.mastery == pytest.approx(MASTERY_RATE / 3)
    assert summary.fraction_solved == pytest.approx(1 / 3)
    assert store.lesson_summary("empty", []).mastery == 0.0
    assert set(store.lesson_states("l")) == {"a", "b", "gone"}


# -- position ----------------------------------------------------------------------------------

def test_position_survives_reopening(store, db):
    store.save_position("intro", page=2)
    store.save_position("gradients", exercise_id="grad-at-point")
    store.save_position("intro", page=3)
    store.close()
    again, _ = ProgressStore.open(db)
    with again:
        last = again.last_position()
        assert (last.lesson_id, last.page, last.exercise_id) == ("intro", 3, None)
        other = again.position("gradients")
        assert (other.page, other.exercise_id) == (None, "grad-at-point")


# -- quizzes -----------------------------------------------------------------------------------

def test_quiz_round_trip_and_missed(store, db):
    quiz_id = store.start_quiz(["basics", "gradients"], planned=3)
    store.record_quiz_answer(quiz_id, 1, "basics", "dfdx", seed=11, answer="2x", verdict="correct", expected="2x")
    store.record_quiz_answer(quiz_id, 2, "gradients", "g1", seed=12, answer="(1, 2)",
                             verdict="incorrect", expected="(4, 5)", diagnosis="swapped")
    retry = store.record_quiz_answer(quiz_id, 2, "gradients", "g1", seed=12, answer="(5, 4)",
                                     verdict="incorrect", expected="(4, 5)")
    assert retry.tries == 2
    result = store.finish_quiz(quiz_id)
    assert store.finish_quiz(quiz_id).finished_at == result.finished_at  # finishing twice keeps the time
    store.close()
    again, _ = ProgressStore.open(db)
    with again:
        result = again.quiz_result(quiz_id)
        assert result.lesson_ids == ("basics", "gradients")
        assert (result.score, result.total, result.fraction) == (1, 3, pytest.approx(1 / 3))
        assert result.seconds is not None and result.seconds > 0
        (missed,) = result.missed
        assert (missed.lesson_id, missed.exercise_id, missed.seed, missed.answer, missed.expected) == (
            "gradients", "g1", 12, "(5, 4)", "(4, 5)")
        # Each quiz answer is also an attempt, in quiz mode.
        assert [a.mode for a in again.recent_attempts()] == ["quiz"] * 3
        assert again.exercise_state("gradients", "g1").attempts == 2
        assert [r.id for r in again.recent_quizzes()] == [quiz_id]


def test_quiz_answer_for_unknown_run_is_rejected(store):
    with pytest.raises(ValueError):
        store.record_quiz_answer(99, 1, "l", "e", seed=1, answer="x", verdict="correct", expected="x")
    with pytest.raises(ValueError):
        store.finish_quiz(99)
    assert store.recent_attempts() == ()


# -- failures mid-session and closing ----------------------------------------------------------

def test_failed_write_rolls_back_attempt_and_state(store, db):
    store.record_attempt("l", "e", seed=1, answer="x", verdict="incorrect")
    raw = sqlite3.connect(db)
    try:
        raw.execute("CREATE TRIGGER boom BEFORE UPDATE ON exercise_state BEGIN SELECT RAISE(ABORT, 'disk on fire'); END")
        raw.execute("CREATE TRIGGER boom2 BEFORE INSERT ON exercise_state BEGIN SELECT RAISE(ABORT, 'disk on fire'); END")
        raw.commit()
    finally:
        raw.close()
    with pytest.raises(ProgressError, match="disk on fire"):
        store.record_attempt("l", "e", seed=2, answer="2x", verdict="correct")
    # The attempt row written before the state failed was rolled back with it.
    assert len(store.recent_attempts()) == 1
    assert store.exercise_state("l", "e").attempts == 1


def test_closed_store_says_so(db):
    store, _ = ProgressStore.open(db)
    store.close()
    store.close()  # twice is fine
    with pytest.raises(ProgressError, match="closed"):
        store.exercise_state("l", "e")


def test_in_memory_store_works_and_writes_nothing(tmp_path):
    with ProgressStore.in_memory() as store:
        assert not store.persistent and store.path is None
        assert store.record_attempt("l", "e", seed=1, answer="x", verdict="correct").solved
    assert list(tmp_path.iterdir()) == []


def test_core_progress_does_not_import_textual():
    code = ("import sys, tutor.core.progress as p; p.ProgressStore.in_memory().close(); "
            "bad = [m for m in sys.modules if m.split('.')[0] == 'textual' or m.startswith('tutor.ui')]; "
            "print(bad); sys.exit(1 if bad else 0)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
