"""The lessons path: FIFOs, devices, links out of the folder, huge files and empty folders, said plainly."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tutor.cli import run
from tutor.core.lessons.catalog import read_catalog
from tutor.core.lessons.files import MAX_FILE_BYTES, find_lessons, path_problem
from tutor.core.lessons.loader import load_course

GOOD = "id: good\ntitle: Good\nsummary: Fine.\n"
HANG_GUARD_SECONDS = 20  # a hang detector only

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX only")
needs_dev_zero = pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero here")


def in_time(call):
    """call() in a thread; fails the test if it has not returned in time (opening a FIFO blocks)."""
    result: list = []
    thread = threading.Thread(target=lambda: result.append(call()), daemon=True)
    thread.start()
    thread.join(HANG_GUARD_SECONDS)
    assert not thread.is_alive(), "hung"
    assert result, "raised"
    return result[0]


def odd_paths(tmp_path):
    paths = {}
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "fifo")
        paths["fifo"] = (tmp_path / "fifo", "a named pipe (FIFO), not a folder or a lesson file")
    if os.path.exists("/dev/zero"):
        (tmp_path / "zero-link").symlink_to("/dev/zero")
        paths["/dev/zero"] = (Path("/dev/zero"), "a character device, not a folder or a lesson file")
        paths["a link to /dev/zero"] = (tmp_path / "zero-link", "a character device, not a folder or a lesson file")
    return paths


@needs_fifo
@needs_dev_zero
def test_a_fifo_or_a_device_as_the_path_is_an_error_not_a_crash(tmp_path, capsys) -> None:
    for name, (path, message) in odd_paths(tmp_path).items():
        course = in_time(lambda p=path: load_course(p))
        assert [e.message for e in course.errors] == [message], name
        assert course.empty_reason.endswith(message)
        assert in_time(lambda p=path: read_catalog(p)) == []
        assert in_time(lambda p=path: run(["validate", str(p), "--seeds", "1"])) == 1
        assert message in capsys.readouterr().out


@needs_fifo
def test_the_app_refuses_a_fifo_before_opening(tmp_path) -> None:
    os.mkfifo(tmp_path / "fifo")
    done = subprocess.run([sys.executable, "-m", "tutor", str(tmp_path / "fifo")], capture_output=True, text=True,
                          timeout=HANG_GUARD_SECONDS, stdin=subprocess.DEVNULL)
    assert done.returncode == 2
    assert done.stderr.strip() == f"tutor: a named pipe (FIFO), not a folder or a lesson file: {tmp_path / 'fifo'}"


def test_links_out_of_the_folder_are_not_followed(tmp_path) -> None:
    outside = tmp_path / "secret.yaml"
    outside.write_text("root:x:0:0:SECRET-LINE:/root:/bin/bash\n", encoding="utf-8")
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    (lessons / "01-good.yaml").write_text(GOOD, encoding="utf-8")
    (lessons / "02-secret.yaml").symlink_to(outside)
    (lessons / "03-again.yaml").symlink_to(lessons / "01-good.yaml")  # inside the folder: followed
    course = load_course(lessons)
    assert [lesson.path.name for lesson in course.lessons] == ["01-good.yaml", "03-again.yaml"]
    assert not any("SECRET" in str(e) for e in course.errors)
    assert [(w.path, w.message) for w in course.warnings] == [
        (str(lessons / "02-secret.yaml"), f"a link to {outside}, outside the lessons folder: not read")]
    assert [e.path.name for e in read_catalog(lessons)] == ["01-good.yaml", "03-again.yaml"]


@needs_fifo
@needs_dev_zero
def test_non_regular_files_inside_the_folder_are_skipped_with_a_warning(tmp_path, capsys) -> None:
    (tmp_path / "01-good.yaml").write_text(GOOD, encoding="utf-8")
    os.mkfifo(tmp_path / "02-pipe.yaml")
    (tmp_path / "03-zero.yaml").symlink_to("/dev/zero")
    (tmp_path / "04-folder.yaml").mkdir()
    (tmp_path / "05-nothing.yaml").symlink_to(tmp_path / "missing")
    course = in_time(lambda: load_course(tmp_path))
    assert [lesson.id for lesson in course.lessons] == ["good"] and course.errors == []
    assert [(os.path.basename(w.path), w.message) for w in course.warnings] == [
        ("02-pipe.yaml", "a named pipe (FIFO), not a folder or a lesson file: not read"),
        ("03-zero.yaml", "a link to /dev/zero, outside the lessons folder: not read"),
        ("04-folder.yaml", "a folder, not a lesson file: not read"),
        ("05-nothing.yaml", "a link to nothing: not read"),
    ]
    assert in_time(lambda: run(["validate", str(tmp_path), "--seeds", "1"])) == 0
    assert "warning: " + str(tmp_path / "02-pipe.yaml") in capsys.readouterr().out


def test_a_file_over_the_limit_is_refused_unread(tmp_path) -> None:
    big = tmp_path / "01-big.yaml"
    big.write_text(GOOD + "# " + "x" * MAX_FILE_BYTES + "\n", encoding="utf-8")
    course = load_course(tmp_path)
    assert [e.message for e in course.errors] == [
        "the file is over 1,000,000 bytes (1 MB), the most a lesson file may hold: split it into several lessons"]
    assert course.broken[0].title == "01 big"
    assert read_catalog(tmp_path)[0].readable is False


def test_an_empty_folder_has_no_lessons_and_says_so(tmp_path, capsys) -> None:
    (tmp_path / "notes.txt").write_text("not a lesson", encoding="utf-8")
    course = load_course(tmp_path)
    assert course.lessons == [] and course.broken == []
    assert "no lessons here: a lesson is a file ending in .yaml or .yml" in course.empty_reason
    assert run(["validate", str(tmp_path)]) == 1
    assert "no lessons here" in capsys.readouterr().out


def test_path_problem_names_what_the_path_is(tmp_path) -> None:
    assert path_problem(tmp_path) is None
    assert path_problem(tmp_path / "missing") == "no such file or folder"
    (tmp_path / "f.yaml").write_text(GOOD, encoding="utf-8")
    assert path_problem(tmp_path / "f.yaml") is None
    assert find_lessons(tmp_path / "f.yaml").files == [tmp_path / "f.yaml"]


def test_a_file_that_is_not_utf8_says_where(tmp_path) -> None:
    (tmp_path / "01.yaml").write_bytes(b"id: a\ntitle: caf\xe9\n")
    error = load_course(tmp_path).errors[0]
    assert error.message == ("not UTF-8 text: the byte 0xe9 at line 2, byte 11 is not UTF-8; save the file as UTF-8")
