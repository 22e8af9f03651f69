"""Work in progress, practice answers and settings: kept across a restart, counted as the rules say."""

from __future__ import annotations

import sqlite3

from tutor.core.progress import ProgressStore


def test_work_in_progress_survives_a_restart_and_is_cleared(tmp_path):
    db = tmp_path / "progress.sqlite3"
    store, _ = ProgressStore.open(db)
    with store:
        assert store.work("l", "descent") is None
        store.save_work("l", "descent", 7, ["w = 1.6, b = 0.8"])
        store.save_work("l", "descent", 7, ["w = 1.6, b = 0.8", "(1.6, 0.8)"])
    store, _ = ProgressStore.open(db)
    with store:
        work = store.work("l", "descent")
        assert (work.seed, work.answers) == (7, ("w = 1.6, b = 0.8", "(1.6, 0.8)"))
        store.clear_work("l", "descent")
        assert store.work("l", "descent") is None


def test_unreadable_work_is_no_work(tmp_path):
    db = tmp_path / "progress.sqlite3"
    store, _ = ProgressStore.open(db)
    store.save_work("l", "e", 1, ["x"])
    store.close()
    raw = sqlite3.connect(db)
    raw.execute("UPDATE work SET answers = 'not json ['")
    raw.commit()
    raw.close()
    store, message = ProgressStore.open(db)
    with store:
        assert message is None and store.work("l", "e") is None


def test_a_practice_answer_completes_but_does_not_solve():
    store = ProgressStore.in_memory()
    state = store.record_attempt("l", "e", seed=3, answer="2x", verdict="correct", mode="practice")
    assert state.completed and not state.solved and state.mastery == 0.0
    state = store.record_attempt("l", "e", seed=4, answer="2x", verdict="correct", mode="quiz")
    assert state.solved


def test_settings_are_kept(tmp_path):
    db = tmp_path / "progress.sqlite3"
    store, _ = ProgressStore.open(db)
    with store:
        assert store.setting("theme") is None
        store.save_setting("theme", "gruvbox")
    store, _ = ProgressStore.open(db)
    with store:
        assert store.setting("theme") == "gruvbox"
