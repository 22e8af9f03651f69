"""The submit folder: every checked answer arrives whole, in order, once the folder is there; nothing is lost."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

from tutor.core.progress import AnswerContext, ProgressDatabase
from tutor.core.results import outbox as outbox_module
from tutor.core.results.outbox import Outbox
from tutor.core.xapi.statements import SheetContext
from tutor.core.xapi.submit import append_lines, submit_file

SHEET = SheetContext("lab-1", "Lab one", "ML 2B")


def record(store, n: int, submit: Path, sheet: SheetContext | None = SHEET) -> None:
    store.record_attempt("basic-example", "dfdx-basic", seed=7, answer=f"answer {n}",
                         verdict="correct" if n % 2 else "incorrect",
                         context=AnswerContext(message=f"feedback {n}", duration_ms=1000.0, sheet=sheet),
                         submit=submit)


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_answers_arrive_as_the_statements_an_export_gives(tmp_path):
    submit = tmp_path / "submit"
    submit.mkdir()
    db, _ = ProgressDatabase.open(tmp_path / "p.sqlite3")
    with db:
        store = db.learner("Ana María")
        box = Outbox(db)
        for n in range(3):
            record(store, n, submit)
            assert box.send() is None
        record(store, 3, submit, sheet=None)
        assert box.send() is None and box.waiting == 0
        target = submit / "ML 2B" / "Ana María.lab-1.jsonl"
        assert target == submit_file(submit, "Ana María", "ML 2B", "lab-1")
        exported = list(store.statements())
        assert lines(target) == exported[:3]
        assert lines(submit / "practice" / "Ana María.practice.jsonl") == exported[3:]


def test_a_folder_that_vanishes_mid_lab_and_comes_back_loses_nothing(tmp_path):
    submit, away = tmp_path / "share", tmp_path / "share-unmounted"
    submit.mkdir()
    db, _ = ProgressDatabase.open(tmp_path / "p.sqlite3")
    with db:
        store, box = db.learner("Ana"), Outbox(db)
        record(store, 0, submit)
        assert box.send() is None
        submit.rename(away)                      # the share drops out
        warnings = []
        for n in range(1, 5):
            record(store, n, submit)
            warnings.append(box.send())
        assert warnings[0] and "cannot be reached" in warnings[0] and "kept" in warnings[0]
        assert warnings[1:] == [None, None, None]   # one quiet warning, not one per answer
        assert not submit.exists()                   # the missing folder is never made (it may be a mount point)
        assert box.waiting == 4
        away.rename(submit)                          # it is back
        record(store, 5, submit)
        assert box.send() is None and box.waiting == 0
        got = lines(submit / "ML 2B" / "Ana.lab-1.jsonl")
        assert [s["result"]["response"] for s in got] == [f"answer {n}" for n in range(6)]
        assert [s["id"] for s in got] == [s["id"] for s in store.statements()]
        submit.rename(away)                          # a second outage is worth a second warning
        record(store, 6, submit)
        assert box.send()


def test_lines_waiting_when_the_tutor_closed_are_sent_on_the_next_start(tmp_path):
    submit = tmp_path / "share"
    db, _ = ProgressDatabase.open(tmp_path / "p.sqlite3")
    with db:
        record(db.learner("Ana"), 0, submit)
        assert Outbox(db).send()
    submit.mkdir()
    db, _ = ProgressDatabase.open(tmp_path / "p.sqlite3")
    with db:
        assert Outbox(db).send() is None
    assert len(lines(submit / "ML 2B" / "Ana.lab-1.jsonl")) == 1


def test_a_hanging_folder_costs_one_warning_not_a_frozen_screen(tmp_path, monkeypatch):
    submit = tmp_path / "share"
    submit.mkdir()
    release = threading.Event()
    real = outbox_module.append_lines

    def hanging(*args):
        release.wait(10)
        real(*args)

    monkeypatch.setattr(outbox_module, "append_lines", hanging)
    db, _ = ProgressDatabase.open(tmp_path / "p.sqlite3")
    with db:
        store, box = db.learner("Ana"), Outbox(db, wait=0.2)
        record(store, 0, submit)
        assert "does not answer" in box.send()
        record(store, 1, submit)
        assert box.send() is None       # still hanging: no second warning, no second sender
        release.set()
        box._thread.join(10)
        assert box.send() is None and box.waiting == 0
        assert len(lines(submit / "ML 2B" / "Ana.lab-1.jsonl")) == 2


def test_a_torn_last_line_is_closed_off_before_the_next(tmp_path):
    target = tmp_path / "c" / "f.jsonl"
    target.parent.mkdir()
    target.write_bytes(b'{"id": "half a li')
    append_lines(tmp_path, target, [b'{"whole": 1}\n'])
    assert target.read_bytes().splitlines()[-1] == b'{"whole": 1}'


WRITER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from tutor.core.progress import AnswerContext, ProgressDatabase
    from tutor.core.results.outbox import Outbox
    from tutor.core.xapi.statements import SheetContext
    data, submit, learner, n = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], int(sys.argv[4])
    db, _ = ProgressDatabase.open(data / "progress.sqlite3")
    store, box = db.learner(learner), Outbox(db)
    for i in range(n):
        store.record_attempt("basic-example", "dfdx-basic", seed=1, answer=f"{learner} {i} " + "x" * 3000,
                             verdict="incorrect", context=AnswerContext(sheet=SheetContext("lab-1", "Lab", "ML 2B")),
                             submit=submit)
        assert box.send() is None
    db.close()
""")

SAME_FILE = textwrap.dedent("""
    import sys
    from pathlib import Path
    from tutor.core.xapi.submit import append_lines
    root, who = Path(sys.argv[1]), sys.argv[2]
    for i in range(300):
        append_lines(root, root / "c" / "same.jsonl", [('{"who": "%s", "i": %d, "pad": "%s"}\\n' % (who, i, "y" * 20000)).encode()])
""")


def test_two_machines_writing_one_folder_at_once_lose_no_line(tmp_path):
    submit = tmp_path / "share"
    submit.mkdir()
    runs = []
    for learner in ("Ana", "Bo"):
        data = tmp_path / learner
        data.mkdir()
        runs.append(subprocess.Popen([sys.executable, "-c", WRITER, str(data), str(submit), learner, "60"]))
    assert [p.wait(120) for p in runs] == [0, 0]
    for learner in ("Ana", "Bo"):
        got = lines(submit / "ML 2B" / f"{learner}.lab-1.jsonl")
        assert [s["result"]["response"].split()[:2] for s in got] == [[learner, str(i)] for i in range(60)]


def test_two_writers_on_one_file_never_interleave_a_line(tmp_path):
    (tmp_path / "c").mkdir()
    runs = [subprocess.Popen([sys.executable, "-c", SAME_FILE, str(tmp_path), who]) for who in ("a", "b")]
    assert [p.wait(120) for p in runs] == [0, 0]
    got = lines(tmp_path / "c" / "same.jsonl")
    assert sorted((g["who"], g["i"]) for g in got) == sorted((w, i) for w in "ab" for i in range(300))
