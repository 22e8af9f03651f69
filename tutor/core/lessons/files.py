"""Where lessons are, and reading one safely: regular files only, within the folder, at most 1 MB.

A lessons path can be anything a user types: a FIFO (reading it waits forever), /dev/zero (never
ends), a folder whose links lead to /etc/shadow. Only regular files are read, only through links
that stay inside the lessons folder, and never more than MAX_FILE_BYTES of one.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

MAX_FILE_BYTES = 1_000_000  # the largest bundled lesson is ~12 KB; documented in lessons/README.md
SUFFIXES = (".yaml", ".yml")


def bundled_lessons_dir() -> Path:
    """The course shipped with the package (a wheel) or beside it (an editable install)."""
    package = Path(__file__).resolve().parents[2]
    inside = package / "lessons"
    return inside if inside.is_dir() else package.parent / "lessons"


class LessonFileError(Exception):
    """A lesson file that cannot be read; the message says why."""


@dataclass
class Listing:
    """The lesson files of a path, the entries left out (each with why), or why the path is unusable."""

    files: list[Path] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    problem: str | None = None


def path_problem(path: Path) -> str | None:
    """Why `path` cannot hold lessons (None for a folder or a regular file), following links."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return "no such file or folder"
    except OSError as error:
        return f"cannot read it ({error.strerror or error})"
    if stat.S_ISDIR(mode) or stat.S_ISREG(mode):
        return None
    return f"{_kind(mode)}, not a folder or a lesson file"


def find_lessons(path: Path) -> Listing:
    """The lesson files at `path` in name order: the file itself, or a folder's .yaml/.yml files."""
    problem = path_problem(path)
    if problem is not None:
        return Listing(problem=problem)
    if not path.is_dir():
        return Listing([path])
    root = path.resolve()
    listing = Listing()
    try:
        entries = sorted(p for p in path.iterdir() if p.suffix in SUFFIXES)
    except OSError as error:
        return Listing(problem=f"cannot read the folder ({error.strerror or error})")
    for entry in entries:
        try:
            target = entry.resolve()
        except (OSError, RuntimeError):  # a loop of links
            listing.skipped.append((entry, "a link that leads round in a loop: not read"))
            continue
        if entry.is_symlink() and not target.is_relative_to(root):
            listing.skipped.append((entry, f"a link to {target}, outside the lessons folder: not read"))
            continue
        why = path_problem(entry)
        if why == "no such file or folder":
            listing.skipped.append((entry, "a link to nothing: not read"))
        elif why is not None or entry.is_dir():
            listing.skipped.append((entry, f"{why or 'a folder, not a lesson file'}: not read"))
        else:
            listing.files.append(entry)
    return listing


def read_lesson_text(path: Path) -> str:
    """The file's text; raises LessonFileError for anything but a regular UTF-8 file of at most 1 MB."""
    # O_NONBLOCK: a FIFO put in place after the listing opens at once instead of waiting for a writer.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as error:
        raise LessonFileError(f"cannot read the file ({error.strerror or error})") from error
    with os.fdopen(fd, "rb") as file:
        mode = os.fstat(file.fileno()).st_mode
        if not stat.S_ISREG(mode):
            raise LessonFileError(f"{_kind(mode)}, not a lesson file: not read")
        raw = file.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        raise LessonFileError(f"the file is over {MAX_FILE_BYTES:,} bytes (1 MB), the most a lesson file may "
                              "hold: split it into several lessons")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise LessonFileError(f"not UTF-8 text: the byte 0x{raw[error.start]:02x} at line {line}, byte {column} "
                              "is not UTF-8; save the file as UTF-8") from error


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a folder" if stat.S_ISDIR(mode) else "not a regular file"


def looks_like_sheet(data: object) -> bool:
    """A lab sheet (items:, no pages or exercises) found among lessons is not a broken lesson."""
    return isinstance(data, dict) and "items" in data and "exercises" not in data and "pages" not in data
