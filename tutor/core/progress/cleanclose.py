"""A note, beside the database, that the tutor closed it cleanly: the next opening may skip the full check.

The full integrity check reads every page (a third of a second on a 70 MB history), and it runs
before the first screen. It is needed after a crash, a kill or a change by another program, not
after the tutor's own clean close. So a clean close writes the file's size and modification time
beside it; opening reads the note and removes it at once (a session that then crashes leaves
none), and skips the check only when the file is exactly as the tutor left it.
"""

from __future__ import annotations

import os
from pathlib import Path

SUFFIX = ".closed"


def _stamp(path: Path) -> str:
    info = path.stat()
    return f"{info.st_size} {info.st_mtime_ns}"


def take(path: Path) -> bool:
    """True when the file is exactly as a clean close left it; the note is used up either way."""
    note = path.with_name(path.name + SUFFIX)
    try:
        recorded = note.read_text(encoding="ascii").strip()
        note.unlink()
        return recorded == _stamp(path)
    except (OSError, UnicodeDecodeError):
        return False


def leave(path: Path) -> None:
    """After a clean close: note the file's size and time (private, as the database is)."""
    note = path.with_name(path.name + SUFFIX)
    try:
        fd = os.open(note, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as out:
            out.write(_stamp(path))
    except OSError:
        pass  # no note: the next opening runs the full check, as after a crash
