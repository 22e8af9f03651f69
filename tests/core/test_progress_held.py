"""A write that fails mid-session (a full disk) is held in memory and saved once the file works again."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tutor.core.progress import ProgressStore


def _fill(store: ProgressStore) -> None:
    """Make the file refuse to grow, as a full disk does (SQLite reports SQLITE_FULL)."""
    pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
    store._conn.execute(f"PRAGMA max_page_count = {pages}")


def _free(store: ProgressStore) -> None:
    store._conn.execute("PRAGMA max_page_count = 1073741823")


def _attempts_in_file(db: Path) -> list[tuple]:
    raw = sqlite3.connect(db)
    try:
        return raw.execute("SELECT exercise_id, answer, verdict, at FROM attempts ORDER BY id").fetchall()
    finally:
        raw.close()


def test_a_full_disk_holds_answers_in_memory_and_saves_them_when_space_returns(tmp_path):
    db = tmp_path / "progress.sqlite3"
    store, _ = ProgressStore.open(db)
    with store:
        store.record_attempt("l", "e", seed=1, answer="x" * 2000, verdict="incorrect")
        _fill(store)
        answers = [f"{i}" + "y" * 3000 for i in range(20)]  # enough to need new pages
        for i, text in enumerate(answers):
            state = store.record_attempt("l", f"e{i % 3}", seed=i, answer=text,
                                         verdict="correct" if i % 2 else "incorrect")
        assert store.held > 0 and store.failure and "full" in store.failure
        # Everything the learner did is there to read while the file is behind.
        assert state.attempts == 7 and state.correct == 4  # e1: tries 1, 4, … 19
        assert len(store.recent_attempts(100)) == 21
        position = store.save_position("l", exercise_id="e2")
        assert store.last_position() == position
        assert len(_attempts_in_file(db)) < 21
        _free(store)
        store.record_attempt("l", "after", seed=0, answer="2x", verdict="correct")
        assert store.held == 0 and store.failure is None
    rows = _attempts_in_file(db)
    assert [r[1] for r in rows] == ["x" * 2000, *answers, "2x"]
    assert [r[3] for r in rows] == sorted(r[3] for r in rows)  # times in the order of writes
    reopened, message = ProgressStore.open(db)
    with reopened:
        assert message is None
        assert reopened.exercise_state("l", "e0").attempts == 7
        assert reopened.last_position().exercise_id == "e2"


def test_flush_saves_held_writes_without_a_new_answer(tmp_path):
    db = tmp_path / "progress.sqlite3"
    store, _ = ProgressStore.open(db)
    with store:
        _fill(store)
        for i in range(10):
            store.record_attempt("l", "e", seed=i, answer="z" * 4000, verdict="incorrect")
        assert store.held and not store.flush()
        _free(store)
        assert store.flush() and store.held == 0
    assert len(_attempts_in_file(db)) == 10


def test_a_quiz_carries_on_while_writes_are_held(tmp_path):
    store, _ = ProgressStore.open(tmp_path / "progress.sqlite3")
    with store:
        _fill(store)
        quiz = store.start_quiz(["l"], planned=2)
        for n in (1, 2):
            store.record_quiz_answer(quiz, n, "l", f"e{n}", seed=n, answer="w" * 5000,
                                     verdict="correct", expected="2x")
        result = store.finish_quiz(quiz)
        assert result.score == 2 and store.held
        _free(store)
        assert store.flush()
        assert store.quiz_result(quiz).score == 2


def test_close_makes_a_last_try_to_save(tmp_path):
    db = tmp_path / "progress.sqlite3"
    store, _ = ProgressStore.open(db)
    _fill(store)
    for i in range(8):
        store.record_attempt("l", "e", seed=i, answer="q" * 5000, verdict="incorrect")
    assert store.held
    _free(store)
    store.close()
    assert len(_attempts_in_file(db)) == 8


def test_a_rule_error_is_raised_and_nothing_is_held(tmp_path):
    store, _ = ProgressStore.open(tmp_path / "progress.sqlite3")
    with store:
        _fill(store)
        with pytest.raises(ValueError):
            store.record_attempt("l", "e", seed=1, answer="x", verdict="maybe")
        assert store.held == 0


TMPFS_FILL = """
import os, sys
from pathlib import Path
from tutor.core.progress import ProgressStore
mount = Path(sys.argv[1])
store, message = ProgressStore.open(mount / "progress.sqlite3")
assert message is None, message
store.record_attempt("l", "first", seed=0, answer="2x", verdict="correct")
filler = mount / "filler"
fd = os.open(filler, os.O_WRONLY | os.O_CREAT)  # the disk is full
try:
    while True:
        os.write(fd, b"\\0" * 4096)
except OSError:
    os.close(fd)
for i in range(30):
    store.record_attempt("l", "e", seed=i, answer="a" * 2000, verdict="incorrect")
print("held", store.held, store.failure)
filler.unlink()  # space again
store.record_attempt("l", "last", seed=0, answer="y", verdict="correct")
print("held", store.held)
store.close()
"""


@pytest.mark.skipif(sys.platform != "linux" or os.geteuid() != 0 or not shutil.which("mount"),
                    reason="a real full disk needs a tmpfs mount, which needs root on Linux")
def test_a_really_full_disk(tmp_path):
    mount = tmp_path / "small"
    mount.mkdir()
    # 512k: room for the empty schema (a page per table and index, 27 since learners) and the
    # 31 answers to replay once space is freed, each about a page, plus the journal.
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(mount)]).returncode:
        pytest.skip("this machine refuses a tmpfs mount (no CAP_SYS_ADMIN)")
    try:
        out = subprocess.run([sys.executable, "-c", TMPFS_FILL, str(mount)], capture_output=True,
                             text=True, timeout=120)
        assert out.returncode == 0, out.stderr
        lines = out.stdout.splitlines()
        assert lines[0].startswith("held ") and int(lines[0].split()[1]) > 0, out.stdout
        assert lines[1] == "held 0"
        raw = sqlite3.connect(mount / "progress.sqlite3")
        assert raw.execute("SELECT count(*) FROM attempts").fetchone()[0] == 32
        raw.close()
    finally:
        subprocess.run(["umount", str(mount)])


def test_the_data_directory_and_database_are_private(tmp_path):
    db = tmp_path / "fresh" / "data" / "progress.sqlite3"
    store, _ = ProgressStore.open(db)
    with store:
        store.record_attempt("l", "e", seed=1, answer="2x", verdict="correct")
    assert stat.S_IMODE(db.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(db.stat().st_mode) == 0o600


def test_a_database_made_by_an_older_tutor_is_made_private(tmp_path):
    db = tmp_path / "progress.sqlite3"
    store, _ = ProgressStore.open(db)
    store.close()
    db.chmod(0o644)
    store, _ = ProgressStore.open(db)
    store.close()
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
