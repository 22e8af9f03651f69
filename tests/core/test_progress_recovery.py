"""A damaged database is moved aside and replaced; an unusable one falls back to memory."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tutor.core.progress import ProgressStore
from tutor.core.progress import aside, opening

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
needs_permissions = pytest.mark.skipif(
    IS_ROOT or sys.platform == "win32",
    reason="running as root (or on Windows): chmod does not stop this process reading or writing; "
           "the in-memory fallback is still tested by injecting the failure")


def _real_database(path: Path, attempts: int = 200) -> None:
    store, _ = ProgressStore.open(path)
    with store:
        for i in range(attempts):
            store.record_attempt("lesson", f"e{i % 7}", seed=i, answer="x" * 100, verdict="incorrect")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _assert_fresh_and_working(store: ProgressStore, db: Path) -> None:
    assert store.persistent and store.path == db
    assert store.recent_attempts() == ()
    assert store.record_attempt("l", "e", seed=1, answer="2x", verdict="correct").solved


def _damage(kind: str, db: Path) -> None:
    if kind == "random bytes":
        db.write_bytes(os.urandom(8192))
    elif kind == "text file":
        db.write_text("these are my notes, not a database\n" * 50)
    elif kind == "header only":
        _real_database(db)
        db.write_bytes(db.read_bytes()[:60])
    elif kind == "truncated":
        _real_database(db)
        db.write_bytes(db.read_bytes()[: db.stat().st_size // 2])
    elif kind == "index out of step":
        # Rows added behind the index's back: SQLite opens it, only the integrity check notices.
        _real_database(db, attempts=3)
        raw = sqlite3.connect(db)
        raw.execute("PRAGMA writable_schema = ON")
        index = raw.execute("SELECT * FROM sqlite_master WHERE name = 'attempts_by_exercise'").fetchone()
        raw.execute("DELETE FROM sqlite_master WHERE name = 'attempts_by_exercise'")
        raw.commit()
        raw.close()
        raw = sqlite3.connect(db)
        raw.execute("INSERT INTO attempts (learner_id, lesson_id, exercise_id, seed, answer, verdict, at) "
                    "VALUES (1, 'l', 'hidden', 1, 'x', 'correct', 1.0)")
        raw.commit()
        raw.close()
        raw = sqlite3.connect(db)
        raw.execute("PRAGMA writable_schema = ON")
        raw.execute("INSERT INTO sqlite_master VALUES (?, ?, ?, ?, ?)", index)
        raw.commit()
        raw.close()
    else:  # pragma: no cover
        raise AssertionError(kind)


@pytest.mark.parametrize("kind", ["random bytes", "text file", "header only", "truncated", "index out of step"])
def test_damaged_file_is_moved_aside_and_a_fresh_store_works(tmp_path, kind):
    db = tmp_path / "progress.sqlite3"
    _damage(kind, db)
    before = _digest(db)
    store, message = ProgressStore.open(db)
    with store:
        (moved,) = tmp_path.glob("progress.sqlite3.corrupt-*")
        assert message.startswith("The progress database was damaged (")
        assert message.endswith(
            f"It was moved aside to {moved} (nothing was deleted) and a fresh database was started at {db}.")
        assert _digest(moved) == before  # moved, never changed or deleted
        assert len(moved.name) == len("progress.sqlite3.corrupt-20250101-120000")
        _assert_fresh_and_working(store, db)
        if kind == "index out of step":
            assert "integrity check failed" in message
    again, message = ProgressStore.open(db)
    with again:
        assert message is None and again.exercise_state("l", "e").solved


def test_no_stale_side_file_is_left_beside_the_fresh_database(tmp_path):
    db = tmp_path / "progress.sqlite3"
    db.write_bytes(os.urandom(4096))
    Path(f"{db}-wal").write_bytes(b"stale log " * 100)
    Path(f"{db}-journal").write_bytes(b"stale journal " * 100)
    store, message = ProgressStore.open(db)
    with store:
        assert "moved aside" in message
        _assert_fresh_and_working(store, db)
    # SQLite itself discards a journal or log it cannot use; whatever it leaves travels with the
    # damaged file, because beside the fresh one it would be "rolled back" into it. (The clean-close
    # note is the fresh file's own, written as the store closed.)
    assert sorted(p.name.split("corrupt-")[0] for p in tmp_path.iterdir() if not p.name.endswith(".closed")) == [
        "progress.sqlite3", "progress.sqlite3."]


def test_move_aside_takes_the_side_files_along(tmp_path):
    db = tmp_path / "progress.sqlite3"
    for name, body in [("", b"main"), ("-journal", b"journal"), ("-wal", b"log"), ("-shm", b"shared")]:
        Path(f"{db}{name}").write_bytes(body)
    moved = aside.move_aside(db, 1_700_000_000.0)
    assert moved.name.startswith("progress.sqlite3.corrupt-2023")
    assert [Path(f"{moved}{s}").read_bytes() for s in ("", "-journal", "-wal", "-shm")] == [
        b"main", b"journal", b"log", b"shared"]
    assert [p for p in tmp_path.iterdir() if not p.name.startswith(moved.name)] == []


def test_two_damaged_files_in_one_second_get_distinct_names(tmp_path):
    db = tmp_path / "progress.sqlite3"
    clock = lambda: 1_700_000_000.0  # noqa: E731 (the same second, every time)
    for _ in range(2):
        db.write_text("not a database")
        store, message = ProgressStore.open(db, clock=clock)
        store.close()
        assert "moved aside" in message
    assert len(list(tmp_path.glob("progress.sqlite3.corrupt-*"))) == 2


def test_empty_file_is_an_empty_database_not_damage(tmp_path):
    db = tmp_path / "progress.sqlite3"
    db.touch()  # what SQLite itself would leave if killed while creating the file
    store, message = ProgressStore.open(db)
    with store:
        assert message is None and store.persistent
    assert not list(tmp_path.glob("*.corrupt-*"))


def test_interrupted_transaction_is_rolled_back_not_moved(tmp_path):
    db = tmp_path / "progress.sqlite3"
    # The child commits one attempt, then dies in the middle of a big write that has already
    # spilled into the database file, leaving a hot journal behind.
    code = (
        "import os, sys\n"
        "from tutor.core.progress import ProgressStore\n"
        "store, _ = ProgressStore.open(sys.argv[1])\n"
        "store.record_attempt('l', 'e', seed=1, answer='2x', verdict='correct')\n"
        "conn = store._conn\n"
        "conn.execute('PRAGMA cache_size = 5')\n"
        "conn.execute('BEGIN IMMEDIATE')\n"
        "for i in range(3000):\n"
        "    conn.execute(\"INSERT INTO attempts (learner_id, lesson_id, exercise_id, seed, answer, verdict, at)"
        " VALUES (1, 'l', 'e', ?, ?, 'correct', 0)\", (i, 'y' * 200))\n"
        "os._exit(0)\n")
    done = subprocess.run([sys.executable, "-c", code, str(db)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert Path(f"{db}-journal").exists()
    store, message = ProgressStore.open(db)
    with store:
        assert message is None
        assert len(store.recent_attempts(10_000)) == 1
        assert store.exercise_state("l", "e").attempts == 1
    assert not list(tmp_path.glob("*.corrupt-*"))


# -- cannot write: fall back to memory ----------------------------------------------------------

def _assert_memory_fallback(store: ProgressStore, message: str | None, *why: str) -> None:
    assert message is not None and "will not be saved" in message
    for part in why:
        assert part in message
    assert not store.persistent and store.path is None
    assert store.record_attempt("l", "e", seed=1, answer="x", verdict="correct").solved


@needs_permissions
def test_unwritable_directory_falls_back_to_memory(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        store, message = ProgressStore.open(locked / "progress.sqlite3")
        with store:
            _assert_memory_fallback(store, message, str(locked))
        assert list(locked.iterdir()) == []
    finally:
        locked.chmod(0o755)


@needs_permissions
def test_unreadable_file_falls_back_to_memory_and_is_left_alone(tmp_path):
    db = tmp_path / "progress.sqlite3"
    _real_database(db, attempts=1)
    db.chmod(0o000)
    try:
        store, message = ProgressStore.open(db)
        with store:
            _assert_memory_fallback(store, message, "Permission denied")
    finally:
        db.chmod(0o644)
    assert not list(tmp_path.glob("*.corrupt-*"))


def test_file_that_cannot_be_read_falls_back_to_memory(tmp_path, monkeypatch):
    db = tmp_path / "progress.sqlite3"
    _real_database(db, attempts=1)
    before = _digest(db)
    real_open = Path.open

    def guarded(self, *args, **kwargs):
        if self == db:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(Path, "open", guarded)
        store, message = ProgressStore.open(db)
        with store:
            _assert_memory_fallback(store, message, str(db), "cannot be used (Permission denied)")
    assert _digest(db) == before and not list(tmp_path.glob("*.corrupt-*"))


def test_directory_that_cannot_be_created_falls_back_to_memory(tmp_path, monkeypatch):
    def refuse(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "mkdir", refuse)
    store, message = ProgressStore.open(tmp_path / "new" / "progress.sqlite3")
    with store:
        _assert_memory_fallback(store, message, "Permission denied", str(tmp_path / "new"))


def test_data_dir_that_is_a_file_falls_back_to_memory(tmp_path):
    (tmp_path / "data").write_text("a file where the directory should be")
    store, message = ProgressStore.open(tmp_path / "data" / "progress.sqlite3")
    with store:
        _assert_memory_fallback(store, message)


def test_database_path_that_is_a_directory_falls_back_to_memory(tmp_path):
    (tmp_path / "progress.sqlite3").mkdir()
    store, message = ProgressStore.open(tmp_path / "progress.sqlite3")
    with store:
        _assert_memory_fallback(store, message, "is not a file")
    assert (tmp_path / "progress.sqlite3").is_dir()


def test_read_only_database_falls_back_to_memory_and_is_left_alone(tmp_path, monkeypatch):
    db = tmp_path / "progress.sqlite3"
    _real_database(db, attempts=1)
    before = _digest(db)

    def read_only(conn):
        err = sqlite3.OperationalError("attempt to write a readonly database")
        err.sqlite_errorcode = sqlite3.SQLITE_READONLY
        raise err

    monkeypatch.setattr(opening, "_configure", read_only)
    store, message = ProgressStore.open(db)
    with store:
        _assert_memory_fallback(store, message, "readonly")
    assert _digest(db) == before and not list(tmp_path.glob("*.corrupt-*"))


def test_locked_database_falls_back_to_memory(tmp_path, monkeypatch):
    db = tmp_path / "progress.sqlite3"
    _real_database(db, attempts=1)
    monkeypatch.setattr(opening, "BUSY_SECONDS", 0.05)
    holder = sqlite3.connect(db, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        store, message = ProgressStore.open(db)
        with store:
            _assert_memory_fallback(store, message, "locked")
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_damaged_file_that_cannot_be_moved_is_left_and_memory_used(tmp_path, monkeypatch):
    db = tmp_path / "progress.sqlite3"
    db.write_bytes(b"garbage" * 100)

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied", str(src))

    monkeypatch.setattr(aside.os, "rename", refuse)
    store, message = ProgressStore.open(db)
    with store:
        _assert_memory_fallback(store, message, "could not be moved aside", "left as it is")
    assert db.read_bytes() == b"garbage" * 100


def test_unforeseen_failure_still_opens_in_memory(tmp_path, monkeypatch):
    def broken(path, now):
        raise RuntimeError("a bug nobody foresaw")

    monkeypatch.setattr(opening, "_open_file", broken)
    store, message = ProgressStore.open(tmp_path / "progress.sqlite3")
    with store:
        _assert_memory_fallback(store, message, "a bug nobody foresaw")


def test_after_a_clean_close_the_full_check_is_skipped_and_after_anything_else_it_runs(tmp_path):
    import stat

    from tutor.core.progress import cleanclose

    db = tmp_path / "progress.sqlite3"
    _real_database(db, attempts=3)
    note = db.with_name(db.name + cleanclose.SUFFIX)
    assert note.exists() and stat.S_IMODE(note.stat().st_mode) == 0o600  # the store closed cleanly
    _damage("index out of step", db)  # damage only the full check sees, made by another program
    damaged = db.read_bytes()
    cleanclose.leave(db)  # as if the tutor itself had closed the file in this state
    store, message = ProgressStore.open(db)
    store.close()
    assert message is None  # trusted: the file is exactly as a clean close left it, no check ran
    db.write_bytes(damaged)  # the same file, changed since (its time moves): the check runs
    store, message = ProgressStore.open(db)
    store.close()
    assert message is not None and "integrity check failed" in message and "moved aside" in message
