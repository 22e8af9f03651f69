"""The submit folder: JSON lines appended so a reader never sees half a line.

Layout: `DIR/<class>/<learner>.<sheet>.jsonl` (answers outside a sheet: `DIR/practice/<learner>.practice.jsonl`).
Each machine writes only its learners' files, so two machines on one network folder never write
the same file at once. Each line is one `os.write` on a file opened O_APPEND (the kernel puts it
whole at the end), then the file is fsync'd; closing the file releases its lock. The folder itself is never created: a missing folder
is a network share that is not mounted, and writing into the empty mount point would lose the
answers for the teacher while looking sent.
"""

from __future__ import annotations

import os
from pathlib import Path

from tutor.core.learners import file_stem

PRACTICE = "practice"  # class and sheet part of the path for answers given outside a sheet


class SubmitUnavailable(OSError):
    """The submit folder cannot be reached (not mounted, removed, read-only, full)."""


def submit_file(root: Path, learner: str, class_name: str | None, sheet_id: str | None) -> Path:
    folder = file_stem(class_name) if class_name else PRACTICE
    return root / folder / f"{file_stem(learner)}.{file_stem(sheet_id) if sheet_id else PRACTICE}.jsonl"


def append_lines(root: Path, target: Path, lines: list[bytes]) -> None:
    """Append whole lines to `target` under `root`; raises SubmitUnavailable when it cannot."""
    if not root.is_dir():
        raise SubmitUnavailable(f"the submit folder {root} is not there")
    try:
        target.parent.mkdir(exist_ok=True)
        fd = os.open(target, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)  # read: the last byte
    except OSError as err:
        raise SubmitUnavailable(f"{target.parent} cannot be written ({err.strerror or err})") from err
    try:
        _lock(fd)
        _end_torn_line(fd)
        for line in lines:
            _write_whole(fd, line)
        os.fsync(fd)
    except OSError as err:
        raise SubmitUnavailable(f"{target} cannot be written ({err.strerror or err})") from err
    finally:
        os.close(fd)


def _lock(fd: int) -> None:
    # Appends are whole without a lock; the lock keeps another writer of the same file (the same
    # learner on two machines) from ending its write while we look at the last byte, which would
    # make us "repair" a line that was only half-way through being written. A file system without
    # locks (some network shares) still gets whole lines.
    try:
        import fcntl

        fcntl.lockf(fd, fcntl.LOCK_EX)
    except (ImportError, OSError):
        pass


def _end_torn_line(fd: int) -> None:
    # A line cut short (power lost mid-write, a disk that filled) is closed off, so the next line
    # starts whole on its own line; readers skip the fragment as "not JSON".
    size = os.fstat(fd).st_size
    if size and os.pread(fd, 1, size - 1) != b"\n":
        _write_whole(fd, b"\n")


def _write_whole(fd: int, line: bytes) -> None:
    written = os.write(fd, line)
    while written < len(line):  # only on a full disk or a signal; the rest follows at once
        more = os.write(fd, line[written:])
        if more <= 0:
            raise OSError("the line could not be written whole")
        written += more
