"""Learners: progress belongs to a named learner, and two learners never see each other's."""

from __future__ import annotations

import pytest

from tutor.core.learners import LearnerNameError, choose_learner, file_stem, normalize
from tutor.core.progress import ProgressDatabase, ProgressStore


def test_names_are_free_text_compared_after_one_normalisation():
    assert normalize("  Ana   María ") == "Ana María"
    assert normalize("Jose\u0301") == normalize("José")  # e + combining accent is é
    assert normalize("ana") != normalize("Ana")
    assert normalize("李小龙") == "李小龙"
    for bad in ("", "   ", "a\x00b", "x" * 81):
        with pytest.raises(LearnerNameError):
            normalize(bad)


def test_file_stems_keep_readable_names_and_never_collide():
    assert file_stem("Ana María") == "Ana María"
    assert file_stem("a/b") != file_stem("a_b") and "/" not in file_stem("a/b")
    assert file_stem("..") not in ("..", ".", "")
    assert len(file_stem("é" * 300).encode()) < 120


def test_two_learners_on_one_file_never_see_each_others_progress(tmp_path):
    db, _ = ProgressDatabase.open(tmp_path / "p.sqlite3")
    with db:
        ana, bo = db.learner("Ana"), db.learner("Bo")
        ana.record_attempt("l", "e", seed=1, answer="2x", verdict="correct")
        ana.mark_hint_used("l", "e", seed=1)
        ana.save_position("l", exercise_id="e")
        ana.save_work("l", "d", 2, ["w = 1"])
        quiz = ana.start_quiz(["l"], 1)
        assert bo.exercise_state("l", "e").attempts == 0 and bo.exercise_state("l", "e").hints_used == 0
        assert bo.recent_attempts() == () and bo.last_position() is None and bo.work("l", "d") is None
        assert bo.recent_quizzes() == () and bo.quiz_result(quiz) is None
        with pytest.raises(ValueError):
            bo.record_quiz_answer(quiz, 1, "l", "e", seed=1, answer="x", verdict="correct", expected="x")
        assert list(bo.statements()) == []
        assert ana.exercise_state("l", "e").solved and len(list(ana.statements())) == 1


def test_a_store_stays_bound_to_its_learner(tmp_path):
    store, _ = ProgressStore.open(tmp_path / "p.sqlite3", learner="Ana")
    with store:
        other = store.for_learner("Bo")
        other.record_attempt("l", "e", seed=0, answer="1", verdict="incorrect")
        assert store.learner.name == "Ana" and store.recent_attempts() == ()
        assert other.learner.name == "Bo" and len(other.recent_attempts()) == 1


def test_learners_are_listed_and_found_again_by_normalised_name(tmp_path):
    db, _ = ProgressDatabase.open(tmp_path / "p.sqlite3")
    with db:
        db.learner("zoë")
        first = db.learner("Ana  María")
        assert db.learner(" Ana María ").learner.id == first.learner.id
        assert [learner.name for learner in db.learners()] == ["Ana María", "zoë"]


def test_who_studies_when_nobody_is_named(tmp_path, monkeypatch):
    monkeypatch.setenv("LOGNAME", "ana")
    db, _ = ProgressDatabase.open(tmp_path / "p.sqlite3")
    with db:
        assert choose_learner(db, None) .name == "ana"              # none yet: the login's, no question
        assert choose_learner(db, None, sheet=True).ask              # a lab sheet always asks
        db.learner("Bo")
        assert choose_learner(db, None).name == "Bo"                 # one learner alone: no extra step
        db.learner("Cy")
        choice = choose_learner(db, None)
        assert choice.ask and [k.name for k in choice.known] == ["Bo", "Cy"]
        assert choose_learner(db, " Dee ").name == "Dee"             # named: that one, new or not
        with pytest.raises(LearnerNameError):
            choose_learner(db, "  ")


def test_opening_without_a_name_takes_the_learner_active_last(tmp_path):
    ticks = iter(range(100))
    db, _ = ProgressDatabase.open(tmp_path / "p.sqlite3", clock=lambda: 1000.0 + next(ticks))
    with db:
        db.learner("Ana").record_attempt("l", "e", seed=0, answer="1", verdict="incorrect")
        db.learner("Bo").save_position("l", page=1)
        assert db.default_learner().learner.name == "Bo"
