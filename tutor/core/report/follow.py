"""Following a submit folder as it fills: each file's new bytes read once, a torn last line kept until whole.

A learner's machine appends one whole line per checked answer; a line still being written (or
cut by a crash, to be closed by the next append) has no newline yet, so it waits in `pending`
until one arrives. A file that shrank or was replaced is read again from the start (statement ids
make the second reading count once). A whole JSON document (`[...]`, an LRS answer) is read again
whole when it changes.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from .attempt import Attempt, Completion
from .reading import SUFFIXES, MAX_FILE_BYTES, Reading, decode_line, read_file, statement_files

READ_CHUNK = 1 << 20  # bytes read at a time from a growing file


@dataclass
class _File:
    offset: int = 0
    line: int = 0          # lines read so far (for file:line in warnings)
    pending: bytes = b""   # the start of a line whose end has not been written yet
    inode: int | None = None
    whole: bool = False    # a JSON document, read whole each time


@dataclass(frozen=True)
class Batch:
    """What one look at the changed files found."""

    attempts: tuple[Attempt, ...] = ()
    completions: tuple[Completion, ...] = ()
    skipped: int = 0


@dataclass
class Follower:
    """The statements under `paths`, read once and then only as they grow. Thread-safe: the watcher
    thread calls update(), the screen takes snapshot()s."""

    paths: list[Path]
    reading: Reading = field(default_factory=Reading)
    _files: dict[Path, _File] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self) -> Batch:
        """Read everything there is now (what is not a statements file is named, as the report does)."""
        with self._lock:
            before = self._mark()
            for raw in self.paths:
                if not raw.exists():
                    self.reading.skip("no such file or folder", str(raw))
                    continue
                files, others = statement_files(raw)
                for other in others:
                    self.reading.skip("not a statements file (.jsonl, .json)", str(other))
                for file in files:
                    self._read(file)
            return self._since(before)

    def update(self, changed: Iterable[Path] | None = None) -> Batch:
        """Read what was added to `changed` files (None: look at every file under the paths)."""
        with self._lock:
            before = self._mark()
            for file in self._candidates(changed):
                self._read(file)
            return self._since(before)

    def snapshot(self) -> Reading:
        """A copy of everything read so far, safe to use while reading goes on."""
        with self._lock:
            r = self.reading
            return replace(r, attempts=list(r.attempts), completions=list(r.completions), skipped=r.skipped.copy(),
                           examples={k: list(v) for k, v in r.examples.items()}, _seen=set())

    @property
    def files(self) -> int:
        return len(self._files)

    # -- inside the lock ------------------------------------------------------------------------------------------
    def _candidates(self, changed: Iterable[Path] | None) -> list[Path]:
        if changed is None:
            return [f for raw in self.paths if raw.exists() for f in statement_files(raw)[0]]
        return [p for p in changed if p.suffix.lower() in SUFFIXES and self._inside(p) and p.is_file()]

    def _inside(self, path: Path) -> bool:
        for root in self.paths:
            if path == root:
                return True
            try:
                parts = path.relative_to(root).parts
            except ValueError:
                continue
            return not any(part.startswith(".") for part in parts)
        return False

    def _read(self, path: Path) -> None:
        state = self._files.get(path)
        try:
            stat = path.stat()
        except OSError as error:
            self.reading.skip(f"unreadable ({error.strerror or error})", str(path))
            return
        if state is None or state.inode != stat.st_ino or stat.st_size < state.offset:
            state = self._files[path] = _File(inode=stat.st_ino, whole=_is_document(path))
            self.reading.files += 1
        if state.whole:
            if stat.st_size != state.offset:
                read_file(path, self.reading)
                self.reading.files -= 1  # read_file counts the file, already counted here
                state.offset = stat.st_size
            return
        if stat.st_size > MAX_FILE_BYTES:
            self.reading.skip("file too large", str(path))
            state.whole, state.offset = True, stat.st_size
            return
        self._tail(path, state, stat.st_size)

    def _tail(self, path: Path, state: _File, size: int) -> None:
        try:
            with open(path, "rb") as stream:
                stream.seek(state.offset)
                while state.offset < size:
                    chunk = stream.read(min(READ_CHUNK, size - state.offset))
                    if not chunk:
                        break
                    state.offset += len(chunk)
                    self._lines(path, state, state.pending + chunk)
        except OSError as error:
            self.reading.skip(f"unreadable ({error.strerror or error})", str(path))

    def _lines(self, path: Path, state: _File, data: bytes) -> None:
        *whole, state.pending = data.split(b"\n")
        for raw in whole:
            state.line += 1
            line = raw.decode("utf-8", errors="replace").strip().lstrip("\ufeff")
            if not line:
                continue
            where = f"{path}:{state.line}"
            try:
                statement = decode_line(line)
            except ValueError:
                self.reading.skip("a truncated line" if line.startswith("{") else "not JSON", where)
                continue
            self.reading.add(statement, where)

    def _mark(self) -> tuple[int, int, int]:
        r = self.reading
        return len(r.attempts), len(r.completions), sum(r.skipped.values())

    def _since(self, mark: tuple[int, int, int]) -> Batch:
        r = self.reading
        return Batch(tuple(r.attempts[mark[0]:]), tuple(r.completions[mark[1]:]), sum(r.skipped.values()) - mark[2])


def _is_document(path: Path) -> bool:
    """A JSON array or a pretty-printed document rather than JSON lines (the first bytes tell)."""
    if path.suffix.lower() == ".json":
        return True
    try:
        with open(path, "rb") as stream:
            head = stream.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    except OSError:
        return False
    return head.startswith(b"[")


def changed_paths(events: Iterable[tuple[object, str]]) -> set[Path]:
    """The files named in watchfiles' (change, path) pairs."""
    return {Path(os.fspath(path)) for _, path in events}
