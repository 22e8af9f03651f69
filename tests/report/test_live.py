"""Following a submit folder as it fills: new bytes only, torn lines kept, told by the system, the live model."""

from __future__ import annotations

import json
import os
import threading
from datetime import timedelta

from tutor.core.report.feed import ReportFeed
from tutor.core.report.follow import Follower
from tutor.core.report.live import LiveModel
from tutor.core.report.statement import read_statement
from tutor.core.report.watch import Plan, changes, network_file_system, plan

from .conftest import START, statement

A, B = "basic-example/dfdx-basic", "basic-example/dfdy-basic"


def line(*args, **kwargs) -> bytes:
    return (json.dumps(statement(*args, **kwargs)) + "\n").encode()


def test_only_new_lines_are_read_and_a_torn_line_waits_until_whole(tmp_path) -> None:
    path = tmp_path / "5B" / "ann.lab.jsonl"
    path.parent.mkdir()
    path.write_bytes(line("Ann", A, "2x", True))
    follower = Follower([tmp_path])
    assert len(follower.start().attempts) == 1
    second = line("Ann", B, "3", True, minute=1)
    with path.open("ab") as f:
        f.write(second[:40])  # the writer is half-way through a line
    assert follower.update({path}).attempts == ()
    with path.open("ab") as f:
        f.write(second[40:])
    batch = follower.update({path})
    assert [a.key for a in batch.attempts] == [B] and batch.skipped == 0
    assert follower.update({path}).attempts == ()  # nothing new: nothing read again
    assert follower.reading.warnings() == []


def test_new_files_truncated_files_and_bad_lines(tmp_path) -> None:
    first = tmp_path / "ann.jsonl"
    first.write_bytes(line("Ann", A, "2x", True))
    follower = Follower([tmp_path])
    follower.start()
    bob = tmp_path / "sub" / "bob.jsonl"
    bob.parent.mkdir()
    bob.write_bytes(line("Bob", A, "x", False, minute=2) + b"not json\n")
    batch = follower.update({bob, tmp_path / "notes.txt", tmp_path / ".hidden.jsonl"})
    assert [a.learner for a in batch.attempts] == ["Bob"] and batch.skipped == 1
    copy = tmp_path / "ann.tmp"
    copy.write_bytes(line("Ann", A, "2x", True))
    os.replace(copy, first)  # copied over again (a new file): read from the start, counted once
    assert follower.update({first}).attempts == ()
    assert follower.reading.duplicates == 1
    assert len(follower.update(None).attempts) == 0  # a look at everything finds nothing new
    snapshot = follower.snapshot()
    assert len(snapshot.attempts) == 2 and snapshot.attempts is not follower.reading.attempts


def test_a_network_share_is_polled_and_says_why(tmp_path) -> None:
    mounts = f"/dev/sda1 / ext4 rw 0 0\nserver:/lab {tmp_path} nfs4 rw 0 0\n"
    assert network_file_system(tmp_path / "submit", mounts) == "nfs4"
    assert network_file_system(tmp_path.parent, mounts) is None
    chosen = plan([tmp_path / "submit"], mounts=mounts)
    assert chosen.poll == 2.0 and "network share (nfs4)" in chosen.note
    assert plan([tmp_path], poll=0.5).poll == 0.5
    local = plan([tmp_path], mounts="/dev/sda1 / ext4 rw 0 0\n")
    assert local.poll is None and "told" in local.note


def test_polling_looks_until_stopped() -> None:
    stop = threading.Event()
    seen = []
    for found in changes([], stop, Plan(0.01, "test")):
        seen.append(found)
        if len(seen) == 3:
            stop.set()
    assert seen == [None, None, None]


def test_the_system_tells_of_a_new_line(tmp_path) -> None:
    path = tmp_path / "ann.jsonl"
    path.write_bytes(b"")
    stop = threading.Event()
    got: list = []
    ready = threading.Event()

    def follow() -> None:
        ready.set()
        for found in changes([tmp_path], stop, Plan(None, "test")):
            got.append(found)
            stop.set()

    thread = threading.Thread(target=follow)
    thread.start()
    ready.wait()
    for _ in range(50):  # the watch starts just after the thread does: write until it is told
        with path.open("ab") as f:
            f.write(line("Ann", A, "2x", True))
        thread.join(0.2)
        if not thread.is_alive():
            break
    stop.set()
    thread.join(5)
    assert not thread.is_alive() and got and path in got[0]


def attempt(learner, key, success, minute, seconds=30.0, diagnosis=None, tries=1):
    return read_statement(statement(learner, key, "x", success, minute=minute, seconds=seconds,
                                    diagnosis=diagnosis, tries=tries))


def test_the_live_model_who_works_on_what_and_who_is_stuck() -> None:
    model = LiveModel()
    model.add([attempt("Ann", A, True, 1), attempt("Ann", B, False, 3, diagnosis="sign")])
    model.add([attempt("Bob", A, False, m, diagnosis="not-held-constant", tries=m) for m in range(1, 7)])
    model.add([attempt("Cem", A, False, 2, seconds=60)])
    now = START + timedelta(minutes=14)
    rows = model.working(now)
    assert [w.learner for w in rows] == ["Bob", "Cem", "Ann"]  # Bob: 6 wrong tries; then the longest at it
    bob, cem, ann = rows
    assert bob.stuck(now) and bob.wrong == 6 and bob.diagnosis == "not-held-constant"
    assert cem.seconds_on(now) == 13 * 60 and cem.stuck(now)  # 1 min before his answer at minute 2
    assert ann.exercise == B and ann.seconds_on(now) == 11 * 60 + 30 and ann.stuck(now)
    earlier = START + timedelta(minutes=12)  # ten minutes back: Bob's last five, Ann's one
    assert [(r.code, r.count) for r in model.recent(earlier)] == [("not-held-constant", 5), ("sign", 1)]
    assert [(r.code, r.count, r.learners) for r in model.recent(now)] == [("not-held-constant", 3, ("Bob",))]
    assert model.pace(START + timedelta(minutes=6), minutes=2) == 3


def test_a_late_line_from_a_machine_back_online_takes_its_place() -> None:
    model = LiveModel()
    model.add([attempt("Ann", B, False, 5)])
    model.add([attempt("Ann", A, True, 1)])
    assert [a.key for a in model.attempts["Ann"]] == [A, B]
    assert model.working(START + timedelta(minutes=6))[0].exercise == B


def test_the_feed_reads_then_follows(tmp_path) -> None:
    path = tmp_path / "ann.jsonl"
    path.write_bytes(line("Ann", "basic-example/dfdx-scaled", "2x", False, seed=7))
    feed = ReportFeed([tmp_path])
    assert len(feed.start().attempts) == 1
    with path.open("ab") as f:
        f.write(line("Ann", "basic-example/dfdx-scaled", "4x", False, seed=7, minute=1))
    (new,) = feed.update({path}).attempts
    assert new.params and new.params_text.startswith("a = ")  # rebuilt from its seed as it arrives
    assert len(feed.report().attempts) == 2


def test_once_the_watch_stands_everything_is_looked_at_once(tmp_path) -> None:
    """A line written after the first reading but before the system watches the folder is not left
    waiting for its file's next change."""
    (tmp_path / "ann.jsonl").write_bytes(line("Ann", A, "2x", True))
    stop = threading.Event()
    found = changes([tmp_path], stop, Plan(None, "test"))
    assert next(found) is None  # the first quiet second: a look at every file
    stop.set()
    assert list(found) == []
