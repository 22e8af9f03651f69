"""Kills and threads: the database stays whole and every attempt agrees with its exercise state."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import threading
import time
from functools import reduce
from pathlib import Path

import pytest

from tutor.core.progress import ExerciseState, ProgressStore
from tutor.core.progress.rules import after_attempt

WRITER = """
import itertools, sys
from tutor.core.progress import ProgressStore
store, message = ProgressStore.open(sys.argv[1])
assert message is None, message
print("ready", flush=True)
verdicts = ("correct", "incorrect", "invalid", "incorrect")
for i in itertools.count():
    store.record_attempt("lesson", f"e{i % 5}", seed=i % 3, answer=f"{i}x", verdict=verdicts[i % 4],
                         mode="quiz" if i % 7 == 0 else "study", elapsed_ms=1.0)
    if i % 11 == 0:
        store.mark_solution_revealed("lesson", f"e{i % 5}", seed=i % 3)
"""


def _rows(db: Path, sql: str) -> list[tuple]:
    raw = sqlite3.connect(db)
    try:
        return raw.execute(sql).fetchall()
    finally:
        raw.close()


def _assert_consistent(db: Path) -> int:
    """Integrity is ok, and every exercise's counts match its attempt rows; returns the rows."""
    assert _rows(db, "PRAGMA integrity_check") == [("ok",)]
    store, message = ProgressStore.open(db)
    with store:
        assert message is None
        attempts = store.recent_attempts(1_000_000)
        for (lesson_id, exercise_id) in {(a.lesson_id, a.exercise_id) for a in attempts}:
            mine = [a for a in attempts if (a.lesson_id, a.exercise_id) == (lesson_id, exercise_id)]
            graded = [a for a in mine if a.verdict != "invalid"]
            state = store.exercise_state(lesson_id, exercise_id)
            assert state.attempts == len(graded), (exercise_id, state)
            assert state.correct == sum(a.verdict == "correct" for a in mine)
            assert 0.0 <= state.mastery <= 1.0
            assert state.last_attempt_at == (max(a.at for a in graded) if graded else None)
        return len(attempts)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_killed_writer_leaves_a_whole_consistent_database(tmp_path):
    db = tmp_path / "progress.sqlite3"
    total = 0
    # Several kills at different moments: each one can land inside a transaction.
    for delay in (0.15, 0.3, 0.45, 0.2):
        child = subprocess.Popen([sys.executable, "-c", WRITER, str(db)], stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True)
        try:
            assert child.stdout.readline().strip() == "ready", child.stderr.read()
            time.sleep(delay)
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=30)
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
            child.stdout.close()
            child.stderr.close()
        assert child.returncode == -signal.SIGKILL
        now = _assert_consistent(db)
        assert now > total  # the writer made progress, and nothing already saved was lost
        total = now


def test_threads_share_one_store(tmp_path):
    db = tmp_path / "progress.sqlite3"
    store, _ = ProgressStore.open(db)
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            for i in range(40):
                store.record_attempt("l", f"e{i % 3}", seed=n, answer=f"{n}:{i}",
                                     verdict="correct" if (n + i) % 2 else "incorrect")
                store.exercise_state("l", f"e{i % 3}")
                if i % 10 == 0:
                    store.save_position("l", page=i)
        except BaseException as err:  # pragma: no cover - reported below
            errors.append(err)

    with store:
        threads = [threading.Thread(target=work, args=(n,)) for n in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert errors == []
    assert _assert_consistent(db) == 6 * 40


def test_two_stores_on_one_file_from_threads(tmp_path):
    # Two apps on the same progress file: each write waits its turn for the file lock.
    db = tmp_path / "progress.sqlite3"
    stores = [ProgressStore.open(db)[0] for _ in range(2)]
    errors: list[BaseException] = []

    def work(store: ProgressStore, n: int) -> None:
        try:
            for i in range(30):
                store.record_attempt("l", "shared", seed=i, answer=f"{n}:{i}", verdict="correct")
        except BaseException as err:  # pragma: no cover - reported below
            errors.append(err)

    try:
        threads = [threading.Thread(target=work, args=(stores[n % 2], n)) for n in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        for s in stores:
            s.close()
    assert errors == []
    assert _assert_consistent(db) == 4 * 30


def test_state_equals_replaying_its_attempts(tmp_path):
    """The stored state is exactly the rules folded over the attempt rows (no reveals here)."""
    db = tmp_path / "progress.sqlite3"
    store, _ = ProgressStore.open(db)
    with store:
        for i in range(30):
            store.record_attempt("l", "e", seed=i % 4, answer=str(i),
                                 verdict=("correct", "incorrect", "invalid")[i * 7 % 3],
                                 mode="quiz" if i % 5 == 0 else "study")
        rows = sorted(store.recent_attempts(100), key=lambda a: a.id)
        replayed = reduce(lambda s, a: after_attempt(s, a.verdict, a.seed, a.mode, a.at), rows,
                          ExerciseState("l", "e"))
        assert store.exercise_state("l", "e") == replayed
